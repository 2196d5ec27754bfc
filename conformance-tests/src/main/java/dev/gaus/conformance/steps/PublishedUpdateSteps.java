package dev.gaus.conformance.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gaus.conformance.internal.Device;
import dev.gaus.conformance.internal.Exchange;
import dev.gaus.conformance.internal.Expect;
import dev.gaus.conformance.internal.Json;
import dev.gaus.conformance.internal.KitHttp;
import dev.gaus.conformance.internal.World;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Steps of protocol.md §3 with updates published: what is offered, the files behind it, the ETag. */
public class PublishedUpdateSteps {
    private final World world;
    private final List<JsonNode> offered = new ArrayList<>();
    private final List<Exchange> downloads = new ArrayList<>();
    private final List<long[]> ranges = new ArrayList<>();
    private final List<Exchange> rangeAnswers = new ArrayList<>();
    private String keptEtag;

    public PublishedUpdateSteps(World world) {
        this.world = world;
    }

    /** The expected device's query: every --update-param, URL-encoded. */
    private static String query(Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.length() == 0 ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        return q.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Exchange check(Device device, Map<String, String> params, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(World.bearer(device.token()));
        headers.putAll(extraHeaders);
        return world.checkForUpdates(device, query(params), headers);
    }

    @When("{string} checks for updates with the expected update parameters")
    public void checksWithExpectedParameters(String alias) {
        check(world.device(alias), world.context().updateParams(), Map.of());
    }

    @Then("it offers exactly one update of each expected updateType")
    public void offersEachExpectedType() {
        JsonNode updates = Json.at(Expect.jsonObject(world.last()), "updates");
        Expect.that(updates.isArray(), "expected \"updates\" to be a list but it is " + Json.typeOf(updates));
        for (String type : world.context().expectedUpdateTypes()) {
            long count = 0;
            for (JsonNode u : updates) {
                if (type.equals(u.path("updateType").asText(null))) {
                    count++;
                }
            }
            Expect.that(count == 1, "expected exactly one update of updateType \"" + type + "\" for a device sending "
                    + query(world.context().updateParams()) + " but the answer holds " + count);
        }
    }

    @Given("the device {string} has been offered the expected updates")
    public void offeredExpectedUpdates(String alias) {
        Device device = world.authenticatedDevice(alias);
        Exchange exchange = check(device, world.context().updateParams(), Map.of());
        Expect.status(exchange, 200);
        offersEachExpectedType();
        for (JsonNode u : Json.at(Expect.jsonObject(exchange), "updates")) {
            if (world.context().expectedUpdateTypes().contains(u.path("updateType").asText())) {
                Expect.nonEmptyString(u, "downloadUrl");
                Expect.nonEmptyString(u, "md5");
                Expect.that(u.path("size").isIntegralNumber() && u.path("size").asLong() >= 0,
                        "expected the size of update " + u.path("updateId").asText() + " to be a whole number");
                offered.add(u);
            }
        }
    }

    @Given("the device {string} has been offered the expected updates and kept the ETag")
    public void offeredAndKeptEtag(String alias) {
        offeredExpectedUpdates(alias);
        keptEtag = world.last().header("ETag").orElse(null);
        Expect.that(keptEtag != null, "the 200 carries no ETag header");
    }

    @When("each offered update is downloaded from its downloadUrl")
    public void downloadEach() {
        for (JsonNode u : offered) {
            downloads.add(download(u, Map.of()));
        }
    }

    /**
     * GET on the downloadUrl, without a token (the URL is the capability, as the public shell
     * tooling assumes); a server that wants the device's token gets it on a second try.
     */
    private Exchange download(JsonNode update, Map<String, String> headers) {
        URI url;
        try {
            url = URI.create(update.path("downloadUrl").asText());
        } catch (IllegalArgumentException e) {
            throw new AssertionError("the downloadUrl of update " + update.path("updateId").asText() + " is not a URL");
        }
        Expect.that(url.isAbsolute() && ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme())),
                "expected an absolute http(s) downloadUrl but it is " + url);
        KitHttp http = new KitHttp(world.context());
        Exchange exchange = http.send("GET", url, headers, null);
        if (exchange.status() == 401 || exchange.status() == 403) {
            Map<String, String> withToken = new LinkedHashMap<>(headers);
            withToken.putAll(World.bearer(world.onlyDevice().token()));
            exchange = http.send("GET", url, withToken, null);
        }
        world.last(exchange);
        return exchange;
    }

    @Then("each download is 200 with exactly the announced size")
    public void downloadsHaveTheSize() {
        for (int i = 0; i < offered.size(); i++) {
            Exchange d = downloads.get(i);
            world.last(d);
            Expect.status(d, 200);
            long size = offered.get(i).path("size").asLong();
            Expect.that(d.responseBody().length == size, "update " + offered.get(i).path("updateId").asText()
                    + " announced " + size + " bytes but its download has " + d.responseBody().length);
        }
    }

    @Then("each download has the announced md5 and, when given, toSha256")
    public void downloadsHaveTheDigests() {
        for (int i = 0; i < offered.size(); i++) {
            JsonNode u = offered.get(i);
            Exchange d = downloads.get(i);
            world.last(d);
            String md5 = hex("MD5", d.responseBody());
            Expect.that(md5.equalsIgnoreCase(u.path("md5").asText()), "update " + u.path("updateId").asText()
                    + " announced md5 " + u.path("md5").asText() + " but its download has md5 " + md5);
            JsonNode sha = u.path("metadata").path("toSha256");
            if (sha.isTextual()) {
                String actual = hex("SHA-256", d.responseBody());
                Expect.that(actual.equalsIgnoreCase(sha.asText()), "update " + u.path("updateId").asText()
                        + " announced toSha256 " + sha.asText() + " but its download has " + actual);
            }
        }
    }

    @When("a byte range of each offered update is downloaded")
    public void downloadRanges() {
        for (JsonNode u : offered) {
            long size = u.path("size").asLong();
            Expect.that(size > 0, "update " + u.path("updateId").asText() + " is empty: no byte range to ask for");
            long first = size / 3;
            long last = Math.min(first + 99, size - 1);
            ranges.add(new long[] {first, last});
            rangeAnswers.add(download(u, Map.of("Range", "bytes=" + first + "-" + last)));
        }
    }

    @Then("each range answer is 206 with a Content-Range and the bytes of the file at that range")
    public void rangeAnswersMatch() {
        for (int i = 0; i < offered.size(); i++) {
            Exchange r = rangeAnswers.get(i);
            world.last(r);
            long first = ranges.get(i)[0];
            long last = ranges.get(i)[1];
            Expect.status(r, 206);
            String contentRange = r.header("Content-Range").orElse(null);
            String wanted = "bytes " + first + "-" + last + "/" + offered.get(i).path("size").asLong();
            Expect.that(wanted.equals(contentRange == null ? null : contentRange.strip()),
                    "expected Content-Range: " + wanted + " but it is " + contentRange);
            byte[] whole = downloads.get(i).responseBody();
            byte[] expected = Arrays.copyOfRange(whole, (int) Math.min(first, whole.length),
                    (int) Math.min(last + 1, whole.length));
            Expect.that(Arrays.equals(expected, r.responseBody()), "the 206 body is not bytes " + first + "-" + last
                    + " of the file");
        }
    }

    @When("a byte range past the end of each offered update is asked for")
    public void downloadRangesPastTheEnd() {
        for (JsonNode u : offered) {
            long size = u.path("size").asLong();
            rangeAnswers.add(download(u, Map.of("Range", "bytes=" + size + "-" + (size + 99))));
        }
    }

    @Then("each of those answers is 416 with a Content-Range naming the size")
    public void rangesPastTheEndRefused() {
        for (int i = 0; i < offered.size(); i++) {
            Exchange r = rangeAnswers.get(i);
            world.last(r);
            Expect.status(r, 416);
            String contentRange = r.header("Content-Range").orElse(null);
            String wanted = "bytes */" + offered.get(i).path("size").asLong();
            Expect.that(wanted.equals(contentRange == null ? null : contentRange.strip()),
                    "expected Content-Range: " + wanted + " on the 416 but it is " + contentRange);
        }
    }

    @When("{string} checks for updates on the offered versions with If-None-Match of the kept ETag")
    public void checksOnOfferedVersions(String alias) {
        Map<String, String> params = new LinkedHashMap<>(world.context().updateParams());
        for (JsonNode u : offered) {
            params.put(u.path("updateType").asText() + "-version", u.path("version").asText());
        }
        check(world.device(alias), params, Map.of("If-None-Match", keptEtag));
    }

    @Then("none of the offered updates is offered again")
    public void notOfferedAgain() {
        JsonNode updates = updatesList();
        for (JsonNode u : updates) {
            for (JsonNode before : offered) {
                Expect.that(!before.path("updateId").asText().equals(u.path("updateId").asText()),
                        "a device on version " + before.path("version").asText() + " of \""
                                + before.path("updateType").asText() + "\" is offered that version again");
            }
        }
    }

    /** The answer's updates, which must be a list even when it is empty. */
    private JsonNode updatesList() {
        JsonNode updates = Json.at(Expect.jsonObject(world.last()), "updates");
        Expect.that(updates.isArray(), "expected \"updates\" to be a list, empty when there is nothing to install, but it is "
                + Json.typeOf(updates));
        return updates;
    }

    @When("{string} checks for updates with the expected update parameters but no version of the expected updateTypes")
    public void checksWithoutVersions(String alias) {
        Map<String, String> params = new LinkedHashMap<>(world.context().updateParams());
        world.context().expectedUpdateTypes().forEach(type -> params.remove(type + "-version"));
        check(world.device(alias), params, Map.of());
    }

    @When("{string} checks for updates on the versions it was offered")
    public void checksOnTheVersionsJustOffered(String alias) {
        Map<String, String> params = new LinkedHashMap<>(world.context().updateParams());
        for (JsonNode u : Json.at(Expect.jsonObject(world.last()), "updates")) {
            if (world.context().expectedUpdateTypes().contains(u.path("updateType").asText())) {
                params.put(u.path("updateType").asText() + "-version", u.path("version").asText());
            }
        }
        check(world.device(alias), params, Map.of());
    }

    /** Nothing is newer than the newest: what a device without a version got must have been that. */
    @Then("it offers no update of the expected updateTypes")
    public void offersNoneOfTheExpectedTypes() {
        for (JsonNode u : updatesList()) {
            String type = u.path("updateType").asText();
            Expect.that(!world.context().expectedUpdateTypes().contains(type), "a device on the version of \"" + type
                    + "\" that a device sending no version was offered is offered version " + u.path("version").asText()
                    + ": the device sending no version was not offered the newest");
        }
    }

    @Then("each download is 200 with a Content-Length of the announced size and a strong ETag")
    public void downloadsHaveLengthAndStrongEtag() {
        for (int i = 0; i < offered.size(); i++) {
            Exchange d = downloads.get(i);
            world.last(d);
            Expect.status(d, 200);
            String length = d.header("Content-Length").orElse(null);
            long size = offered.get(i).path("size").asLong();
            Expect.that(length != null && length.strip().equals(Long.toString(size)), "expected Content-Length: " + size
                    + " but it is " + (length == null ? "absent" + d.header("Transfer-Encoding").map(t -> " (the body came "
                    + t + ")").orElse("") : length));
            String etag = d.header("ETag").orElse(null);
            Expect.that(etag != null && etag.strip().matches("\"[^\"]*\""), "expected a strong ETag \"...\" but it is "
                    + (etag == null ? "absent" : etag));
        }
    }

    /**
     * One of the range forms of protocol.md, computed from the file's size: {@code first-} from a
     * third of the file, {@code -suffix} of its last 100 bytes, {@code first-beyond-end} from 50
     * bytes before its end to 50 bytes after it (which ends at its last byte).
     */
    @When("the byte range {string} of each offered update is downloaded")
    public void downloadRangeForm(String form) {
        for (JsonNode u : offered) {
            long size = u.path("size").asLong();
            Expect.that(size > 0, "update " + u.path("updateId").asText() + " is empty: no byte range to ask for");
            long first;
            String header;
            switch (form) {
                case "first-" -> {
                    first = size / 3;
                    header = "bytes=" + first + "-";
                }
                case "-suffix" -> {
                    first = Math.max(0, size - 100);
                    header = "bytes=-100";
                }
                case "first-beyond-end" -> {
                    first = Math.max(0, size - 50);
                    header = "bytes=" + first + "-" + (size + 49);
                }
                default -> throw new IllegalArgumentException("no range form " + form);
            }
            ranges.add(new long[] {first, size - 1});
            rangeAnswers.add(download(u, Map.of("Range", header)));
        }
    }

    @Then("the answer carries a weak ETag other than the kept one")
    public void etagChanged() {
        String etag = world.last().header("ETag").orElse(null);
        Expect.that(etag != null, "the 200 carries no ETag header");
        Expect.that(etag.matches("W/\"[^\"]*\""), "expected a weak ETag W/\"...\" but it is " + etag);
        Expect.that(!etag.equals(keptEtag), "the answer changed but its ETag " + etag + " did not");
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}

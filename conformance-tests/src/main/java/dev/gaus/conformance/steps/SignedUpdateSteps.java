package dev.gaus.conformance.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gaus.conformance.internal.Device;
import dev.gaus.conformance.internal.Exchange;
import dev.gaus.conformance.internal.Expect;
import dev.gaus.conformance.internal.Json;
import dev.gaus.conformance.internal.KitHttp;
import dev.gaus.conformance.internal.World;
import dev.gaus.core.UpdateKey;
import dev.gaus.core.UpdateSignature;
import dev.gaus.core.UpdateSignatureException;
import dev.gaus.core.VersionScheme;
import dev.gaus.core.message.Update;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Steps of the signed updates extension (protocol.md, Decided here): each offered update is
 * checked as a device that trusts the key given with {@code --update-key} checks it, with the
 * productGUID of the kit's own authentication, never one from the answer.
 */
public class SignedUpdateSteps {
    private final World world;
    private final List<JsonNode> offered = new ArrayList<>();
    private final List<UpdateSignature.Fields> signed = new ArrayList<>();
    private final List<Exchange> downloads = new ArrayList<>();

    public SignedUpdateSteps(World world) {
        this.world = world;
    }

    private UpdateKey trustedKey() {
        return world.context().updateKey().orElseThrow(() -> new IllegalStateException(
                "the @signed scenarios need the key updates are signed by (--update-key)"));
    }

    private static String query(Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.length() == 0 ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        return q.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @When("{string} checks for updates as a device that verifies signatures")
    public void checks(String alias) {
        Device device = world.device(alias);
        world.checkForUpdates(device, query(world.context().updateParams()), World.bearer(device.token()));
    }

    @Then("at least one update is offered")
    public void atLeastOne() {
        JsonNode updates = Json.at(Expect.jsonObject(world.last()), "updates");
        Expect.that(updates.isArray(), "expected \"updates\" to be a list but it is " + Json.typeOf(updates));
        Expect.that(updates.size() > 0, "no update is offered to a device sending "
                + (world.context().updateParams().isEmpty() ? "no parameters" : query(world.context().updateParams()))
                + ", so no signature can be checked: publish a signed update (or give --update-param)");
        updates.forEach(offered::add);
    }

    @Then("every offered update is signed by the trusted key over its productGUID, updateType, version, version scheme, size and SHA-256")
    public void everyOneSigned() {
        String productGuid = world.onlyDevice().productGUID();
        for (JsonNode u : offered) {
            signed.add(verified(u, productGuid));
        }
    }

    /** The fields the update's signature covers, failing the scenario unless it is the trusted key's. */
    private UpdateSignature.Fields verified(JsonNode u, String productGuid) {
        UpdateKey key = trustedKey();
        String what = "update " + u.path("updateId").asText("?") + " (" + u.path("updateType").asText("?") + " "
                + u.path("version").asText("?") + ")";
        JsonNode metadata = u.path("metadata");
        String signature = text(metadata, UpdateSignature.SIGNATURE_METADATA_KEY);
        Expect.that(signature != null, what + " carries no metadata." + UpdateSignature.SIGNATURE_METADATA_KEY
                + ": it is not signed, and a device trusting key " + key.id() + " refuses it");
        String keyId = text(metadata, UpdateSignature.KEY_ID_METADATA_KEY);
        Expect.that(key.id().equals(keyId), what + " is signed by key " + keyId + " (metadata."
                + UpdateSignature.KEY_ID_METADATA_KEY + "), not by the trusted key " + key.id());
        String scheme = text(metadata, UpdateSignature.VERSION_SCHEME_METADATA_KEY);
        Expect.that(scheme != null, what + " carries no metadata." + UpdateSignature.VERSION_SCHEME_METADATA_KEY
                + ", which its signature must cover");
        Expect.that(u.path("size").isIntegralNumber(), what + " has no whole number size");
        UpdateSignature.Fields fields;
        try {
            VersionScheme versionScheme = VersionScheme.of(scheme);
            Expect.that(versionScheme.name().toLowerCase(Locale.ROOT).equals(scheme), what + ": metadata."
                    + UpdateSignature.VERSION_SCHEME_METADATA_KEY + " must be in lower case, not " + scheme);
            fields = new UpdateSignature.Fields(productGuid, u.path("updateType").asText(), u.path("version").asText(),
                    versionScheme, u.path("size").asLong(), text(metadata, Update.SHA256_METADATA_KEY));
            Expect.that(UpdateSignature.verify(fields, signature, key), what + ": metadata."
                    + UpdateSignature.SIGNATURE_METADATA_KEY + " is not the trusted key's signature of the announced"
                    + " fields, i.e. of the text\n" + fields.canonicalText());
        } catch (IllegalArgumentException | UpdateSignatureException e) {
            throw new AssertionError(what + " cannot be verified: " + e.getMessage());
        }
        return fields;
    }

    private static String text(JsonNode metadata, String key) {
        JsonNode node = metadata.path(key);
        return node.isTextual() ? node.asText() : null;
    }

    @Given("the device {string} has been offered updates signed by the trusted key")
    public void offeredSigned(String alias) {
        world.authenticatedDevice(alias);
        checks(alias);
        Expect.status(world.last(), 200);
        atLeastOne();
        everyOneSigned();
    }

    /** GET on the downloadUrl without a token, then with the device's token if the server wants one. */
    @When("each signed update is downloaded from its downloadUrl")
    public void downloadEach() {
        KitHttp http = new KitHttp(world.context());
        for (JsonNode u : offered) {
            URI url;
            try {
                url = URI.create(u.path("downloadUrl").asText());
            } catch (IllegalArgumentException e) {
                throw new AssertionError("the downloadUrl of update " + u.path("updateId").asText() + " is not a URL");
            }
            Expect.that(url.isAbsolute(), "expected an absolute downloadUrl but it is " + url);
            Exchange exchange = http.send("GET", url, Map.of(), null);
            if (exchange.status() == 401 || exchange.status() == 403) {
                exchange = http.send("GET", url, World.bearer(world.onlyDevice().token()), null);
            }
            world.last(exchange);
            downloads.add(exchange);
        }
    }

    @Then("each signed download has exactly the signed size and SHA-256")
    public void downloadsMatch() {
        for (int i = 0; i < signed.size(); i++) {
            Exchange d = downloads.get(i);
            UpdateSignature.Fields f = signed.get(i);
            world.last(d);
            Expect.status(d, 200);
            String what = "update " + offered.get(i).path("updateId").asText();
            Expect.that(d.responseBody().length == f.size(), what + " is signed with " + f.size()
                    + " bytes but its download has " + d.responseBody().length);
            String sha = sha256(d.responseBody());
            Expect.that(sha.equals(f.sha256()), what + " is signed with SHA-256 " + f.sha256()
                    + " but its download has " + sha);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

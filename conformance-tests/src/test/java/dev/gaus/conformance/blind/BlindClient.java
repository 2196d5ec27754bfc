package dev.gaus.conformance.blind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gaus.conformance.blind.BlindHttp.Response;
import dev.gaus.core.KeyValueFile;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A device's view of a GAUS server over plain HTTP (java.net.http), for the live tests of the faults. */
final class BlindClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    final URI url;
    final String productKey;
    final String productSecret;

    BlindClient(URI url, Path bootstrap) {
        this.url = url;
        Map<String, String> values = KeyValueFile.read(bootstrap);
        this.productKey = values.get(KeyValueFile.PRODUCT_ACCESS_KEY);
        this.productSecret = values.get(KeyValueFile.PRODUCT_SECRET_KEY);
    }

    record Session(String productGUID, String deviceGUID, String token, String accessKey, String secretKey) {
        String path(String action) {
            return "/device/" + productGUID + "/" + deviceGUID + "/" + action;
        }
    }

    /** A request; headers are name/value pairs, a JSON body gets application/json unless a Content-Type is given ("" for none). */
    HttpResponse<byte[]> send(String method, String target, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(target)).timeout(Duration.ofSeconds(60));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Content-Type")) {
                typed = true;
                if (headers[i + 1].isEmpty()) {
                    continue;
                }
            }
            b.header(headers[i], headers[i + 1]);
        }
        if (body != null && !typed) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b.build());
    }

    /** A POST whose body is sent chunked (no Content-Length). */
    HttpResponse<byte[]> postChunked(String target, String body) {
        return send(HttpRequest.newBuilder(url.resolve(target)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build());
    }

    static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> get(String target, String... headers) {
        return send("GET", target, null, headers);
    }

    HttpResponse<byte[]> post(String target, String body, String... headers) {
        return send("POST", target, body, headers);
    }

    // ---- the protocol ----

    static String registerBody(String deviceId, String key, String secret) {
        return BlindHttp.JSON.createObjectNode().put("deviceId", deviceId).set("productAuthParameters",
                BlindHttp.JSON.createObjectNode().put("accessKey", key).put("secretKey", secret)).toString();
    }

    static String authenticateBody(String key, String secret) {
        return BlindHttp.JSON.createObjectNode().set("deviceAuthParameters",
                BlindHttp.JSON.createObjectNode().put("accessKey", key).put("secretKey", secret)).toString();
    }

    HttpResponse<byte[]> register(String deviceId, String... headers) {
        return post("/register", registerBody(deviceId, productKey, productSecret), headers);
    }

    /** Registers a new device and returns {accessKey, secretKey}. */
    String[] deviceKeys() {
        HttpResponse<byte[]> r = register("dev-" + UUID.randomUUID());
        JsonNode keys = json(r).path("deviceAuthParameters");
        if (r.statusCode() != 200) {
            throw new AssertionError("register answered " + r.statusCode() + ": " + text(r));
        }
        return new String[] {keys.path("accessKey").asText(), keys.path("secretKey").asText()};
    }

    HttpResponse<byte[]> authenticate(String key, String secret) {
        return post("/authenticate", authenticateBody(key, secret));
    }

    Session session() {
        String[] keys = deviceKeys();
        HttpResponse<byte[]> r = authenticate(keys[0], keys[1]);
        if (r.statusCode() != 200) {
            throw new AssertionError("authenticate answered " + r.statusCode() + ": " + text(r));
        }
        JsonNode b = json(r);
        return new Session(b.path("productGUID").asText(), b.path("deviceGUID").asText(), b.path("token").asText(),
                keys[0], keys[1]);
    }

    HttpResponse<byte[]> check(Session s, String query, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + s.token();
        System.arraycopy(headers, 0, all, 2, headers.length);
        return get(s.path("check-for-updates") + (query.isEmpty() ? "" : "?" + query), all);
    }

    HttpResponse<byte[]> report(Session s, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + s.token();
        System.arraycopy(headers, 0, all, 2, headers.length);
        return post(s.path("report"), body, all);
    }

    /** The download path of firmware 1.0.2, as a device at 0.0.1 is offered it. */
    String firmwareDownload() {
        Session s = session();
        for (JsonNode u : json(check(s, "firmware-version=0.0.1&app-version=3")).path("updates")) {
            if (u.path("updateType").asText().equals("firmware")) {
                return URI.create(u.path("downloadUrl").asText()).getPath();
            }
        }
        throw new AssertionError("no firmware offered");
    }

    // ---- raw requests, for what java.net.http cannot send ----

    /** A request on a raw socket from a chosen loopback address, with the target exactly as given. */
    Response raw(String sourceAddress, String method, String target, String body, String... headers) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            s.connect(new InetSocketAddress(url.getHost(), url.getPort()), 10_000);
            s.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + url.getAuthority() + "\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                head.append("Content-Length: ").append(bytes.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            BlindHttp.write(s.getOutputStream(), head.toString(), bytes);
            InputStream in = new BufferedInputStream(s.getInputStream());
            List<String> lines = BlindHttp.readHead(in);
            Response r = new Response();
            r.status = Integer.parseInt(lines.get(0).split(" ")[1]);
            BlindHttp.parseFields(lines, r);
            r.body = method.equals("HEAD") ? new byte[0] : in.readAllBytes();
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- reading answers ----

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        try {
            return BlindHttp.JSON.readTree(r.body());
        } catch (IOException e) {
            return BlindHttp.JSON.nullNode();
        }
    }

    static String header(HttpResponse<byte[]> r, String name) {
        return r.headers().firstValue(name).orElse("(none)");
    }

    static ObjectNode claims(String token) {
        return BlindMutations.jwtPayload(token);
    }
}

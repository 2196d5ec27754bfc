package dev.gaus.server.testing;

import dev.gaus.core.GausJson;
import dev.gaus.core.KeyValueFile;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.Problem;
import dev.gaus.core.message.RegisterResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A small client for the server's API over real HTTP, for tests. */
public final class Api {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final URI url;
    private final HttpClient client;

    public Api(URI url) {
        this(url, CLIENT);
    }

    /** An API client over {@code client}, e.g. one that trusts a test CA for HTTPS. */
    public Api(URI url, HttpClient client) {
        this.url = url;
        this.client = client;
    }

    public URI url() {
        return url;
    }

    /** The product keys of a bootstrap.conf. */
    public static AuthParameters productKeys(Path bootstrap) {
        Map<String, String> values = KeyValueFile.read(bootstrap);
        return new AuthParameters(values.get(KeyValueFile.PRODUCT_ACCESS_KEY), values.get(KeyValueFile.PRODUCT_SECRET_KEY));
    }

    public static String registerBody(String deviceId, AuthParameters product) {
        return "{\"deviceId\":" + quote(deviceId) + ",\"productAuthParameters\":{\"accessKey\":"
                + quote(product.accessKey()) + ",\"secretKey\":" + quote(product.secretKey()) + "}}";
    }

    public static String authenticateBody(AuthParameters device) {
        return "{\"deviceAuthParameters\":{\"accessKey\":" + quote(device.accessKey()) + ",\"secretKey\":"
                + quote(device.secretKey()) + "}}";
    }

    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        boolean hasType = false;
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            hasType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!hasType) {
            b.header("Content-Type", "application/json");
        }
        return send(b.build());
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> register(String deviceId, AuthParameters product, String... headers) {
        return post("/register", registerBody(deviceId, product), headers);
    }

    /** Registers and returns the device keys, failing the test on anything but 200. */
    public AuthParameters registerOk(String deviceId, AuthParameters product) {
        HttpResponse<String> r = register(deviceId, product);
        if (r.statusCode() != 200) {
            throw new AssertionError("register answered " + r.statusCode() + ": " + r.body());
        }
        return GausJson.decode(r.body(), RegisterResponse.class).deviceAuthParameters();
    }

    public HttpResponse<String> authenticate(AuthParameters device) {
        return post("/authenticate", authenticateBody(device));
    }

    public AuthenticateResponse authenticateOk(AuthParameters device) {
        HttpResponse<String> r = authenticate(device);
        if (r.statusCode() != 200) {
            throw new AssertionError("authenticate answered " + r.statusCode() + ": " + r.body());
        }
        return GausJson.decode(r.body(), AuthenticateResponse.class);
    }

    public static String devicePath(AuthenticateResponse session, String action) {
        return "/device/" + session.productGUID() + "/" + session.deviceGUID() + "/" + action;
    }

    public static Problem problem(HttpResponse<String> response) {
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith(Problem.MEDIA_TYPE)) {
            throw new AssertionError("not a problem response: " + response.statusCode() + " "
                    + response.headers().firstValue("Content-Type").orElse("(no content type)"));
        }
        return GausJson.decode(response.body(), Problem.class);
    }

    public static final String REPORT_BODY = "{\"version\":\"1.0.0\",\"header\":{\"seqNo\":123,"
            + "\"ts\":\"2014-08-16T02:08:00.000Z\",\"tags\":{\"k\":\"v\"}},\"data\":[{\"type\":\"event.update.Status\","
            + "\"ts\":\"2014-08-16T02:08:00.000Z\",\"v_strings\":{\"phase\":\"download\",\"status\":\"success\","
            + "\"statusCode\":\"200\",\"logLine\":\"ok\",\"updateId\":\"u-1\"},\"v_ints\":{},\"v_floats\":{},"
            + "\"data\":\"{\\\"a\\\":1}\",\"tags\":{}}]}";
}

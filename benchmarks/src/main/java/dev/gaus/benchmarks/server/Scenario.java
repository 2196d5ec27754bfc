package dev.gaus.benchmarks.server;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateRequest;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.RegisterRequest;
import dev.gaus.core.message.RegisterResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One kind of request the load generator repeats: how a worker prepares on its own connection
 * (register a device, authenticate, fetch the first ETag) and the one call it then repeats.
 * Only valid keys are used: failures would measure the 429 rule (guessing and spraying), not the API.
 */
abstract class Scenario {
    static final String HEALTH = "health";
    static final String REGISTER = "register";
    static final String AUTHENTICATE = "authenticate";
    static final String POLL_304 = "poll304";
    /** {@code /health} again, after the other scenarios at the same connection count. */
    static final String HEALTH_AFTER = "health-after";

    /** The repeated call of one worker; the sequence number makes each call's input distinct. */
    interface Call {
        HttpConnection.Response call(HttpConnection connection, long sequence) throws IOException;
    }

    private final String name;
    private final int expectedStatus;

    private Scenario(String name, int expectedStatus) {
        this.name = name;
        this.expectedStatus = expectedStatus;
    }

    String name() {
        return name;
    }

    int expectedStatus() {
        return expectedStatus;
    }

    abstract Call prepare(HttpConnection connection, int worker) throws IOException;

    static Scenario named(String name, AuthParameters product) {
        switch (name) {
            case HEALTH: return health(HEALTH);
            case HEALTH_AFTER: return health(HEALTH_AFTER);
            case REGISTER: return register(product);
            case AUTHENTICATE: return authenticate(product);
            case POLL_304: return poll304(product);
            default: throw new IllegalArgumentException("unknown scenario: " + name
                    + " (known: health, register, authenticate, poll304)");
        }
    }

    /** {@code GET /health}: the server's cheapest answer, the reference for every ratio. */
    static Scenario health(String name) {
        return new Scenario(name, 200) {
            @Override
            Call prepare(HttpConnection connection, int worker) {
                return (c, sequence) -> c.send("GET", "/health", null, null, null);
            }
        };
    }

    /** {@code POST /register} with a new deviceId each time: each 200 is a durably stored device. */
    static Scenario register(AuthParameters product) {
        return new Scenario(REGISTER, 200) {
            @Override
            Call prepare(HttpConnection connection, int worker) {
                String prefix = "{\"deviceId\":\"load-" + worker + "-";
                String suffix = "\",\"productAuthParameters\":"
                        + "{\"accessKey\":\"" + product.accessKey() + "\",\"secretKey\":\"" + product.secretKey() + "\"}}";
                return (c, sequence) -> c.send("POST", "/register", null, null,
                        (prefix + sequence + suffix).getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /** {@code POST /authenticate} with the keys of the worker's own device: a new token each time. */
    static Scenario authenticate(AuthParameters product) {
        return new Scenario(AUTHENTICATE, 200) {
            @Override
            Call prepare(HttpConnection connection, int worker) throws IOException {
                AuthParameters device = registerDevice(connection, product, "load-auth-" + worker);
                byte[] body = GausJson.encode(new AuthenticateRequest(device));
                return (c, sequence) -> c.send("POST", "/authenticate", null, null, body);
            }
        };
    }

    /**
     * {@code GET .../check-for-updates} with the ETag of the previous answer: the common case of a
     * device that polls and finds nothing new, answered 304.
     */
    static Scenario poll304(AuthParameters product) {
        return new Scenario(POLL_304, 304) {
            @Override
            Call prepare(HttpConnection connection, int worker) throws IOException {
                AuthParameters device = registerDevice(connection, product, "load-poll-" + worker);
                HttpConnection.Response answer = expect(200, connection.send("POST", "/authenticate", null, null,
                        GausJson.encode(new AuthenticateRequest(device))), "authenticate");
                AuthenticateResponse session = GausJson.decode(answer.body(), AuthenticateResponse.class);
                String target = "/device/" + session.productGUID() + "/" + session.deviceGUID()
                        + "/check-for-updates?firmware-version=1.0.0";
                String authorization = "Bearer " + session.token();
                HttpConnection.Response first = expect(200,
                        connection.send("GET", target, authorization, null, null), "check-for-updates");
                if (first.etag() == null) {
                    throw new IOException("check-for-updates answered without an ETag");
                }
                String etag = first.etag();
                return (c, sequence) -> c.send("GET", target, authorization, etag, null);
            }
        };
    }

    static AuthParameters registerDevice(HttpConnection connection, AuthParameters product, String deviceId)
            throws IOException {
        HttpConnection.Response answer = expect(200, connection.send("POST", "/register", null, null,
                GausJson.encode(new RegisterRequest(deviceId, product))), "register");
        return GausJson.decode(answer.body(), RegisterResponse.class).deviceAuthParameters();
    }

    private static HttpConnection.Response expect(int status, HttpConnection.Response response, String what)
            throws IOException {
        if (response.status() != status) {
            throw new IOException(what + " answered " + response.status() + " during set-up");
        }
        return response;
    }
}

package dev.gaus.server.internal.http;

import dev.gaus.server.internal.auth.TokenService;
import dev.gaus.server.internal.auth.TokenService.DeviceClaims;
import dev.gaus.server.internal.store.GausStore;
import dev.gaus.server.internal.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routing, the checks every endpoint shares and the mapping of exceptions to problem responses,
 * all in one place. In order: path (404), method (405 with {@code Allow}), bearer token on device
 * paths (401, 403), content type (415), body size (413); then the endpoint. Anything unexpected
 * is logged and answered 500 without a stack trace.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    /** Largest request body accepted. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Up to this much of an oversized body is read and dropped so the client sees the 413. */
    static final int MAX_DRAINED_BYTES = 1024 * 1024;

    private final Endpoints endpoints;
    private final TokenService tokens;
    private final GausStore store;

    /** The endpoints the router dispatches to. */
    public record Endpoints(Endpoint health, Endpoint register, Endpoint authenticate, Endpoint checkForUpdates,
            Endpoint report) {
    }

    /** The API over {@code store}: every endpoint wired, failed authentications limited per address. */
    public static ApiHandler create(GausStore store, TokenService tokens,
            dev.gaus.server.internal.auth.AuthFailureLimiter limiter, java.time.Clock clock) {
        CredentialCheck credentials = new CredentialCheck(store.hasher(), limiter);
        Endpoints endpoints = new Endpoints(
                new HealthEndpoint(store),
                new RegisterEndpoint(store, credentials,
                        new dev.gaus.server.internal.auth.RegistrationSeal(store.keys().sealKey()), clock),
                new AuthenticateEndpoint(store, credentials, tokens),
                new CheckForUpdatesEndpoint(),
                new ReportEndpoint(store, clock));
        return new ApiHandler(endpoints, tokens, store);
    }

    ApiHandler(Endpoints endpoints, TokenService tokens, GausStore store) {
        this.endpoints = endpoints;
        this.tokens = tokens;
        this.store = store;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Reply reply;
        try {
            reply = route(request);
        } catch (ApiException e) {
            reply = problem(e);
        } catch (StoreException e) {
            LOG.warn("store unavailable while answering {} {}: {}", request.getMethod(),
                    request.getHttpURI().getPath(), e.getMessage());
            reply = problem(Problems.storeUnavailable());
        } catch (RuntimeException e) {
            LOG.error("unexpected failure answering {} {}", request.getMethod(), request.getHttpURI().getPath(), e);
            reply = problem(new ApiException(500, "internal-error", "Internal Server Error",
                    "the server failed unexpectedly; the failure is logged"));
        }
        write(reply, response, callback);
        return true;
    }

    private Reply route(Request request) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        switch (path) {
            case "/health":
                return dispatch(request, method, "GET", endpoints.health(), null, null, false);
            case "/register":
                return dispatch(request, method, "POST", endpoints.register(), null, null, true);
            case "/authenticate":
                return dispatch(request, method, "POST", endpoints.authenticate(), null, null, true);
            default:
                break;
        }
        // /device/{productGUID}/{deviceGUID}/{action}
        String[] parts = path.split("/", -1);
        if (parts.length == 5 && parts[0].isEmpty() && parts[1].equals("device")
                && !parts[2].isEmpty() && !parts[3].isEmpty()) {
            if (parts[4].equals("check-for-updates")) {
                return dispatch(request, method, "GET", endpoints.checkForUpdates(), parts[2], parts[3], false);
            }
            if (parts[4].equals("report")) {
                return dispatch(request, method, "POST", endpoints.report(), parts[2], parts[3], true);
            }
        }
        throw Problems.notFound();
    }

    private Reply dispatch(Request request, String method, String allowed, Endpoint endpoint,
            String productGuid, String deviceGuid, boolean readsBody) {
        if (!allowed.equals(method)) {
            throw Problems.methodNotAllowed(allowed);
        }
        DeviceClaims claims = productGuid == null ? null : authorize(request, productGuid, deviceGuid);
        byte[] body = new byte[0];
        if (readsBody) {
            requireJsonContentType(request);
            body = readBody(request);
        }
        return endpoint.handle(new Exchange(request, productGuid, deviceGuid, body, claims));
    }

    private DeviceClaims authorize(Request request, String productGuid, String deviceGuid) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            throw Problems.missingToken();
        }
        String trimmed = authorization.strip();
        if (trimmed.length() < 7 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw Problems.invalidToken();
        }
        DeviceClaims claims;
        try {
            claims = tokens.verify(trimmed.substring(7).strip());
        } catch (TokenService.InvalidTokenException e) {
            throw Problems.invalidToken();
        }
        if (!claims.productGuid().equals(productGuid) || !claims.deviceGuid().equals(deviceGuid)) {
            throw Problems.forbidden();
        }
        // A revoked device's tokens stop working at once, on every instance.
        if (!store.isDeviceActive(claims.deviceGuid())) {
            throw Problems.invalidToken();
        }
        return claims;
    }

    /** A missing content type is accepted; otherwise application/json or application/*+json. */
    static void requireJsonContentType(Request request) {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType)
                .strip().toLowerCase(Locale.ROOT);
        boolean json = mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
        if (!json) {
            throw Problems.unsupportedMediaType();
        }
    }

    /**
     * Reads at most {@link #MAX_BODY_BYTES}; a declared or actual larger body is refused with 413.
     * An oversized body of moderate size is read and dropped first: a client still sending it
     * when the connection closed would never see the 413.
     */
    static byte[] readBody(Request request) {
        long declared = request.getLength();
        try (InputStream in = Request.asInputStream(request)) {
            if (declared > MAX_BODY_BYTES) {
                if (declared <= MAX_DRAINED_BYTES) {
                    in.skipNBytes(declared);
                }
                throw Problems.tooLarge(MAX_BODY_BYTES);
            }
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                drain(in, MAX_DRAINED_BYTES - body.length);
                throw Problems.tooLarge(MAX_BODY_BYTES);
            }
            return body;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException) {
                throw (ApiException) e;
            }
            throw Problems.invalidBody("the body could not be read completely");
        }
    }

    private static void drain(InputStream in, long limit) {
        byte[] buffer = new byte[8192];
        long left = limit;
        try {
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException e) {
            // the client is gone or the framing broke; the 413 is the answer either way
        }
    }

    private static Reply problem(ApiException e) {
        Reply r = Reply.problem(e.status(), Problems.json(e.status(), e.slug(), e.title(), e.detail()));
        e.headers().forEach(r::header);
        return r;
    }

    private static void write(Reply reply, Response response, Callback callback) {
        response.setStatus(reply.status());
        var headers = response.getHeaders();
        for (Map.Entry<String, String> h : reply.headers().entrySet()) {
            headers.put(h.getKey(), h.getValue());
        }
        byte[] body = reply.body();
        if (reply.contentType() != null) {
            headers.put(HttpHeader.CONTENT_TYPE, reply.contentType());
        }
        if (reply.status() == 304) {
            response.write(true, null, callback);
            return;
        }
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}

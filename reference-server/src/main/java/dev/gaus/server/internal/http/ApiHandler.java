package dev.gaus.server.internal.http;

import dev.gaus.server.internal.auth.AuthThrottle;
import dev.gaus.server.internal.auth.RegistrationSeal;
import dev.gaus.server.internal.auth.TokenService;
import dev.gaus.server.internal.auth.TokenService.DeviceClaims;
import dev.gaus.server.internal.store.DeviceStore;
import dev.gaus.server.internal.store.GausStore;
import dev.gaus.server.internal.store.StoreException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
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
    private final DeviceStore devices;
    private final DownloadHandler downloads;

    /** The endpoints the router dispatches to. */
    public record Endpoints(Endpoint health, Endpoint register, Endpoint authenticate, Endpoint checkForUpdates,
            Endpoint report) {
    }

    /** The API over {@code store}: every endpoint wired, register and authenticate throttled by {@code throttle}. */
    public static ApiHandler create(GausStore store, TokenService tokens, AuthThrottle throttle, Clock clock,
            Supplier<URI> publicUrl) {
        CredentialCheck credentials = new CredentialCheck(store.secrets(), throttle);
        Endpoints endpoints = new Endpoints(
                new HealthEndpoint(store),
                new RegisterEndpoint(store.products(), store.devices(), credentials,
                        new RegistrationSeal(store.idempotencySealKey()), clock),
                new AuthenticateEndpoint(store.devices(), credentials, tokens),
                new CheckForUpdatesEndpoint(store.updates(), publicUrl),
                new ReportEndpoint(store.reports(), clock));
        return new ApiHandler(endpoints, tokens, store.devices(), new DownloadHandler(store.updates()));
    }

    ApiHandler(Endpoints endpoints, TokenService tokens, DeviceStore devices, DownloadHandler downloads) {
        this.endpoints = endpoints;
        this.tokens = tokens;
        this.devices = devices;
        this.downloads = downloads;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (Request.getPathInContext(request).startsWith(DownloadHandler.PATH_PREFIX)) {
            Reply refusal;
            try {
                refusal = downloads.handle(request, response, callback);
            } catch (RuntimeException e) {
                refusal = map(request, e);
            }
            if (refusal != null) {
                write(refusal, response, callback);
            }
            return true;
        }
        Dispatch dispatch;
        try {
            dispatch = resolve(request);
        } catch (RuntimeException e) {
            write(refusedUnread(request, map(request, e)), response, callback);
            return true;
        }
        if (!dispatch.readsBody()) {
            respond(request, answer(request, dispatch, new byte[0]), response, callback);
            return true;
        }
        // The body is read without holding a thread, so clients that stall mid-body cost only
        // memory. The listener runs on a pooled thread (this one, or the one Jetty runs a
        // blocking demand callback on), where the endpoint may read the store; what it writes is
        // answered when the commit completes (Reply.later), without holding the thread.
        BodyReader.read(request, MAX_BODY_BYTES, MAX_DRAINED_BYTES, new BodyReader.Listener() {
            @Override
            public void onBody(byte[] body) {
                respond(request, answer(request, dispatch, body), response, callback);
            }

            @Override
            public void onTooLarge() {
                write(map(request, Problems.tooLarge(MAX_BODY_BYTES)), response, callback);
            }

            @Override
            public void onFailure(Throwable failure) {
                write(map(request, Problems.invalidBody("the body could not be read completely")), response, callback);
            }
        });
        return true;
    }

    /**
     * A refusal sent before the request's body was read. Jetty closes such a connection when the
     * rest of the body has not arrived yet (over TLS it often comes in a later record), after an
     * answer that did not say so: a client reusing the connection then loses its next request.
     * So on HTTP/1 the answer says it ({@code Connection: close}); HTTP/2 streams are unaffected.
     */
    private static Reply refusedUnread(Request request, Reply refusal) {
        boolean http1 = request.getConnectionMetaData().getHttpVersion().getVersion() < 20;
        boolean hasBody = request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (http1 && hasBody) {
            refusal.header("Connection", "close");
        }
        return refusal;
    }

    /** What a request is routed to, after the checks that need no body. */
    private record Dispatch(Endpoint endpoint, String productGuid, String deviceGuid, DeviceAccess access,
            boolean readsBody) {
    }

    /** A verified token of an active device, and its product's catalog version read with that check. */
    private record DeviceAccess(DeviceClaims claims, long catalogVersion) {
    }

    private Reply answer(Request request, Dispatch d, byte[] body) {
        try {
            DeviceAccess access = d.access();
            return d.endpoint().handle(new Exchange(request, d.productGuid(), d.deviceGuid(), body,
                    access == null ? null : access.claims(), access == null ? -1 : access.catalogVersion()));
        } catch (RuntimeException e) {
            return map(request, e);
        }
    }

    /** Writes the answer now, or when an answer still to come completes (on the thread completing it). */
    private static void respond(Request request, Reply reply, Response response, Callback callback) {
        CompletableFuture<Reply> pending = reply.pending();
        if (pending == null) {
            write(reply, response, callback);
            return;
        }
        pending.whenComplete((later, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            Reply answer;
            if (cause == null) {
                answer = later;
            } else if (cause instanceof RuntimeException) {
                answer = map(request, (RuntimeException) cause);
            } else {
                answer = map(request, new IllegalStateException(cause));
            }
            write(answer, response, callback);
        });
    }

    private static Reply map(Request request, RuntimeException e) {
        if (e instanceof ApiException) {
            return problem((ApiException) e);
        }
        if (e instanceof StoreException) {
            LOG.warn("store unavailable while answering {} {}: {}", request.getMethod(),
                    request.getHttpURI().getPath(), e.getMessage());
            return problem(Problems.storeUnavailable());
        }
        LOG.error("unexpected failure answering {} {}", request.getMethod(), request.getHttpURI().getPath(), e);
        return problem(new ApiException(500, "internal-error", "Internal Server Error",
                "the server failed unexpectedly; the failure is logged"));
    }

    private Dispatch resolve(Request request) {
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

    private Dispatch dispatch(Request request, String method, String allowed, Endpoint endpoint,
            String productGuid, String deviceGuid, boolean readsBody) {
        if (!allowed.equals(method)) {
            throw Problems.methodNotAllowed(allowed);
        }
        DeviceAccess access = productGuid == null ? null : authorize(request, productGuid, deviceGuid);
        if (readsBody) {
            requireJsonContentType(request);
            if (request.getLength() > MAX_DRAINED_BYTES) {
                throw Problems.tooLarge(MAX_BODY_BYTES);
            }
        }
        return new Dispatch(endpoint, productGuid, deviceGuid, access, readsBody);
    }

    private DeviceAccess authorize(Request request, String productGuid, String deviceGuid) {
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
        long catalogVersion = devices.activeCatalogVersion(claims.deviceGuid())
                .orElseThrow(Problems::invalidToken);
        return new DeviceAccess(claims, catalogVersion);
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

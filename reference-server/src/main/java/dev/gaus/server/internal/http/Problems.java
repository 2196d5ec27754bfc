package dev.gaus.server.internal.http;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.Problem;

/**
 * The problems this server answers with (RFC 9457). Each kind has a stable {@code type} URI so
 * clients can tell them apart without parsing the detail.
 */
public final class Problems {
    /** Prefix of every problem type. */
    public static final String TYPE_PREFIX = "urn:gaus:problem:";

    /** Unknown access key and wrong secret share this one answer, so keys cannot be enumerated. */
    static final String BAD_CREDENTIALS = "unknown access key or wrong secret key";

    private Problems() {}

    public static byte[] json(int status, String slug, String title, String detail) {
        return GausJson.encode(new Problem(TYPE_PREFIX + slug, title, status, detail));
    }

    public static ApiException invalidBody(String detail) {
        return new ApiException(400, "invalid-request", "Bad Request", detail);
    }

    public static ApiException badCredentials() {
        return new ApiException(401, "unauthorized", "Unauthorized", BAD_CREDENTIALS);
    }

    public static ApiException missingToken() {
        return new ApiException(401, "invalid-token", "Unauthorized", "a bearer token is required")
                .header("WWW-Authenticate", "Bearer realm=\"gaus\"");
    }

    public static ApiException invalidToken() {
        return new ApiException(401, "invalid-token", "Unauthorized",
                "the token is malformed, expired, not signed by this server or its device is revoked")
                .header("WWW-Authenticate", "Bearer realm=\"gaus\", error=\"invalid_token\"");
    }

    public static ApiException forbidden() {
        return new ApiException(403, "forbidden", "Forbidden", "the token does not grant access to this device's path");
    }

    public static ApiException notFound() {
        return new ApiException(404, "not-found", "Not Found", "no such endpoint");
    }

    public static ApiException methodNotAllowed(String allow) {
        return new ApiException(405, "method-not-allowed", "Method Not Allowed",
                "this endpoint answers " + allow).header("Allow", allow);
    }

    public static ApiException tooLarge(int limit) {
        return new ApiException(413, "body-too-large", "Content Too Large",
                "the body exceeds " + limit + " bytes");
    }

    public static ApiException unsupportedMediaType() {
        return new ApiException(415, "unsupported-media-type", "Unsupported Media Type",
                "the body must be application/json");
    }

    public static ApiException idempotencyMismatch() {
        return new ApiException(422, "idempotency-key-reused", "Unprocessable Content",
                "this Idempotency-Key was used with a different body");
    }

    public static ApiException tooManyFailures(long retryAfterSeconds) {
        return new ApiException(429, "too-many-failed-authentications", "Too Many Requests",
                "too many failed authentications for this access key or from this address; retry after Retry-After seconds")
                .header("Retry-After", Long.toString(retryAfterSeconds));
    }

    public static ApiException storeUnavailable() {
        return new ApiException(503, "store-unavailable", "Service Unavailable",
                "the store is not available; retry later").header("Retry-After", "1");
    }

    /** A bug: logged where it happens, answered without detail. */
    public static ApiException internalError() {
        return new ApiException(500, "internal-error", "Internal Server Error",
                "the server failed unexpectedly; the failure is logged");
    }

    public static ApiException updateWithdrawn() {
        return new ApiException(410, "update-withdrawn", "Gone", "this update was withdrawn");
    }
}

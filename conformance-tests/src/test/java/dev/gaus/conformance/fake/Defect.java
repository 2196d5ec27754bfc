package dev.gaus.conformance.fake;

/** One rule of protocol.md that a {@link FakeGausServer} can be told to break. */
public enum Defect {
    /** Device keys derived from the deviceId: a re-registered device gets its old keys again. */
    REUSED_KEYS,
    /** Any secret key is taken for the right one, on /register and on /authenticate. */
    UNCHECKED_SECRET,
    /** A re-registration replaces the keys of the device with that deviceId instead of creating a device. */
    MERGES_REREGISTRATION,
    /** A body that is not JSON crashes the handler: 500 with a stack trace. */
    SERVER_ERROR_ON_BAD_JSON,
    /** /register answers without pollIntervalSeconds. */
    POLL_INTERVAL_MISSING,
    /** /register answers pollIntervalSeconds as a string. */
    POLL_INTERVAL_AS_STRING,
    /** A valid token opens every device's path. */
    TOKEN_ON_ANY_PATH,
    /** The token's signature is not checked. */
    FORGED_TOKEN_ACCEPTED,
    /** The did claim holds the deviceGUID instead of the deviceId. */
    WRONG_DID,
    /** check-for-updates lists an update whose size is a string. */
    MALFORMED_UPDATE,
    /** The md5 announced for the update is not the md5 of the file served. */
    WRONG_MD5,
    /** The file is always sent whole: Range is ignored. */
    NO_RANGE,
    /** check-for-updates sends no ETag and ignores If-None-Match. */
    NO_ETAG,
    /** An expired token is still accepted. */
    EXPIRED_TOKEN_ACCEPTED,
    /** Any report body is accepted. */
    REPORT_UNCHECKED,
    /** An unknown access key gets another detail than a wrong secret key. */
    ENUMERATES_KEYS,
    /** Errors are text/plain instead of application/problem+json. */
    NO_PROBLEM_JSON,
    /** 401 answers to a bad token carry no WWW-Authenticate header. */
    NO_WWW_AUTHENTICATE,
    /** A wrong method is answered 404 instead of 405. */
    NO_METHOD_NOT_ALLOWED,
    /** Bodies of any size are read. */
    NO_BODY_LIMIT,
    /** Bodies of any content type are read as JSON. */
    ANY_CONTENT_TYPE,
    /** deviceIds of any length and with control characters are accepted. */
    LENIENT_DEVICE_ID,
    /** Idempotency-Key is ignored. */
    NOT_IDEMPOTENT,
    /** Failed authentications are never slowed down. */
    NO_RATE_LIMIT,
    /** 20 failures of one key from one address, retries included, stop every key from that address (the neighbours too). */
    LOCKS_OUT_ADDRESS,
    /** Failures are counted per key and address, but each retry of one wrong secret counts again. */
    COUNTS_ATTEMPTS,
    /** The secret is checked before the limit: while a key is stopped, its right secret still gets 200. */
    THROTTLE_ORACLE,
    /** Secrets are compared on their first 16 characters only. */
    SECRET_PREFIX_COMPARED,
    /** Secrets are compared ignoring case. */
    SECRET_CASE_IGNORED,
    /** Secrets are compared over the length of the one presented: a secret cut short passes. */
    SECRET_COMPARED_TO_PRESENTED_LENGTH,
    /** Secrets are compared over the length of the stored one: a secret with more at its end passes. */
    SECRET_COMPARED_TO_STORED_LENGTH,
    /** Only /register answers a wrong method 405; the other endpoints answer 404. */
    METHOD_CHECK_ON_REGISTER_ONLY,
    /** Only /register limits the body to 64 KiB. */
    BODY_LIMIT_ON_REGISTER_ONLY,
    /** Only /register checks the content type. */
    CONTENT_TYPE_ON_REGISTER_ONLY,
    /** /authenticate gives an unknown access key another detail than a wrong secret key (/register does not). */
    ENUMERATES_DEVICE_KEYS,
    /** A byte range past the end of a file gets the whole file with 200 instead of 416. */
    RANGE_PAST_END_SERVED_WHOLE
}

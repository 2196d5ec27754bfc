package dev.gaus.conformance.fake;

/**
 * One way of getting a rule of protocol.md wrong that a {@link FakeGausServer} can be told to
 * have: each is a mistake a real implementation plausibly makes, and {@code broken-servers.tsv}
 * names the scenarios that catch it.
 */
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
    RANGE_PAST_END_SERVED_WHOLE,

    // ---- §1 register ----------------------------------------------------------------------------
    /** A device's secret key is its access key: one key made, written into both fields. */
    SAME_ACCESS_AND_SECRET,
    /** /register answers pollIntervalSeconds 0, meaning "the default" to the server but not to devices. */
    POLL_INTERVAL_ZERO,
    /** /register answers only pollInterval, the name the public TypeScript client reads, not pollIntervalSeconds. */
    POLL_INTERVAL_UNDER_CLIENT_NAME,
    /** A re-registration creates a new device but revokes the earlier registrations of its deviceId. */
    REREGISTRATION_REVOKES_EARLIER,
    /** Product and device keys are looked up in one table: a device's keys register devices too. */
    DEVICE_KEYS_REGISTER,

    // ---- §2 tokens ------------------------------------------------------------------------------
    /** The sub claim is the deviceGUID alone, without "productGUID:". */
    SUB_WITHOUT_PRODUCT,
    /** The empty aud claim is left out, as JWT libraries do with an empty audience. */
    AUD_MISSING,
    /** The jti claim is the deviceGUID, so every token of a device has the same one. */
    JTI_REPEATED,
    /** Tokens live one hour whatever lifetime the server is configured with. */
    TOKEN_TTL_IGNORED,
    /** iat and exp are milliseconds since the epoch (the server checks them in milliseconds too). */
    TIMES_IN_MILLIS,
    /** A token is checked against the path's deviceGUID only, not its productGUID. */
    PRODUCT_GUID_NOT_CHECKED,
    /** report checks that the token is valid but not that it belongs to the path's device. */
    REPORT_PATH_UNCHECKED,
    /** report is not behind the token check at all. */
    REPORT_UNAUTHENTICATED,
    /** The bearer scheme must be written "Bearer": "bearer" is refused although schemes are case-insensitive. */
    BEARER_SCHEME_CASE_SENSITIVE,

    // ---- Decided here: statuses -----------------------------------------------------------------
    /** A request without a token is answered 403, as some frameworks answer anonymous requests. */
    MISSING_TOKEN_403,
    /** A token on another device's path is answered 404, hiding that the device exists. */
    FOREIGN_PATH_404,
    /** An unknown access key is answered 403 and a wrong secret 401: the status tells which keys exist. */
    UNKNOWN_KEY_403,
    /** Product secrets are checked with a slow hash that runs only when the access key is known. */
    SLOW_HASH_FOR_KNOWN_KEYS,
    /** An unknown path gets the HTTP library's own 404 page, not problem+json. */
    NOT_FOUND_NOT_PROBLEM,
    /** 405 answers carry no Allow header. */
    NO_ALLOW_HEADER,
    /** The body limit is checked against Content-Length only: a chunked body of any size is read. */
    CHUNKED_BODY_UNLIMITED,
    /** A body without a content type is refused with 415, although protocol.md accepts it. */
    CONTENT_TYPE_REQUIRED,
    /** The content type is compared whole: "application/json; charset=utf-8" is refused with 415. */
    JSON_CHARSET_REFUSED,
    /** The media type is compared case-sensitively: "Application/JSON" is refused with 415. */
    MEDIA_TYPE_CASE_SENSITIVE,

    // ---- Decided here: 400 ----------------------------------------------------------------------
    /** Duplicate keys in a JSON body are accepted, the last one winning (the JSON library's default). */
    DUPLICATE_KEYS_LAST_WINS,
    /** deviceId is checked to be present but may be empty. */
    EMPTY_DEVICE_ID_ACCEPTED,
    /** deviceId is read as text whatever its JSON type: 42 becomes "42". */
    NUMERIC_DEVICE_ID_COERCED,
    /** The deviceId limit is off by one: 128 characters are refused. */
    DEVICE_ID_128_REFUSED,
    /** A body that is JSON but not an object (an array, a string) crashes the handler: 500. */
    NON_OBJECT_BODY_CRASHES,

    // ---- Decided here: Idempotency-Key and 429 ----------------------------------------------------
    /** A retry with an earlier Idempotency-Key gets the earlier registration whatever its body. */
    IDEMPOTENCY_IGNORES_BODY,
    /** A retry with the same Idempotency-Key gets the same device with new keys (the old secret is only hashed). */
    IDEMPOTENT_REPLAY_REKEYS,
    /** 429 answers carry no Retry-After header. */
    RETRY_AFTER_MISSING,

    // ---- §4 report ------------------------------------------------------------------------------
    /** An accepted report is answered 204 without a body instead of 200 {}. */
    REPORT_ANSWERED_204,
    /** Only event.* items are accepted; metric.* items are refused. */
    REPORT_METRICS_REFUSED,
    /** header.seqNo is required although only header.ts is mandatory. */
    REPORT_SEQNO_REQUIRED,
    /** A report with an empty data list is refused. */
    REPORT_EMPTY_DATA_REFUSED,
    /** The items' ts is not checked (header.ts is). */
    REPORT_ITEM_TS_UNCHECKED,
    /** header must be present but its ts is not checked. */
    REPORT_HEADER_TS_UNCHECKED,
    /** An update status with the phase "installation" of the public shell tooling is refused. */
    REPORT_PHASE_INSTALLATION_REFUSED,
    /** report refuses query parameters, which are optional but allowed. */
    REPORT_QUERY_REFUSED,

    // ---- §3 check-for-updates -------------------------------------------------------------------
    /** A query that is not URL-encoded (":", "/", "@" as they are) is refused with 400. */
    UNENCODED_PARAMS_REFUSED,
    /** check-for-updates answers pollIntervalSeconds 0. */
    POLL_INTERVAL_ZERO_ON_CHECK,
    /** check-for-updates sends a strong ETag. */
    STRONG_ETAG,
    /** If-None-Match matches only when written with W/, as the ETag was sent. */
    WEAK_PREFIX_REQUIRED,
    /** If-None-Match is compared whole: a list of tags never matches. */
    IF_NONE_MATCH_LIST_IGNORED,
    /** If-None-Match: * does not match, although the answer exists. */
    IF_NONE_MATCH_STAR_IGNORED,
    /** The ETag is the product's catalog version, the same whatever the device is offered. */
    ETAG_OF_CATALOG,
    /** A device on the newest version is offered it again (>= where > was meant). */
    OFFERS_CURRENT_VERSION,
    /** A device that sends no version of a type is offered the oldest update of that type. */
    NO_VERSION_GETS_OLDEST,
    /** Every update newer than the device's version is listed, several of one type. */
    ALL_NEWER_UPDATES_LISTED,
    /** Nothing to offer is answered "updates": null. */
    UPDATES_NULL_WHEN_EMPTY,
    /** metadata holds a number. */
    METADATA_NOT_STRINGS,
    /** downloadUrl is a path relative to the server. */
    RELATIVE_DOWNLOAD_URL,

    // ---- Decided here: downloads ----------------------------------------------------------------
    /** Files are sent chunked, without Content-Length. */
    DOWNLOAD_WITHOUT_CONTENT_LENGTH,
    /** Files are sent with a weak ETag. */
    DOWNLOAD_WEAK_ETAG,
    /** A suffix range (bytes=-N) is ignored: the whole file with 200. */
    SUFFIX_RANGE_IGNORED,
    /** A range without a last byte (bytes=N-) is ignored: the whole file with 200. */
    OPEN_RANGE_IGNORED,
    /** A range whose last byte lies past the end is refused with 416 instead of ending at the file's end. */
    RANGE_END_NOT_CLAMPED,
    /** Content-Range gives the length of the part as the total: bytes first-last/partLength. */
    CONTENT_RANGE_TOTAL_WRONG,
    /** A 416 carries no Content-Range naming the size of the file. */
    RANGE_416_WITHOUT_CONTENT_RANGE
}

package dev.gaus.conformance.blind;

import dev.gaus.conformance.blind.BlindHttp.Response;
import java.io.IOException;

/**
 * Faults written from docs/protocol.md and docs/openapi.yaml alone, each one mistake a real GAUS
 * server could make. Section names in quotes are those of protocol.md.
 */
public enum BlindFault {
    // ---------------------------------------------------------------- 1. POST /register

    /** Breaks "Decided here" (400 for a deviceId over 128 characters): a deviceId of exactly 129 characters is accepted. */
    DEVICE_ID_OF_129_ACCEPTED(RegisterFaults::deviceIdOf129Accepted),
    /** Breaks "Decided here" (deviceId over 128 characters, UTF-16 units per openapi): the limit is counted in UTF-8 bytes, so 100 'é' are refused. */
    DEVICE_ID_LIMIT_IN_BYTES(RegisterFaults::deviceIdLimitInBytes),
    /** Breaks "Decided here" (deviceId over 128 characters, UTF-16 units per openapi): the limit is counted in code points, so 65 emoji pass. */
    DEVICE_ID_LIMIT_IN_CODE_POINTS(RegisterFaults::deviceIdLimitInCodePoints),
    /** Breaks "Decided here" (400 for a deviceId holding control characters): only U+0000-U+001F are refused, DEL and C1 (U+007F-U+009F) pass. */
    DEVICE_ID_C1_CONTROLS_ACCEPTED(RegisterFaults::deviceIdC1ControlsAccepted),
    /** Breaks "1. POST /register" (every successful call creates a new device, also for a deviceId seen before): a re-registration gets the first device's keys. */
    REREGISTRATION_RETURNS_FIRST_DEVICE(RegisterFaults::reregistrationReturnsFirstDevice),
    /** Breaks "1. POST /register" (device keys written as 64 lowercase hex characters): keys are sent in upper case (and accepted so). */
    DEVICE_KEYS_IN_UPPER_CASE(RegisterFaults::deviceKeysInUpperCase),
    /** Breaks "1. POST /register" (servers must send pollIntervalSeconds): only the TypeScript alias pollInterval is sent. */
    POLL_INTERVAL_ALIAS_ONLY(RegisterFaults::pollIntervalAliasOnly),
    /** Breaks openapi RegisterResponse (pollIntervalSeconds is an integer): it is sent as a JSON string. */
    POLL_INTERVAL_AS_STRING(RegisterFaults::pollIntervalAsString),
    /** Breaks "Decided here" (Idempotency-Key: a retry returns the same registration): the header is ignored and a retry makes a second device. */
    IDEMPOTENCY_KEY_IGNORED(RegisterFaults::idempotencyKeyIgnored),
    /** Breaks "Decided here" (Idempotency-Key: same key and same body; openapi 422 for another body): a reused key with another deviceId replays the first answer. */
    IDEMPOTENCY_KEY_NOT_BOUND_TO_BODY(RegisterFaults::idempotencyKeyNotBoundToBody),
    /** Breaks openapi IdempotencyKey (1 to 255 printable ASCII characters, else 400): a key of 256 characters is accepted. */
    IDEMPOTENCY_KEY_OF_256_ACCEPTED(RegisterFaults::idempotencyKeyOf256Accepted),
    /** Breaks openapi Idempotent-Replayed (true on the stored answer of an earlier registration): the replay is not marked. */
    IDEMPOTENT_REPLAY_UNMARKED(RegisterFaults::idempotentReplayUnmarked),
    /** Breaks "Decided here" (secrets are compared whole and exactly): the product secret is trimmed, so one with a trailing blank passes. */
    PRODUCT_SECRET_TRIMMED(RegisterFaults::productSecretTrimmed),
    /** Breaks "Decided here" (secrets compared whole and exactly: one character more is wrong): a product secret with extra characters after it passes. */
    PRODUCT_SECRET_PREFIX_COMPARED(RegisterFaults::productSecretPrefixCompared),
    /** Breaks "Decided here" (the same status, body for an unknown access key and a wrong secret): /register names an unknown product key in its detail. */
    REGISTER_UNKNOWN_KEY_NAMED(RegisterFaults::registerUnknownKeyNamed),
    // ---------------------------------------------------------------- 2. POST /authenticate

    /** Breaks "Decided here" (the same status for an unknown access key and a wrong secret): an unknown device key gets 404. */
    AUTHENTICATE_UNKNOWN_KEY_404(AuthenticateFaults::authenticateUnknownKey404),
    /** Breaks "Decided here" (a secret that differs in case is wrong): device secrets are compared ignoring case. */
    DEVICE_SECRET_CASE_INSENSITIVE(AuthenticateFaults::deviceSecretCaseInsensitive),
    /** Breaks "Decided here" (a secret one character short is wrong): only the length of the sent secret is compared. */
    DEVICE_SECRET_SHORT_ACCEPTED(AuthenticateFaults::deviceSecretShortAccepted),
    /** Breaks "2. POST /authenticate" (sub = "<productGUID>:<deviceGUID>"): the two GUIDs are swapped in sub. */
    TOKEN_SUB_REVERSED(AuthenticateFaults::tokenSubReversed),
    /** Breaks "2. POST /authenticate" (aud = ""): the aud claim is left out. */
    TOKEN_AUD_MISSING(AuthenticateFaults::tokenAudMissing),
    /** Breaks "2. POST /authenticate" (iat, exp as JWT NumericDate, short lived): times are written in milliseconds. */
    TOKEN_TIMES_IN_MILLISECONDS(AuthenticateFaults::tokenTimesInMilliseconds),
    /** Breaks "2. POST /authenticate" (jti unique): every token of a device has the same jti. */
    TOKEN_JTI_REPEATED(AuthenticateFaults::tokenJtiRepeated),
    /** Breaks "2. POST /authenticate" (did = deviceId): did holds the deviceGUID. */
    TOKEN_DID_IS_DEVICE_GUID(AuthenticateFaults::tokenDidIsDeviceGuid),
    /** Breaks "Decided here" (wrongly signed token: 401): a token whose payload was altered is accepted when its signature is one the server made. */
    TOKEN_PAYLOAD_NOT_VERIFIED(AuthenticateFaults::tokenPayloadNotVerified),
    /** Breaks "Decided here" (wrongly signed token: 401): an unsigned token (alg "none") naming a known device is accepted. */
    TOKEN_ALG_NONE_ACCEPTED(AuthenticateFaults::tokenAlgNoneAccepted),
    /** Breaks "Decided here" (expired token: 401 with WWW-Authenticate): an expired token is silently renewed and the call answered. */
    EXPIRED_TOKEN_ACCEPTED(AuthenticateFaults::expiredTokenAccepted),
    // ---------------------------------------------------------------- 3. check-for-updates

    /** Breaks "3. GET .../check-for-updates" (openapi: offered only when newer than the version sent): an update equal to the device's version is offered. */
    EQUAL_VERSION_OFFERED(CheckFaults::equalVersionOffered),
    /** Breaks "3. GET .../check-for-updates" (newer by the type's version scheme): versions are compared as text, so 1.0.10 gets 1.0.2 and 100 gets 12. */
    VERSIONS_COMPARED_AS_TEXT(CheckFaults::versionsComparedAsText),
    /** Breaks "3. GET .../check-for-updates" (offered only when newer): a device running a newer version is offered the older one. */
    OLDER_VERSION_OFFERED(CheckFaults::olderVersionOffered),
    /** Breaks openapi checkForUpdates (nothing of that type when the sent version is not readable by the scheme): the newest is offered instead. */
    UNREADABLE_VERSION_GETS_NEWEST(CheckFaults::unreadableVersionGetsNewest),
    /** Breaks "3. GET .../check-for-updates" (newer by semver): a pre-release of the offered version is taken as equal to it, so 1.0.2-rc.1 is not offered 1.0.2. */
    PRERELEASE_EQUALS_RELEASE(CheckFaults::prereleaseEqualsRelease),
    /** Breaks "3. GET .../check-for-updates" (no version parameter: the newest update of that type is returned): types without a version get nothing. */
    MISSING_VERSION_GETS_NOTHING(CheckFaults::missingVersionGetsNothing),
    /** Breaks openapi DeviceParameters (of a repeated <updateType>-version the first value is used): the last one wins. */
    REPEATED_VERSION_LAST_WINS(CheckFaults::repeatedVersionLastWins),
    /** Breaks openapi DeviceParameters (a valid %XX is decoded): percent escapes are taken literally, so 0%2E0%2E1 is not a version. */
    PERCENT_ESCAPES_NOT_DECODED(CheckFaults::percentEscapesNotDecoded),
    /** Breaks "3. GET .../check-for-updates" (public clients do not always URL-encode; openapi: the query never causes a 400): a raw '|' or bare '%' is refused. */
    UNENCODED_QUERY_REFUSED(CheckFaults::unencodedQueryRefused),
    /** Breaks "3. GET .../check-for-updates" (at most one update per updateType): the first update is listed twice. */
    DUPLICATE_UPDATE_OF_ONE_TYPE(CheckFaults::duplicateUpdateOfOneType),
    /** Breaks "3. GET .../check-for-updates" (200 response { "updates": [ … ] }): no updates is sent as null instead of []. */
    NO_UPDATES_AS_NULL(CheckFaults::noUpdatesAsNull),
    /** Breaks openapi PollIntervalSeconds (minimum 1) as sent in check answers ("1. POST /register": the product's current interval): 0 is sent. */
    POLL_INTERVAL_ZERO_IN_CHECK(CheckFaults::pollIntervalZeroInCheck),
    /** Breaks openapi Update.md5 (lowercase hex): the MD5 is written in upper case. */
    MD5_IN_UPPER_CASE(CheckFaults::md5InUpperCase),
    /** Breaks "3. GET .../check-for-updates" (size is a number, openapi int64): size is sent as a string. */
    SIZE_AS_STRING(CheckFaults::sizeAsString),
    /** Breaks openapi Update.downloadUrl (absolute URL): the URL is sent relative to the server. */
    DOWNLOAD_URL_RELATIVE(CheckFaults::downloadUrlRelative),
    /** Breaks "3. GET .../check-for-updates" (every 200 carries a weak ETag: W/"…"): the tag is strong. */
    CHECK_ETAG_STRONG(CheckFaults::checkEtagStrong),
    /** Breaks openapi ETagWeak (it changes exactly when the answer would): the tag hashes the path only, so another query gets 304. */
    CHECK_ETAG_OF_PATH_ONLY(CheckFaults::checkEtagOfPathOnly),
    /** Breaks "3. GET .../check-for-updates" (If-None-Match naming the current tag with or without W/ gets 304): a tag without W/ is not matched. */
    IF_NONE_MATCH_NEEDS_WEAK_PREFIX(CheckFaults::ifNoneMatchNeedsWeakPrefix),
    /** Breaks openapi IfNoneMatchCheck (comma-separated entity tags): only the first tag of a list is compared. */
    IF_NONE_MATCH_FIRST_TAG_ONLY(CheckFaults::ifNoneMatchFirstTagOnly),
    /** Breaks openapi checkForUpdates 304 (If-None-Match: * matches): * is not matched. */
    IF_NONE_MATCH_STAR_IGNORED(CheckFaults::ifNoneMatchStarIgnored),
    /** Breaks openapi checkForUpdates 304 (headers: ETag): the 304 carries no ETag. */
    NOT_MODIFIED_WITHOUT_ETAG(CheckFaults::notModifiedWithoutEtag),
    /** Breaks "Decided here" (403: a valid token used on another device's path): only the product of the path is checked. */
    OTHER_DEVICE_PATH_ALLOWED(CheckFaults::otherDevicePathAllowed),
    /** Breaks "Decided here" (403: a valid token used on another device's or product's path): answered 401, which sends devices re-authenticating in a loop. */
    FORBIDDEN_ANSWERED_401(CheckFaults::forbiddenAnswered401),
    /** Breaks "Decided here" (missing token: 401 with WWW-Authenticate: Bearer): the challenge is left out when no token was sent. */
    MISSING_TOKEN_WITHOUT_CHALLENGE(CheckFaults::missingTokenWithoutChallenge),
    /** Breaks openapi deviceToken (scheme name case-insensitive): "bearer <token>" is taken as no token. */
    BEARER_SCHEME_CASE_SENSITIVE(CheckFaults::bearerSchemeCaseSensitive),
    /** Breaks openapi WWWAuthenticateBearer (error="invalid_token" when a token was sent): the challenge never names the error. */
    INVALID_TOKEN_CHALLENGE_WITHOUT_ERROR(CheckFaults::invalidTokenChallengeWithoutError),
    /** Breaks "Decided here" (405 with Allow on check-for-updates; openapi: HEAD included): HEAD is answered like GET. */
    HEAD_ON_CHECK_ANSWERED(CheckFaults::headOnCheckAnswered),
    // ---------------------------------------------------------------- 4. report

    /** Breaks "4. POST .../report" (mandatory: header.ts): a header without ts is accepted. */
    REPORT_HEADER_TS_OPTIONAL(ReportFaults::reportHeaderTsOptional),
    /** Breaks "4. POST .../report" (mandatory: each item's type and ts): only the first item is checked. */
    REPORT_ONLY_FIRST_ITEM_CHECKED(ReportFaults::reportOnlyFirstItemChecked),
    /** Breaks openapi DataItem.v_ints (integer values; a decimal number is 400): decimals are truncated. */
    REPORT_DECIMAL_INTS_TRUNCATED(ReportFaults::reportDecimalIntsTruncated),
    /** Breaks openapi ReportRequest.data (the items; may be empty): an empty list is refused. */
    REPORT_EMPTY_DATA_REFUSED(ReportFaults::reportEmptyDataRefused),
    /** Breaks "4. POST .../report" (200 response: {}): the report is answered 204 without a body. */
    REPORT_ANSWERED_204(ReportFaults::reportAnswered204),
    /** Breaks openapi StringMap (a null value is 400): null values in v_strings and tags are dropped. */
    REPORT_NULL_MAP_VALUES_DROPPED(ReportFaults::reportNullMapValuesDropped),
    /** Breaks "Decided here" (400: a field of the wrong type; openapi seqNo is an integer): a seqNo sent as a string of digits is coerced. */
    REPORT_SEQNO_STRING_COERCED(ReportFaults::reportSeqnoStringCoerced),
    /** Breaks openapi Text (at most 4096 characters, UTF-16 code units): the report version is counted in code points. */
    TEXT_LIMIT_IN_CODE_POINTS(ReportFaults::textLimitInCodePoints),
    /** Breaks "Decided here" (400: body not JSON; openapi: nothing after the object): data after the report object is ignored. */
    REPORT_TRAILING_DATA_ACCEPTED(ReportFaults::reportTrailingDataAccepted),
    /** Breaks "Decided here" (415 on every endpoint that takes a body): /report accepts text/plain. */
    REPORT_TEXT_PLAIN_ACCEPTED(ReportFaults::reportTextPlainAccepted),
    /** Breaks openapi UnsupportedMediaType (accepted: application/*+json): /report refuses application/vnd.gaus+json. */
    REPORT_JSON_SUFFIX_REFUSED(ReportFaults::reportJsonSuffixRefused),
    /** Breaks "Decided here" (413 body over 64 KiB, on every endpoint that takes a body): /report takes 65,537 bytes. */
    REPORT_BODY_LIMIT_OFF_BY_ONE(ReportFaults::reportBodyLimitOffByOne),
    // ---------------------------------------------------------------- Decided here: bodies, methods, paths

    /** Breaks "Decided here" (400: a duplicate key): /authenticate takes the last of duplicate keys. */
    DUPLICATE_KEYS_LAST_WINS(RequestFaults::duplicateKeysLastWins),
    /** Breaks openapi request bodies (nesting deeper than 32 levels is 400): unknown fields of /register are dropped before the depth is checked. */
    DEEP_NESTING_ACCEPTED(RequestFaults::deepNestingAccepted),
    /** Breaks "Decided here" (400: a required field missing or null; openapi: null counts as absent): a null deviceId becomes "null". */
    NULL_DEVICE_ID_AS_TEXT(RequestFaults::nullDeviceIdAsText),
    /** Breaks "Decided here" (400: a field of the wrong type): a numeric deviceId is coerced to a string. */
    NUMERIC_DEVICE_ID_COERCED(RequestFaults::numericDeviceIdCoerced),
    /** Breaks "5. Versioning" (adding fields is backwards compatible; openapi: unknown fields are ignored in requests): /authenticate refuses an unknown field. */
    UNKNOWN_FIELD_REFUSED(RequestFaults::unknownFieldRefused),
    /** Breaks "Decided here" (never an echo; openapi: the detail never quotes a value from the request): a 400 on /register quotes the deviceId. */
    PROBLEM_ECHOES_DEVICE_ID(RequestFaults::problemEchoesDeviceId),
    /** Breaks "Decided here" (errors never an echo of a secret): the /authenticate 401 quotes the secret sent. */
    PROBLEM_ECHOES_SECRET(RequestFaults::problemEchoesSecret),
    /** Breaks "Decided here" (errors are application/problem+json): a 405 is sent as application/json. */
    METHOD_NOT_ALLOWED_AS_PLAIN_JSON(RequestFaults::methodNotAllowedAsPlainJson),
    /** Breaks "Decided here" (RFC 9457 problem: status is a number): a 413 problem carries status as a string. */
    BODY_TOO_LARGE_STATUS_AS_TEXT(RequestFaults::bodyTooLargeStatusAsText),
    /** Breaks "Decided here" (problem+json with type, title, status, detail): a 415 has no detail. */
    UNSUPPORTED_MEDIA_TYPE_WITHOUT_DETAIL(RequestFaults::unsupportedMediaTypeWithoutDetail),
    /** Breaks "Decided here" (405 with Allow on report too): the report's 405 has no Allow. */
    ALLOW_MISSING_ON_REPORT(RequestFaults::allowMissingOnReport),
    /** Breaks "Decided here" (405 wrong method, with Allow): OPTIONS /register is answered 204 as for CORS. */
    OPTIONS_ON_REGISTER_ANSWERED(RequestFaults::optionsOnRegisterAnswered),
    /** Breaks "Decided here" (405 wrong method on /authenticate): a method the server does not know gets 501. */
    UNKNOWN_METHOD_501(RequestFaults::unknownMethod501),
    /** Breaks "Decided here" (404 unknown path): /register/ with a trailing slash is routed to /register. */
    TRAILING_SLASH_ROUTED(RequestFaults::trailingSlashRouted),
    /** Breaks "Decided here" (404 unknown path): paths are matched ignoring case, so /Authenticate is routed. */
    PATH_CASE_INSENSITIVE(RequestFaults::pathCaseInsensitive),
    /** Breaks "Decided here" (415 only for a content type that is not JSON; openapi: application/json with any parameters): a charset parameter on /register is refused. */
    CONTENT_TYPE_PARAMETERS_REFUSED(RequestFaults::contentTypeParametersRefused),
    /** Breaks "Decided here" (a missing content type is accepted): /authenticate without Content-Type gets 415. */
    MISSING_CONTENT_TYPE_REFUSED(RequestFaults::missingContentTypeRefused),
    /** Breaks "Decided here" (413 only for a body over 64 KiB): a /register body of exactly 65,536 bytes is refused. */
    BODY_OF_64_KIB_REFUSED(RequestFaults::bodyOf64KibRefused),
    /** Breaks "Decided here" (413; openapi: also a chunked one): a chunked /authenticate body is not limited. */
    CHUNKED_BODY_NOT_LIMITED(RequestFaults::chunkedBodyNotLimited),
    // ---------------------------------------------------------------- Decided here: throttling

    /** Breaks "Decided here" (429 with Retry-After): the 429 has no Retry-After. */
    RETRY_AFTER_MISSING(ThrottleFaults::retryAfterMissing),
    /** Breaks "Decided here" (429 with Retry-After; openapi: seconds left in the window): Retry-After is given in milliseconds. */
    RETRY_AFTER_IN_MILLISECONDS(ThrottleFaults::retryAfterInMilliseconds),
    /** Breaks "Decided here" (the same wrong secret retried is not guessing): every failure counts, so a retrying station is locked out. */
    SAME_WRONG_SECRET_COUNTED(ThrottleFaults::sameWrongSecretCounted),
    /** Breaks "Decided here" (429 decided before the secret is checked, so the right secret gets 429 too): the right secret still passes. */
    THROTTLE_AFTER_SECRET_CHECK(ThrottleFaults::throttleAfterSecretCheck),
    /** Breaks "Decided here" (the unit is the pair (client address, access key); no limit per access key alone): throttling ignores the address. */
    THROTTLE_PER_KEY_ONLY(ThrottleFaults::throttlePerKeyOnly),
    /** Breaks "Decided here" (malformed bodies (400) are not failures): 400s count toward throttling of the address. */
    BAD_REQUESTS_COUNTED(ThrottleFaults::badRequestsCounted),
    /** Breaks "Decided here" (spraying: except for pairs that succeeded from that address in the last 24 hours): a proven product key is locked out too. */
    SPRAY_LOCKS_PROVEN_KEYS(ThrottleFaults::sprayLocksProvenKeys),
    // ---------------------------------------------------------------- Decided here: downloads

    /** Breaks "Decided here" (206 with exactly those bytes, both ends included): the last byte of a range is left out. */
    RANGE_END_EXCLUSIVE(DownloadFaults::rangeEndExclusive),
    /** Breaks "Decided here" (Range -suffix: the last bytes): a suffix range is served as an offset. */
    SUFFIX_RANGE_AS_OFFSET(DownloadFaults::suffixRangeAsOffset),
    /** Breaks "Decided here" (a range that starts past the end: 416 with Content-Range "bytes &#42;/size"): the whole file is sent instead. */
    RANGE_PAST_END_SENDS_FILE(DownloadFaults::rangePastEndSendsFile),
    /** Breaks "Decided here" (416 for a range that starts past the end; openapi: at or past the end): a range starting at the size gets the last byte. */
    RANGE_AT_SIZE_GETS_LAST_BYTE(DownloadFaults::rangeAtSizeGetsLastByte),
    /** Breaks "Decided here" (206 with Content-Range: bytes first-last/size): the size is written as *. */
    CONTENT_RANGE_SIZE_UNKNOWN(DownloadFaults::contentRangeSizeUnknown),
    /** Breaks "Decided here" (416 with Content-Range: "bytes &#42;/size"): the 416 has no Content-Range. */
    UNSATISFIABLE_RANGE_WITHOUT_SIZE(DownloadFaults::unsatisfiableRangeWithoutSize),
    /** Breaks "Decided here" (downloadUrl answers with a strong ETag): the download tag is weak. */
    DOWNLOAD_ETAG_WEAK(DownloadFaults::downloadEtagWeak),
    /** Breaks openapi IfRange (honoured only when it equals the current strong ETag; else 200 whole file): If-Range is ignored. */
    IF_RANGE_IGNORED(DownloadFaults::ifRangeIgnored),
    /** Breaks openapi IfRange (equals the strong ETag exactly): a weak W/ form of the tag is honoured. */
    IF_RANGE_WEAK_MATCH(DownloadFaults::ifRangeWeakMatch),
    /** Breaks "Decided here" (downloadUrl answers with Content-Length; openapi: HEAD as GET): HEAD says Content-Length 0. */
    HEAD_DOWNLOAD_LENGTH_ZERO(DownloadFaults::headDownloadLengthZero),
    /** Breaks openapi downloadUpdateHead (HEAD answered as GET without a body): HEAD on a download gets 405. */
    HEAD_DOWNLOAD_REFUSED(DownloadFaults::headDownloadRefused),
    /** Breaks openapi DownloadToken (anything but 64 lowercase hex characters is 404): an upper-case token is served. */
    DOWNLOAD_TOKEN_CASE_FOLDED(DownloadFaults::downloadTokenCaseFolded),
    /** Breaks openapi Range (several ranges are ignored: 200 with the whole file): the first of several ranges is served as 206. */
    MULTIPLE_RANGES_FIRST_SERVED(DownloadFaults::multipleRangesFirstServed),
    /** Breaks openapi Range (spaces allowed around numbers, unit case-insensitive): such a range is ignored and the whole file sent. */
    RANGE_LENIENT_SYNTAX_IGNORED(DownloadFaults::rangeLenientSyntaxIgnored),
    /** Breaks "Decided here" (downloadUrl answers with Content-Length): a 206 is sent chunked, without Content-Length. */
    RANGE_ANSWER_CHUNKED(DownloadFaults::rangeAnswerChunked),
    /** Breaks openapi IfNoneMatchDownload (a match is 304): If-None-Match is ignored on downloads. */
    DOWNLOAD_IF_NONE_MATCH_IGNORED(DownloadFaults::downloadIfNoneMatchIgnored);

    private final Handler handler;

    BlindFault(Handler handler) {
        this.handler = handler;
    }

    /** Answers one request, through the server or on its own. */
    Response handle(BlindExchange x) throws IOException {
        return handler.handle(x);
    }

    /** How a fault answers a request. */
    interface Handler {
        Response handle(BlindExchange x) throws IOException;
    }
}

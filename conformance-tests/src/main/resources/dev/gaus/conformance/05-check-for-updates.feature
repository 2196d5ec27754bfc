# protocol.md §3 GET /device/{productGUID}/{deviceGUID}/check-for-updates
Feature: §3 Checking for updates
  A device asks what to install; the answer is cacheable with a weak ETag.

  @id:check-answer
  Scenario: §3 The answer lists updates with the documented fields and types
    Given the device "cfu-unit-1" is registered and authenticated
    When "cfu-unit-1" checks for updates with "firmware-version=1.0.0&location=swe"
    Then the answer is 200 with a JSON object
    And its "updates" is a list of well-formed updates, at most one per updateType
    And its "pollIntervalSeconds", if present, is a positive whole number

  @id:check-without-versions
  Scenario: §3 Without version parameters the device still gets an answer
    Given the device "cfu-unit-2" is registered and authenticated
    When "cfu-unit-2" checks for updates
    Then the answer is 200 with a JSON object
    And its "updates" is a list of well-formed updates, at most one per updateType

  @id:check-raw-and-unknown-parameters
  Scenario: §3 §5 Parameters that are not URL-encoded and unknown parameters are accepted
    Given the device "cfu-unit-3" is registered and authenticated
    When "cfu-unit-3" checks for updates with "firmware-version=1.0.0&location=swe&note=a:b/c@d&kit-extra=1"
    Then the answer is 200 with a JSON object

  @id:etag-weak
  Scenario: §3 Every 200 carries a weak ETag
    Given the device "etag-unit-1" is registered and authenticated
    When "etag-unit-1" checks for updates with "firmware-version=1.0.0"
    Then the answer status is 200
    And the answer carries a weak ETag

  @id:etag-not-modified
  Scenario: §3 Asking again with the current ETag is answered 304 without a body
    Given the device "etag-unit-2" is registered and authenticated
    And "etag-unit-2" has checked for updates with "firmware-version=1.0.0" and kept the ETag
    When "etag-unit-2" checks for updates with "firmware-version=1.0.0" and If-None-Match of the kept ETag
    Then the answer status is 304
    And the answer has no body

  @id:etag-without-w-prefix
  Scenario: §3 The ETag also matches without its W/ prefix
    Given the device "etag-unit-3" is registered and authenticated
    And "etag-unit-3" has checked for updates with "firmware-version=1.0.0" and kept the ETag
    When "etag-unit-3" checks for updates with "firmware-version=1.0.0" and If-None-Match of the kept ETag without W/
    Then the answer status is 304
    And the answer has no body

  @id:etag-stale
  Scenario: §3 A stale ETag gets the full answer
    Given the device "etag-unit-4" is registered and authenticated
    When "etag-unit-4" checks for updates with "firmware-version=1.0.0" and If-None-Match W/"kit-stale-tag"
    Then the answer is 200 with a JSON object
    And the answer carries a weak ETag

  @id:etag-in-list
  Scenario: §3 An If-None-Match listing another tag beside the current one is answered 304
    Given the device "etag-unit-5" is registered and authenticated
    And "etag-unit-5" has checked for updates with "firmware-version=1.0.0" and kept the ETag
    When "etag-unit-5" checks for updates with "firmware-version=1.0.0" and If-None-Match of another tag and the kept ETag
    Then the answer status is 304
    And the answer has no body

  # HTTP's rule (RFC 9110 section 13.1.2): "*" matches whenever there is an answer.
  @id:etag-star
  Scenario: §3 If-None-Match: * is answered 304
    Given the device "etag-unit-6" is registered and authenticated
    When "etag-unit-6" checks for updates with "firmware-version=1.0.0" and If-None-Match *
    Then the answer status is 304
    And the answer has no body

# protocol.md §3 GET /device/{productGUID}/{deviceGUID}/check-for-updates, with updates published
@needs-update
Feature: §3 Published updates
  The protocol has no call to publish an update, so these scenarios run only when the kit is told
  what the server offers (--expect-update TYPE, --update-param KEY=VALUE).

  @id:update-offered
  Scenario: §3 The expected updates are offered, one per updateType, with the documented fields and types
    Given the device "upd-unit-1" is registered and authenticated
    When "upd-unit-1" checks for updates with the expected update parameters
    Then the answer is 200 with a JSON object
    And its "updates" is a list of well-formed updates, at most one per updateType
    And it offers exactly one update of each expected updateType

  @id:update-download
  Scenario: §3 Each offered file downloads with the announced size, md5 and toSha256
    Given the device "upd-unit-2" has been offered the expected updates
    When each offered update is downloaded from its downloadUrl
    Then each download is 200 with exactly the announced size
    And each download has the announced md5 and, when given, toSha256

  # Decided here: plain HTTP lets a server ignore Range; resumable downloads need it.
  @strict
  @id:update-range
  Scenario: Decided here: a download answers a byte range with 206 and exactly those bytes
    Given the device "upd-unit-3" has been offered the expected updates
    When each offered update is downloaded from its downloadUrl
    And a byte range of each offered update is downloaded
    Then each range answer is 206 with a Content-Range and the bytes of the file at that range

  @strict
  @id:update-range-past-end
  Scenario: Decided here: a byte range past the end of the file is answered 416
    Given the device "upd-unit-5" has been offered the expected updates
    When a byte range past the end of each offered update is asked for
    Then each of those answers is 416 with a Content-Range naming the size

  @strict
  @id:update-range-form
  Scenario Outline: Decided here: a byte range <form> is answered 206 with exactly those bytes
    Given the device "upd-unit-6" has been offered the expected updates
    When each offered update is downloaded from its downloadUrl
    And the byte range "<range>" of each offered update is downloaded
    Then each range answer is 206 with a Content-Range and the bytes of the file at that range

    Examples:
      | id         | form                               | range            |
      | open-ended | from an offset to the end          | first-           |
      | suffix     | of the last bytes                  | -suffix          |
      | past-end   | that ends past the end of the file | first-beyond-end |

  @strict
  @id:update-download-headers
  Scenario: Decided here: a download answers with Content-Length and a strong ETag
    Given the device "upd-unit-7" has been offered the expected updates
    When each offered update is downloaded from its downloadUrl
    Then each download is 200 with a Content-Length of the announced size and a strong ETag

  @id:update-not-offered-again
  Scenario: §3 A device on the offered versions is not offered them again, and the ETag changes with the answer
    Given the device "upd-unit-4" has been offered the expected updates and kept the ETag
    When "upd-unit-4" checks for updates on the offered versions with If-None-Match of the kept ETag
    Then the answer is 200 with a JSON object
    And none of the offered updates is offered again
    And the answer carries a weak ETag other than the kept one

  @id:update-newest-without-version
  Scenario: §3 A device that sends no version of an updateType is offered the newest update of that type
    Given the device "upd-unit-8" is registered and authenticated
    When "upd-unit-8" checks for updates with the expected update parameters but no version of the expected updateTypes
    Then the answer is 200 with a JSON object
    And it offers exactly one update of each expected updateType
    When "upd-unit-8" checks for updates on the versions it was offered
    Then the answer is 200 with a JSON object
    And it offers no update of the expected updateTypes

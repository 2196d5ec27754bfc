# protocol.md §2 (the token grants GET and POST on /device/<productGUID>/<deviceGUID>/* and nothing else)
Feature: §2 A token opens only its own device's door
  A device re-authenticates when a call answers 401, so a missing, garbled, forged or expired
  token must be answered 401; a valid token on another device's path must be refused
  (the exact 403 is checked under @strict).

  @id:token-missing
  Scenario: §2 A device call without a token is answered 401
    Given the device "no-token-1" is registered and authenticated
    When "no-token-1" checks for updates without a token
    Then the answer status is 401

  @id:token-garbled
  Scenario: §2 A device call with a garbled token is answered 401
    Given the device "garbled-token-1" is registered and authenticated
    When "garbled-token-1" checks for updates with the token "not-a-jwt"
    Then the answer status is 401

  @id:token-foreign-signature
  Scenario: §2 A token signed with another key is answered 401
    Given the device "forged-token-1" is registered and authenticated
    When "forged-token-1" checks for updates with its token's claims signed with a key of the kit's own
    Then the answer status is 401

  @id:token-unsigned
  Scenario: §2 An unsigned token (alg none) is answered 401
    Given the device "unsigned-token-1" is registered and authenticated
    When "unsigned-token-1" checks for updates with its token's claims unsigned
    Then the answer status is 401

  @id:token-claims-rewritten
  Scenario: §2 A token whose claims were changed to another device is answered 401
    Given the device "tamper-a" is registered and authenticated
    And the device "tamper-b" is registered and authenticated
    When "tamper-a" checks for updates of "tamper-b" with its own token rewritten to name "tamper-b"
    Then the answer status is 401

  @id:token-foreign-device-check
  Scenario: §2 A token does not open another device's check-for-updates
    Given the device "door-a" is registered and authenticated
    And the device "door-b" is registered and authenticated
    When "door-a" checks for updates on the path of "door-b"
    Then the request is refused with 401, 403 or 404

  @id:token-foreign-device-report
  Scenario: §2 A token does not open another device's report
    Given the device "door-c" is registered and authenticated
    And the device "door-d" is registered and authenticated
    When "door-c" sends a status report on the path of "door-d"
    Then the request is refused with 401, 403 or 404

  @id:token-foreign-product
  Scenario: §2 A token does not open its deviceGUID under another product
    Given the device "door-e" is registered and authenticated
    When "door-e" checks for updates on its own path under another productGUID
    Then the request is refused with 401, 403 or 404

  @id:report-without-token
  Scenario: §2 A report without a token is answered 401
    Given the device "no-token-2" is registered and authenticated
    When "no-token-2" sends a status report without a token
    Then the answer status is 401

  @token-expiry
  @id:token-expired
  Scenario: §2 An expired token is answered 401
    Given the device "expiry-unit-1" is registered and authenticated
    When the token lifetime given to the kit has passed
    And "expiry-unit-1" checks for updates
    Then the answer status is 401

  # Authentication schemes are case-insensitive (RFC 9110 section 11.1).
  @id:token-scheme-lower-case
  Scenario: §2 A token sent under the scheme "bearer" in lower case is accepted
    Given the device "scheme-unit-1" is registered and authenticated
    When "scheme-unit-1" checks for updates with its token under the scheme "bearer"
    Then the answer status is 200

# protocol.md §2 POST /authenticate
Feature: §2 Authenticating a device
  A device trades its keys for a short-lived JWT that names it.

  @id:authenticate-answer
  Scenario: §2 Authentication answers the device's GUIDs and a token
    Given the device "auth-unit-1" is registered
    When "auth-unit-1" authenticates with its device keys
    Then the answer is 200 with a JSON object
    And its "deviceGUID" is a non-empty string
    And its "productGUID" is a non-empty string
    And its "token" is a non-empty string
    And its "token" is a compact JWT

  @id:token-claims
  Scenario: §2 The token carries the documented claims
    Given the device "claims-unit-1" is registered and authenticated
    Then the token of "claims-unit-1" has the claim "sub" equal to "<productGUID>:<deviceGUID>"
    And the token of "claims-unit-1" has the claim "aud" equal to ""
    And the token of "claims-unit-1" has the claim "pgu" equal to "<productGUID>"
    And the token of "claims-unit-1" has the claim "dgu" equal to "<deviceGUID>"
    And the token of "claims-unit-1" has the claim "did" equal to "claims-unit-1"
    And the token of "claims-unit-1" has a non-empty string claim "jti"
    And the token of "claims-unit-1" has numeric claims "iat" and "exp" with "exp" after "iat"

  @id:token-per-authentication
  Scenario: §2 Each authentication gives a token of its own for the same device
    Given the device "reauth-unit-1" is registered and authenticated as "first session"
    When "reauth-unit-1" authenticates again as "second session"
    Then "first session" and "second session" have the same deviceGUID and productGUID
    And "first session" and "second session" have tokens with different "jti" claims

  @token-expiry
  @id:token-lifetime
  Scenario: §2 A token lives as long as the server's token lifetime
    Given the device "ttl-unit-1" is registered and authenticated
    Then the token of "ttl-unit-1" lives for the token lifetime given to the kit

  @id:token-times-in-seconds
  Scenario: §2 The token's iat is the time it was issued, in seconds since the epoch
    Given the device "iat-unit-1" is registered and authenticated
    Then the token of "iat-unit-1" was issued at the time of the answer, in seconds since the epoch

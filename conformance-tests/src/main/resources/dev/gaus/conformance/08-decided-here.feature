# protocol.md "Decided here": behaviour the public API leaves open and this project fixes
@strict
Feature: Decided here: errors, limits and idempotent registration
  These scenarios judge a server against the decisions of protocol.md; a server that follows
  only the public API may fail them and still pass the core scenarios.

  @id:problem
  Scenario Outline: Decided here: a <kind> is answered <status> as application/problem+json
    Given the device "problem-unit-1" is registered and authenticated
    When the kit sends <request>
    Then the answer is <status> with a problem+json body

    Examples:
      | id                       | kind                                | status | request                                |
      | 400-bad-json             | malformed body                      | 400    | a register body that is not JSON       |
      | 401-wrong-product-secret | wrong product secret                | 401    | a registration with a wrong secret key |
      | 401-missing-token        | missing token                       | 401    | a check for updates without a token    |
      | 403-foreign-path         | token on a foreign device path      | 403    | a check for updates on a foreign path  |
      | 404-unknown-path         | request for an unknown path         | 404    | a GET of an unknown path               |
      | 405-wrong-method         | request with a wrong method         | 405    | a GET of /register                     |

  @id:secret-not-echoed
  Scenario: Decided here: a wrong secret key is not echoed and no stack trace is shown
    When a device registers with the product access key and the wrong secret key "kit-wrong-secret-7f3a9c"
    Then the answer is 401 with a problem+json body
    And the answer does not contain "kit-wrong-secret-7f3a9c"
    And the answer shows no stack trace

  @id:register-no-key-enumeration
  Scenario: Decided here: an unknown access key and a wrong secret key get the same answer
    When a device registers with an unknown access key and the product secret key
    And a device registers with the product access key and a wrong secret key
    Then both answers are 401 with the same problem type, title and detail
    And both answers took roughly the same time

  @id:authenticate-no-key-enumeration
  Scenario: Decided here: on /authenticate an unknown access key and a wrong secret key get the same answer
    Given the device "enumerated-1" is registered
    When a device authenticates with an unknown access key
    And "enumerated-1" authenticates with its access key and a wrong secret key
    Then both answers are 401 with the same problem type, title and detail

  @id:bearer-challenge
  Scenario Outline: Decided here: a check for updates <how> is answered 401 with WWW-Authenticate: Bearer
    Given the device "bearer-unit-1" is registered and authenticated
    When "bearer-unit-1" checks for updates <how>
    Then the answer is 401 with the header "WWW-Authenticate" starting with "Bearer"

    Examples:
      | id            | how                                                        |
      | no-token      | without a token                                            |
      | garbled-token | with a garbled token                                       |
      | forged-token  | with its token's claims signed with a key of the kit's own |

  @id:foreign-device-403
  Scenario: Decided here: a token on another device's path is answered 403
    Given the device "door-f" is registered and authenticated
    And the device "door-g" is registered and authenticated
    When "door-f" checks for updates on the path of "door-g"
    Then the answer is 403 with a problem+json body

  @id:foreign-product-403
  Scenario: Decided here: a token under another productGUID is answered 403
    Given the device "door-h" is registered and authenticated
    When "door-h" checks for updates on its own path under another productGUID
    Then the answer is 403 with a problem+json body

  @id:register-405
  Scenario: Decided here: a wrong method is answered 405 with Allow
    When a client sends GET to "/register"
    Then the answer status is 405
    And the answer has an "Allow" header that lists "POST"

  # Each status applies to every endpoint, not only the one a server tested first.
  @id:method-405
  Scenario Outline: Decided here: a wrong method on <endpoint> is answered 405 with Allow
    Given the device "method-unit" is registered and authenticated
    When "method-unit" sends <method> to <endpoint> with its token
    Then the answer status is 405
    And the answer has an "Allow" header that lists "<allowed>"

    Examples:
      | id                | endpoint          | method | allowed |
      | authenticate      | authenticate      | GET    | POST    |
      | check-for-updates | check-for-updates | POST   | GET     |
      | report            | report            | GET    | POST    |

  @id:register-413
  Scenario: Decided here: a body over 64 KiB is answered 413
    When a client posts to "/register" a JSON body of 70 KiB
    Then the answer is 413 with a problem+json body

  # A limit checked against Content-Length alone lets a chunked body of any size in.
  @id:register-413-chunked
  Scenario: Decided here: a body over 64 KiB sent chunked is answered 413
    When a client posts to "/register" a JSON body of 70 KiB sent chunked
    Then the answer is 413 with a problem+json body

  @id:body-413
  Scenario Outline: Decided here: a body over 64 KiB to <endpoint> is answered 413
    Given the device "size-unit" is registered and authenticated
    When "size-unit" posts to <endpoint> a JSON body of 70 KiB with its token
    Then the answer is 413 with a problem+json body

    Examples:
      | id           | endpoint     |
      | authenticate | authenticate |
      | report       | report       |

  @id:register-415
  Scenario: Decided here: a body that is not JSON by content type is answered 415
    When a device registers with the product keys sending the content type "text/plain"
    Then the answer is 415 with a problem+json body

  @id:content-type-415
  Scenario Outline: Decided here: a body to <endpoint> that is not JSON by content type is answered 415
    Given the device "type-unit" is registered and authenticated
    When "type-unit" posts its usual body to <endpoint> as "text/plain" with its token
    Then the answer is 415 with a problem+json body

    Examples:
      | id           | endpoint     |
      | authenticate | authenticate |
      | report       | report       |

  @id:register-without-content-type
  Scenario: Decided here: a body without a content type is accepted
    When a device registers with the product keys sending no content type
    Then the answer is 200 with a JSON object

  @id:register-device-id-128
  Scenario: Decided here: a deviceId of 128 characters is accepted
    When a device with a deviceId of 128 characters registers with the product keys
    Then the answer is 200 with a JSON object

  @id:idempotent-retry
  Scenario: Decided here: a register retried with the same Idempotency-Key returns the same registration
    When the device "idempotent-1" registers with a new Idempotency-Key as "first try"
    And the device "idempotent-1" registers with the same Idempotency-Key as "retry"
    Then "first try" and "retry" have the same device keys

  @id:idempotent-other-key
  Scenario: Decided here: another Idempotency-Key creates another device
    When the device "idempotent-2" registers with a new Idempotency-Key as "first"
    And the device "idempotent-2" registers with a new Idempotency-Key as "second"
    Then "first" and "second" have different device keys
    And "first" and "second" both authenticate
    And "first" and "second" have different deviceGUIDs and the same productGUID

  # protocol.md fixes the retry with the same body; with another body the earlier answer must not
  # come back, or a second device would get the keys of the first.
  @id:idempotent-other-body
  Scenario: Decided here: the same Idempotency-Key with another deviceId does not return the first registration
    When the device "idempotent-3" registers with a new Idempotency-Key as "first"
    And the device "idempotent-4" registers with the same Idempotency-Key
    Then the answer is a client error or device keys other than those of "first"

# protocol.md "Decided here": 429 with Retry-After stops guessing, never honest neighbours.
# Every scenario guesses at the keys of devices it registers for itself, so the kit's product key
# and address are never throttled by it and the kit can be run again at once. Spraying many keys
# from one address is not provoked: it would throttle the kit's own address for the next run.
@strict @rate-limit
Feature: Decided here: guessing a secret is stopped with 429, honest neighbours are not

  @id:rate-limit-guessing
  Scenario: Decided here: more than 20 distinct wrong secrets for one access key are answered 429 with Retry-After, the right secret too
    Given the device "guessed" is registered
    When "guessed" authenticates with distinct wrong secret keys up to 30 times until answered 429
    Then the last answer is 429 with a Retry-After header
    And the 429 came after no more than 22 wrong secret keys
    When "guessed" authenticates with its device keys
    Then the last answer is 429 with a Retry-After header

  @id:rate-limit-neighbours
  Scenario: Decided here: a key stopped for guessing does not stop other keys from the same client
    Given the device "neighbour" is registered and authenticated
    And the device "newcomer" is registered
    And the device "guessed" is registered
    When "guessed" authenticates with distinct wrong secret keys up to 30 times until answered 429
    Then the last answer is 429 with a Retry-After header
    When "neighbour" authenticates with its device keys
    Then the answer status is 200
    When "newcomer" authenticates with its device keys
    Then the answer status is 200
    When the device "after-guessing" registers with the product keys
    Then the answer status is 200

  @id:rate-limit-same-secret-retried
  Scenario: Decided here: the same wrong secret key retried 30 times is not guessing
    Given the device "stale" is registered
    When "stale" authenticates with one wrong secret key 30 times
    Then every one of those answers is 401
    When "stale" authenticates with its device keys
    Then the answer status is 200

# protocol.md "Decided here": 429 with Retry-After when one client fails authentication too often.
# Kept in the last feature file: once it has passed, the server refuses this client for a while,
# so the runner executes it after every other scenario (features run in the order of their names).
@strict @rate-limit
Feature: Decided here: too many failed authentications are slowed down

  Scenario: Decided here: more than 20 failed authentications in a minute are answered 429 with Retry-After
    When a device registers with the product access key and a wrong secret key up to 30 times until answered 429
    Then the last answer is 429 with a Retry-After header
    And the 429 came after no more than 22 failed attempts

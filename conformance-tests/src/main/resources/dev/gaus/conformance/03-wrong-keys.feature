# protocol.md §1, §2 (and "Decided here": 401 for unknown access key or wrong secret)
Feature: §1 §2 Wrong keys are refused
  Keys are checked: a wrong or unknown key is a client error and never yields keys or a token.

  @id:register-wrong-product-secret
  Scenario: §1 A wrong product secret key is refused
    When a device registers with the product access key and a wrong secret key
    Then the request is refused with a client error and no device keys

  @id:register-unknown-product-key
  Scenario: §1 An unknown product access key is refused
    When a device registers with an unknown access key and the product secret key
    Then the request is refused with a client error and no device keys

  @id:register-swapped-product-keys
  Scenario: §1 Swapped product keys are refused
    When a device registers with the product keys swapped
    Then the request is refused with a client error and no device keys

  @id:register-empty-product-keys
  Scenario: §1 Empty product keys are refused
    When a device registers with empty product keys
    Then the request is refused with a client error and no device keys

  @id:register-with-device-keys
  Scenario: §1 Device keys do not register a device
    Given the device "key-owner-1" is registered
    When a device registers with the device keys of "key-owner-1" as product keys
    Then the request is refused with a client error and no device keys

  @id:authenticate-with-product-keys
  Scenario: §2 Product keys do not authenticate a device
    When a device authenticates with the product keys
    Then the request is refused with a client error and no token

  @id:authenticate-wrong-device-secret
  Scenario: §2 A wrong device secret key is refused
    Given the device "wrong-secret-1" is registered
    When "wrong-secret-1" authenticates with its access key and a wrong secret key
    Then the request is refused with a client error and no token

  @id:authenticate-crossed-device-keys
  Scenario: §2 A device secret key does not open another device
    Given the device "neighbour-a" is registered
    And the device "neighbour-b" is registered
    When a device authenticates with the access key of "neighbour-a" and the secret key of "neighbour-b"
    Then the request is refused with a client error and no token

  # Secrets are compared whole and exactly: a server comparing a prefix, a length of its own
  # choosing or ignoring case lets these in.
  @id:register-product-secret-last-character
  Scenario: §1 A product secret key differing only in its last character is refused
    When a device registers with the product secret key changed in its last character
    Then the request is refused with a client error and no device keys

  @id:register-product-secret-one-short
  Scenario: §1 A product secret key one character short is refused
    When a device registers with the product secret key one character short
    Then the request is refused with a client error and no device keys

  @id:register-product-secret-one-more
  Scenario: §1 A product secret key with one character more is refused
    When a device registers with the product secret key and one character more
    Then the request is refused with a client error and no device keys

  @id:authenticate-device-secret-upper-case
  Scenario: §2 A device secret key in upper case is refused
    Given the device "exact-secret-1" is registered
    When "exact-secret-1" authenticates with its secret key in upper case
    Then the request is refused with a client error and no token

  @id:authenticate-device-secret-one-short
  Scenario: §2 A device secret key one character short is refused
    Given the device "exact-secret-2" is registered
    When "exact-secret-2" authenticates with its secret key one character short
    Then the request is refused with a client error and no token

  @id:authenticate-device-secret-one-more
  Scenario: §2 A device secret key with one character more is refused
    Given the device "exact-secret-3" is registered
    When "exact-secret-3" authenticates with its secret key and one character more
    Then the request is refused with a client error and no token

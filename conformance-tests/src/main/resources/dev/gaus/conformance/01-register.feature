# protocol.md §1 POST /register
Feature: §1 Registering a device
  A device on-boards with its product's keys and gets keys of its own for life.
  Every successful registration creates a new device, even for a deviceId seen before.

  @id:register-answer
  Scenario: §1 A registration answers a poll interval and the device's own keys
    When the device "factory-unit-1" registers with the product keys
    Then the answer is 200 with a JSON object
    And its "pollIntervalSeconds" is a positive whole number
    And its "deviceAuthParameters.accessKey" is a non-empty string
    And its "deviceAuthParameters.secretKey" is a non-empty string
    And the device keys are not the product keys

  @id:register-unique-keys
  Scenario: §1 Device keys are unique over many registrations
    When 8 devices register 3 times each with the product keys
    Then all 24 registrations answer 200
    And all 48 device keys are distinct

  @id:register-again-new-device
  Scenario: §1 Re-registering a deviceId creates a new device and keeps the earlier one
    Given the device "refurbished-1" is registered as "before reset"
    When the device "refurbished-1" is registered again as "after reset"
    Then "before reset" and "after reset" have different device keys
    And "before reset" and "after reset" both authenticate
    And "before reset" and "after reset" have different deviceGUIDs and the same productGUID
    And the tokens of "before reset" and "after reset" both carry the did "refurbished-1"

  @id:register-concurrently
  Scenario: §1 Concurrent re-registrations of one deviceId each create a device
    When the device "race-unit-1" registers 8 times at once
    Then every one of the 8 registrations answers 200 with device keys of its own
    And every one of the 8 registrations authenticates as a device of its own

  # Media types are case-insensitive and may carry parameters such as charset (HTTP's rules).
  @id:register-json-media-type
  Scenario Outline: §1 A registration sent as "<type>" is accepted
    When a device registers with the product keys sending the content type "<type>"
    Then the answer is 200 with a JSON object

    Examples:
      | id         | type                            |
      | charset    | application/json; charset=utf-8 |
      | upper-case | Application/JSON                |

# protocol.md Decided here: Signed updates (optional extension)
@signed
Feature: Decided here: signed updates
  Devices that trust update keys install only updates signed by one of them, over the canonical
  text gaus-update-signature-v1 of the announced fields. Nothing over the API names the key, so
  these scenarios run only when the kit is told it (--update-key "<key id>:<public key>"). The
  device sends the --update-param values, if any.

  @id:signed-update-offered
  Scenario: Decided here: every offered update carries a signature by the trusted key over its announced fields
    Given the device "signed-unit-1" is registered and authenticated
    When "signed-unit-1" checks for updates as a device that verifies signatures
    Then the answer is 200 with a JSON object
    And at least one update is offered
    And every offered update is signed by the trusted key over its productGUID, updateType, version, version scheme, size and SHA-256

  @id:signed-update-download
  Scenario: Decided here: each signed update's file has the signed size and SHA-256
    Given the device "signed-unit-2" has been offered updates signed by the trusted key
    When each signed update is downloaded from its downloadUrl
    Then each signed download has exactly the signed size and SHA-256

# protocol.md §1 §2 §4 (bodies) and "Decided here" (400 for every malformed-input class)
Feature: Malformed input is a client error, never a server error
  Whatever a client sends, a bad request is answered with a 4xx: never a 2xx, never a 5xx.
  The @strict outlines also require the exact 400 with a problem+json body that protocol.md decides.
  ${...} in a body stands for the product's keys, the scenario device's keys, or a deviceId of 129 characters.

  @id:register-malformed
  Scenario Outline: §1 A register body with <case> is a client error
    When a client posts to "/register" the body '<body>'
    Then the answer is a client error

    Examples:
      | id                             | case                             | body                                                                                                    |
      | not-json                       | text that is not JSON            | register me please                                                                                      |
      | empty                          | no content                       |                                                                                                         |
      | truncated                      | truncated JSON                   | {"deviceId": "malformed-1", "productAuthParameters": {                                                  |
      | array                          | a JSON array                     | [{"deviceId": "malformed-1"}]                                                                           |
      | string                         | a JSON string                    | "malformed-1"                                                                                           |
      | no-device-id                   | no deviceId                      | {"productAuthParameters": {"accessKey": "${PRODUCT_ACCESS_KEY}", "secretKey": "${PRODUCT_SECRET_KEY}"}} |
      | no-product-auth-parameters     | no productAuthParameters         | {"deviceId": "malformed-1"}                                                                             |
      | no-access-key                  | no accessKey                     | {"deviceId": "malformed-1", "productAuthParameters": {"secretKey": "${PRODUCT_SECRET_KEY}"}}            |
      | no-secret-key                  | no secretKey                     | {"deviceId": "malformed-1", "productAuthParameters": {"accessKey": "${PRODUCT_ACCESS_KEY}"}}            |
      | numeric-device-id              | a numeric deviceId               | {"deviceId": 42, "productAuthParameters": {"accessKey": "${PRODUCT_ACCESS_KEY}", "secretKey": "${PRODUCT_SECRET_KEY}"}} |
      | product-auth-parameters-string | productAuthParameters as a string | {"deviceId": "malformed-1", "productAuthParameters": "${PRODUCT_ACCESS_KEY}"}                         |
      | numeric-secret-key             | a numeric secretKey              | {"deviceId": "malformed-1", "productAuthParameters": {"accessKey": "${PRODUCT_ACCESS_KEY}", "secretKey": 12345}} |

  @id:authenticate-malformed
  Scenario Outline: §2 An authenticate body with <case> is a client error
    Given the device "malformed-auth-1" is registered
    When a client posts to "/authenticate" the body '<body>'
    Then the answer is a client error

    Examples:
      | id                        | case                        | body                                                                                     |
      | not-json                  | text that is not JSON       | authenticate me please                                                                   |
      | array                     | a JSON array                | [{"deviceAuthParameters": {}}]                                                           |
      | no-device-auth-parameters | no deviceAuthParameters     | {"accessKey": "${DEVICE_ACCESS_KEY}", "secretKey": "${DEVICE_SECRET_KEY}"}               |
      | no-secret-key             | no secretKey                | {"deviceAuthParameters": {"accessKey": "${DEVICE_ACCESS_KEY}"}}                          |
      | numeric-access-key        | a numeric accessKey         | {"deviceAuthParameters": {"accessKey": 7, "secretKey": "${DEVICE_SECRET_KEY}"}}          |

  @id:report-malformed
  Scenario Outline: §4 A report body with <case> is a client error
    Given the device "malformed-report-1" is registered and authenticated
    When "malformed-report-1" posts to its report the body '<body>'
    Then the answer is a client error

    Examples:
      | id                | case                  | body                                                                                                    |
      | not-json          | text that is not JSON | status: all good                                                                                        |
      | no-version        | no version            | {"header": {"ts": "2014-08-16T02:08:00.000Z"}, "data": []}                                              |
      | no-header         | no header             | {"version": "1.0.0", "data": []}                                                                        |
      | no-header-ts      | no header.ts          | {"version": "1.0.0", "header": {"seqNo": 1}, "data": []}                                                |
      | no-data           | no data               | {"version": "1.0.0", "header": {"ts": "2014-08-16T02:08:00.000Z"}}                                      |
      | data-object       | data as an object     | {"version": "1.0.0", "header": {"ts": "2014-08-16T02:08:00.000Z"}, "data": {"type": "event.x"}}         |
      | item-without-type | an item without type  | {"version": "1.0.0", "header": {"ts": "2014-08-16T02:08:00.000Z"}, "data": [{"ts": "2014-08-16T02:08:00.000Z"}]} |
      | item-without-ts   | an item without ts    | {"version": "1.0.0", "header": {"ts": "2014-08-16T02:08:00.000Z"}, "data": [{"type": "event.kit.Test"}]} |

  @strict
  @id:register-400
  Scenario Outline: Decided here: a register body with <case> is answered 400 problem+json
    When a client posts to "/register" the body '<body>'
    Then the answer is 400 with a problem+json body

    Examples:
      | id                          | case                              | body                                                                                                    |
      | not-json                    | text that is not JSON             | register me please                                                                                      |
      | empty                       | no content                        |                                                                                                         |
      | array                       | a JSON array                      | [{"deviceId": "malformed-1"}]                                                                           |
      | no-device-id                | no deviceId                       | {"productAuthParameters": {"accessKey": "${PRODUCT_ACCESS_KEY}", "secretKey": "${PRODUCT_SECRET_KEY}"}} |
      | no-secret-key               | no secretKey                      | {"deviceId": "malformed-1", "productAuthParameters": {"accessKey": "${PRODUCT_ACCESS_KEY}"}}            |
      | numeric-device-id           | a numeric deviceId                | {"deviceId": 42, "productAuthParameters": {"accessKey": "${PRODUCT_ACCESS_KEY}", "secretKey": "${PRODUCT_SECRET_KEY}"}} |
      | empty-device-id             | an empty deviceId                 | {"deviceId": "", "productAuthParameters": {"accessKey": "${PRODUCT_ACCESS_KEY}", "secretKey": "${PRODUCT_SECRET_KEY}"}} |
      | empty-secret-key            | an empty secretKey                | {"deviceId": "malformed-1", "productAuthParameters": {"accessKey": "${PRODUCT_ACCESS_KEY}", "secretKey": ""}} |
      | duplicate-key               | a duplicate deviceId key          | {"deviceId": "malformed-1", "deviceId": "malformed-2", "productAuthParameters": {"accessKey": "${PRODUCT_ACCESS_KEY}", "secretKey": "${PRODUCT_SECRET_KEY}"}} |
      | device-id-129               | a deviceId of 129 characters      | {"deviceId": "${DEVICE_ID_129}", "productAuthParameters": {"accessKey": "${PRODUCT_ACCESS_KEY}", "secretKey": "${PRODUCT_SECRET_KEY}"}} |
      | device-id-control-character | a deviceId with a control character | {"deviceId": "malformed\u0007bell", "productAuthParameters": {"accessKey": "${PRODUCT_ACCESS_KEY}", "secretKey": "${PRODUCT_SECRET_KEY}"}} |

  @strict
  @id:authenticate-400
  Scenario Outline: Decided here: an authenticate body with <case> is answered 400 problem+json
    Given the device "malformed-auth-2" is registered
    When a client posts to "/authenticate" the body '<body>'
    Then the answer is 400 with a problem+json body

    Examples:
      | id            | case                   | body                                                                                                          |
      | not-json      | text that is not JSON  | authenticate me please                                                                                        |
      | no-secret-key | no secretKey           | {"deviceAuthParameters": {"accessKey": "${DEVICE_ACCESS_KEY}"}}                                               |
      | duplicate-key | a duplicate secretKey  | {"deviceAuthParameters": {"accessKey": "${DEVICE_ACCESS_KEY}", "secretKey": "${DEVICE_SECRET_KEY}", "secretKey": "${DEVICE_SECRET_KEY}"}} |

  @strict
  @id:report-400
  Scenario Outline: Decided here: a report body with <case> is answered 400 problem+json
    Given the device "malformed-report-2" is registered and authenticated
    When "malformed-report-2" posts to its report the body '<body>'
    Then the answer is 400 with a problem+json body

    Examples:
      | id                | case                  | body                                                                                                    |
      | not-json          | text that is not JSON | status: all good                                                                                        |
      | no-header-ts      | no header.ts          | {"version": "1.0.0", "header": {"seqNo": 1}, "data": []}                                                |
      | item-without-type | an item without type  | {"version": "1.0.0", "header": {"ts": "2014-08-16T02:08:00.000Z"}, "data": [{"ts": "2014-08-16T02:08:00.000Z"}]} |

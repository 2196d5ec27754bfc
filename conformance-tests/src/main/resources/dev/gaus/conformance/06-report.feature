# protocol.md §4 POST /device/{productGUID}/{deviceGUID}/report
Feature: §4 Reporting events and metrics
  A device reports update progress, events and metrics; the server answers {}.

  @id:report-update-status
  Scenario: §4 An update status report is accepted
    Given the device "report-unit-1" is registered and authenticated
    When "report-unit-1" sends the report:
      """
      { "version": "1.0.0",
        "header": { "seqNo": 1, "ts": "2014-08-16T02:08:00.000Z", "tags": { "site": "lab" } },
        "data": [ { "type": "event.update.Status", "ts": "2014-08-16T02:08:00.000Z",
                    "v_strings": { "phase": "download", "status": "success", "statusCode": "0",
                                   "logLine": "downloaded", "updateId": "kit-update-1" },
                    "v_ints": {}, "v_floats": {}, "data": "{\"bytes\":5851822}", "tags": {} } ] }
      """
    Then the answer is 200 with a JSON object

  @id:report-minimal
  Scenario: §4 A minimal report is accepted
    Given the device "report-unit-2" is registered and authenticated
    When "report-unit-2" sends the report:
      """
      { "version": "1.0.0", "header": { "ts": "2014-08-16T02:08:00.000Z" }, "data": [] }
      """
    Then the answer is 200 with a JSON object

  @id:report-metrics
  Scenario: §4 A report of metrics is accepted
    Given the device "report-unit-3" is registered and authenticated
    When "report-unit-3" sends the report:
      """
      { "version": "1.0.0", "header": { "seqNo": 7, "ts": "2014-08-16T02:08:00.000Z" },
        "data": [ { "type": "metric.gauge.cpu", "ts": "2014-08-16T02:08:00.000Z", "v_floats": { "value": 0.42 } },
                  { "type": "metric.counter.reboots", "ts": "2014-08-16T02:08:00.000Z", "v_ints": { "value": 3 } } ] }
      """
    Then the answer is 200 with a JSON object

  @id:report-with-query
  Scenario: §4 §5 A report with query parameters is accepted
    Given the device "report-unit-4" is registered and authenticated
    When "report-unit-4" sends with the query "firmware-version=1.0.0&location=swe" the report:
      """
      { "version": "1.0.0", "header": { "ts": "2014-08-16T02:08:00.000Z" },
        "data": [ { "type": "event.update.Status", "ts": "2014-08-16T02:08:00.000Z",
                    "v_strings": { "phase": "installation", "status": "failed", "updateId": "kit-update-2" } } ] }
      """
    Then the answer is 200 with a JSON object

  @id:report-phase-installation
  Scenario: §4 An update status with the phase "installation" of the public shell tooling is accepted
    Given the device "report-unit-5" is registered and authenticated
    When "report-unit-5" sends the report:
      """
      { "version": "1.0.0", "header": { "seqNo": 2, "ts": "2014-08-16T02:09:00.000Z" },
        "data": [ { "type": "event.update.Status", "ts": "2014-08-16T02:09:00.000Z",
                    "v_strings": { "phase": "installation", "status": "success", "updateId": "kit-update-3" } } ] }
      """
    Then the answer is 200 with a JSON object

package dev.gaus.conformance;

/** What one scenario's outcome means for the run. Only {@link #FAILED} fails the run. */
public enum Verdict {
    PASSED("passed"),
    FAILED("failed"),
    /** Failed, and the expected-failures list names it: the run does not fail for it. */
    EXPECTED_FAILURE("expectedFailure"),
    /** Passed although the expected-failures list names it: remove it from the list. */
    PASSING_EXPECTED_FAILURE("passingExpectedFailure"),
    /** Not run: left out by the tag expression, or it needs an option the run was not given. */
    SKIPPED("skipped");

    private final String jsonName;

    Verdict(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name {@code summary.json} gives it. */
    public String jsonName() {
        return jsonName;
    }
}

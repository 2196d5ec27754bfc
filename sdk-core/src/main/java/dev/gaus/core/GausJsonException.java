package dev.gaus.core;

/**
 * A JSON body that is not a valid GAUS message: malformed JSON, a wrong shape, a missing,
 * empty or mistyped field, a duplicate key or a body past the size limits.
 *
 * <p>{@link #path()} names where the problem is, as a JSONPath such as
 * {@code $.productAuthParameters.secretKey}; {@link #problem()} says what is wrong. Neither
 * ever contains a value taken from the body, so a secret sent in the wrong place is not echoed.
 */
public final class GausJsonException extends GausException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    public GausJsonException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    /** Where the problem is, {@code $} for the whole body. */
    public String path() {
        return path;
    }

    /** What is wrong, without any value from the body. */
    public String problem() {
        return problem;
    }
}

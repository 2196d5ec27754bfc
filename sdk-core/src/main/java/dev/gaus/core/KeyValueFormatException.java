package dev.gaus.core;

/** A {@code KEY=VALUE} file holds a line the shell tooling would not read the same way. */
public final class KeyValueFormatException extends GausException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    public KeyValueFormatException(String source, int line, String problem) {
        super(source + ", line " + line + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** The file (or other source) that was read. */
    public String source() {
        return source;
    }

    /** The 1-based line number of the problem. */
    public int line() {
        return line;
    }
}

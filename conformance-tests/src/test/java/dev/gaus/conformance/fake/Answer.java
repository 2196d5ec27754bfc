package dev.gaus.conformance.fake;

import java.util.Map;

/** Thrown by the fake's handlers to answer with an error; the server writes it as problem+json. */
final class Answer extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String title;
    final String detail;
    final transient Map<String, String> headers;

    Answer(int status, String title, String detail, Map<String, String> headers) {
        super(title, null, false, false);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.headers = headers;
    }

    Answer(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    static Answer badRequest(String detail) {
        return new Answer(400, "Bad Request", detail);
    }
}

package dev.gaus.conformance.blind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** HTTP/1.1 messages as the mutating proxy sees them: raw head fields, a whole body, editable. */
final class BlindHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_HEAD = 1 << 20;

    private BlindHttp() {}

    /** Header fields in arrival order, names compared without case. */
    static class Message {
        final List<String[]> headers = new ArrayList<>();
        byte[] body = new byte[0];

        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        void setHeader(String name, String value) {
            removeHeader(name);
            headers.add(new String[] {name, value});
        }

        void removeHeader(String name) {
            headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        void text(String text) {
            body = text.getBytes(StandardCharsets.UTF_8);
        }

        /** The body as one JSON value, or null when it is not JSON. */
        JsonNode json() {
            try {
                return body.length == 0 ? null : JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        void json(JsonNode node) {
            try {
                body = JSON.writeValueAsBytes(node);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final class Request extends Message {
        String method;
        String target;
        String version;
        InetAddress client;
        /** A declared Content-Length too large to read: forwarded without its body. */
        long unreadLength = -1;
        boolean chunked;
        /**
         * The framing fields were contradictory or unreadable (both Content-Length and chunked, a
         * Content-Length that is not a number): they are forwarded as sent, for the server to judge.
         */
        boolean verbatimFraming;

        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        String query() {
            int q = target.indexOf('?');
            return q < 0 ? "" : target.substring(q + 1);
        }

        boolean is(String method, String pathSuffix) {
            return this.method.equals(method) && path().endsWith(pathSuffix);
        }

        Request copy() {
            Request r = new Request();
            r.method = method;
            r.target = target;
            r.version = version;
            r.client = client;
            r.unreadLength = unreadLength;
            r.chunked = chunked;
            r.verbatimFraming = verbatimFraming;
            for (String[] h : headers) {
                r.headers.add(h.clone());
            }
            r.body = body.clone();
            return r;
        }
    }

    static final class Response extends Message {
        int status;
        String reason;
        /** Answer to a HEAD request: the head fields are kept as they are, Content-Length included. */
        boolean head;
        /** Sent with chunked transfer coding instead of a Content-Length. */
        boolean chunkedOut;

        static Response of(int status, String reason) {
            Response r = new Response();
            r.status = status;
            r.reason = reason;
            return r;
        }

        /** A problem answer shaped like the server's (RFC 9457). */
        static Response problem(int status, String reason, String kind, String detail) {
            Response r = of(status, reason);
            r.setHeader("Content-Type", "application/problem+json");
            r.json(JSON.createObjectNode().put("type", "urn:gaus:problem:" + kind).put("title", reason)
                    .put("status", status).put("detail", detail));
            return r;
        }

        boolean bodiless() {
            return head || status < 200 || status == 204 || status == 304;
        }
    }

    // ---- reading and writing the wire format ----

    /** The head up to and without the empty line, or null at a clean end of stream. */
    static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (lines.isEmpty() && line.size() == 0) {
                    return null;
                }
                throw new EOFException("head cut short");
            }
            if (++total > MAX_HEAD) {
                throw new IOException("head too large");
            }
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                if (s.endsWith("\r")) {
                    s = s.substring(0, s.length() - 1);
                }
                line.reset();
                if (s.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue;
                    }
                    return lines;
                }
                lines.add(s);
            } else {
                line.write(b);
            }
        }
    }

    static void parseFields(List<String> lines, Message m) {
        for (String l : lines.subList(1, lines.size())) {
            int c = l.indexOf(':');
            if (c > 0) {
                m.headers.add(new String[] {l.substring(0, c).trim(), l.substring(c + 1).trim()});
            }
        }
    }

    static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in);
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailer fields are dropped
                }
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            readLine(in);
        }
    }

    static byte[] readExactly(InputStream in, long n) throws IOException {
        byte[] b = in.readNBytes((int) n);
        if (b.length != n) {
            throw new EOFException("body cut short");
        }
        return b;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException();
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    static boolean isChunked(Message m) {
        String te = m.header("Transfer-Encoding");
        return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    static boolean hopByHop(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("connection") || n.equals("keep-alive") || n.equals("proxy-connection")
                || n.equals("transfer-encoding") || n.equals("te") || n.equals("upgrade") || n.equals("expect");
    }

    static void write(OutputStream out, String head, byte[] body) throws IOException {
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }
}

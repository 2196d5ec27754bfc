package dev.gaus.conformance.blind;

import dev.gaus.conformance.blind.BlindHttp.Request;
import dev.gaus.conformance.blind.BlindHttp.Response;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP/1.1 proxy on raw sockets: each request is read whole, handed to the fault (or forwarded
 * as it is), and the answer written back with its status, reason, fields and bytes. Requests reach
 * the server from the client's own loopback address, so the server's per-address rules see the
 * real clients.
 */
final class BlindProxy implements AutoCloseable {
    private static final long MAX_READ_BODY = 1 << 20;

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blind-proxy");
        t.setDaemon(true);
        return t;
    });
    private final BlindFault fault;
    private volatile BlindState state;
    private volatile InetSocketAddress upstream;

    BlindProxy(BlindFault fault) throws IOException {
        this.fault = fault;
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    void start(URI server, BlindState state) {
        this.state = state;
        upstream = new InetSocketAddress(server.getHost(), server.getPort());
        threads.execute(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    threads.execute(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(20_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            while (true) {
                List<String> head = BlindHttp.readHead(in);
                if (head == null) {
                    return;
                }
                Request req = new Request();
                String[] line = head.get(0).split(" ", 3);
                req.method = line[0];
                req.target = line.length > 1 ? line[1] : "/";
                req.version = line.length > 2 ? line[2] : "HTTP/1.0";
                req.client = socket.getInetAddress();
                BlindHttp.parseFields(head, req);
                String expect = req.header("Expect");
                if (expect != null && expect.equalsIgnoreCase("100-continue")) {
                    BlindHttp.write(out, "HTTP/1.1 100 Continue\r\n\r\n", new byte[0]);
                }
                String length = req.header("Content-Length");
                if (BlindHttp.isChunked(req)) {
                    req.verbatimFraming = length != null;
                    req.body = BlindHttp.readChunked(in);
                    req.chunked = true;
                } else if (length != null && !length.trim().matches("\\d{1,18}")) {
                    req.verbatimFraming = true;
                } else if (length != null) {
                    long n = Long.parseLong(length.trim());
                    if (n > MAX_READ_BODY) {
                        req.unreadLength = n;
                    } else {
                        req.body = BlindHttp.readExactly(in, n);
                    }
                }
                Response resp = fault == null ? forward(req, req.client) : fault.handle(new BlindExchange(req, state, this));
                resp.head = resp.head || req.method.equals("HEAD");
                boolean close = writeResponse(out, resp)
                        || req.unreadLength >= 0
                        || req.verbatimFraming
                        || "close".equalsIgnoreCase(req.header("Connection"))
                        || req.version.equals("HTTP/1.0");
                if (close) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or sent something unreadable: drop the connection
        }
    }

    /** Sends {@code req} to the server from {@code source} (when it is a loopback address) and reads the whole answer. */
    Response forward(Request req, InetAddress source) throws IOException {
        try (Socket s = new Socket()) {
            if (source != null && source.isLoopbackAddress()) {
                try {
                    s.bind(new InetSocketAddress(source, 0));
                } catch (SocketException e) {
                    // not bindable here: the server sees the proxy's address
                }
            }
            s.connect(upstream, 10_000);
            s.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder();
            head.append(req.method).append(' ').append(req.target).append(" HTTP/1.1\r\n");
            for (String[] h : req.headers) {
                boolean framing = h[0].equalsIgnoreCase("Content-Length") || h[0].equalsIgnoreCase("Transfer-Encoding");
                if (framing ? req.verbatimFraming : !BlindHttp.hopByHop(h[0])) {
                    head.append(h[0]).append(": ").append(h[1]).append("\r\n");
                }
            }
            byte[] body = req.unreadLength >= 0 ? new byte[0] : req.body;
            if (req.verbatimFraming) {
                body = req.chunked ? chunk(req.body) : new byte[0];
            } else if (req.unreadLength >= 0) {
                head.append("Content-Length: ").append(req.unreadLength).append("\r\n");
            } else if (req.body.length > 0 || req.header("Content-Length") != null || req.chunked) {
                head.append("Content-Length: ").append(req.body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            BlindHttp.write(out, head.toString(), body);
            InputStream in = new BufferedInputStream(s.getInputStream());
            while (true) {
                List<String> lines = BlindHttp.readHead(in);
                if (lines == null) {
                    throw new IOException("no answer");
                }
                String[] status = lines.get(0).split(" ", 3);
                Response r = new Response();
                r.status = Integer.parseInt(status[1]);
                r.reason = status.length > 2 ? status[2] : "";
                if (r.status >= 100 && r.status < 200 && r.status != 101) {
                    continue;
                }
                BlindHttp.parseFields(lines, r);
                r.head = req.method.equals("HEAD");
                if (r.bodiless()) {
                    return r;
                }
                if (BlindHttp.isChunked(r)) {
                    r.body = BlindHttp.readChunked(in);
                } else if (r.header("Content-Length") != null) {
                    r.body = BlindHttp.readExactly(in, Long.parseLong(r.header("Content-Length").trim()));
                } else {
                    r.body = in.readAllBytes();
                }
                return r;
            }
        }
    }

    /** Writes the answer; true when the connection must close after it. */
    private static boolean writeResponse(OutputStream out, Response r) throws IOException {
        boolean close = "close".equalsIgnoreCase(r.header("Connection"));
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(r.status).append(' ').append(r.reason).append("\r\n");
        for (String[] h : r.headers) {
            String n = h[0].toLowerCase(Locale.ROOT);
            if (BlindHttp.hopByHop(n) || (n.equals("content-length") && !r.bodiless())) {
                continue;
            }
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (close) {
            head.append("Connection: close\r\n");
        }
        byte[] body = r.bodiless() ? new byte[0] : r.body;
        if (!r.bodiless()) {
            if (r.chunkedOut) {
                head.append("Transfer-Encoding: chunked\r\n");
                body = chunk(body);
            } else {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
        }
        head.append("\r\n");
        BlindHttp.write(out, head.toString(), body);
        return close;
    }

    /** {@code body} in chunked transfer coding: one chunk (none when empty) and the last chunk. */
    private static byte[] chunk(byte[] body) {
        byte[] last = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        if (body.length == 0) {
            return last;
        }
        return concat((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1), body,
                "\r\n".getBytes(StandardCharsets.ISO_8859_1), last);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}

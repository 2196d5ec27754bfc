package dev.gaus.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends bytes exactly as given over a plain socket and reads one response: for requests no
 * well-behaved client would send (unencoded queries, broken framing, chosen source address).
 */
public final class RawHttp {
    private RawHttp() {}

    /** One parsed response. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public static Response exchange(URI url, String request) {
        return exchange(url, request.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Sends from {@code localAddress} (e.g. 127.0.0.2) when not null. */
    public static Response exchange(URI url, byte[] request, String localAddress) {
        return exchange(url, request, localAddress, 1).get(0);
    }

    /** Sends {@code requests} in one write (pipelined) and reads {@code count} responses from the connection. */
    public static List<Response> pipeline(URI url, String requests, int count) {
        return exchange(url, requests.getBytes(StandardCharsets.UTF_8), null, count);
    }

    private static List<Response> exchange(URI url, byte[] request, String localAddress, int count) {
        try (Socket socket = new Socket()) {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            }
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            List<Response> responses = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                responses.add(read(socket.getInputStream()));
            }
            return responses;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the response headers ended");
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        String body = "";
        String length = headers.get("content-length");
        if (length != null) {
            body = new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in);
                int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
                if (size == 0) {
                    break;
                }
                out.write(in.readNBytes(size));
                readLine(in);
            }
            body = out.toString(StandardCharsets.UTF_8);
        }
        return new Response(status, headers, body);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}

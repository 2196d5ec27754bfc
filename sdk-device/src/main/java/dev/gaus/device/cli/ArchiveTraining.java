package dev.gaus.device.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The training run of the class-data sharing archive ({@code gaus-device.jsa}) the build makes:
 * every command once, in one JVM, against a stand-in server on the loopback interface, so that
 * the archive holds the classes each command loads. The JVM that dumps the archive runs it:
 *
 * <pre>java -XX:ArchiveClassesAtExit=gaus-device.jsa -cp gaus-device.jar dev.gaus.device.cli.ArchiveTraining</pre>
 *
 * The stand-in answers each call with a fixed, made-up answer; nothing leaves the machine and
 * the files the commands write are deleted at the end. Exits non-zero when a command fails, so a
 * broken training breaks the build instead of making a poor archive.
 */
public final class ArchiveTraining {
    private ArchiveTraining() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("gaus-device-training");
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> accept(socket), "training-server");
            acceptor.setDaemon(true);
            acceptor.start();
            Path bootstrap = Files.writeString(dir.resolve("bootstrap.conf"), "GAUS_URL=\"http://127.0.0.1:"
                    + socket.getLocalPort() + "\"\nPRODUCT_ACCESS_KEY=\"training\"\nPRODUCT_SECRET_KEY=\"training\"\n");
            String state = dir.resolve("device.data").toString();
            Path ids = Files.writeString(dir.resolve("ids.txt"), "# training\ntraining-1\ntraining-2\ntraining/3\n");
            String conf = bootstrap.toString();
            run("--help");
            run("register", "--bootstrap", conf, "--state", state, "--device-id", "training-0");
            run("register", "--bootstrap", conf, "--state", state);
            run("authenticate", "--state", state);
            run("check", "--state", state, "--param", "firmware-version=1.0.0");
            run("report", "--state", state, "--counter", "boots=1", "--gauge", "cpu.temp=40");
            run("download", "--state", state, "--dir", dir.resolve("updates").toString(), "--param",
                    "firmware-version=1.0.0");
            run("run", "--state", state, "--max-checks", "1");
            run("provision", "--bootstrap", conf, "--device-ids", ids.toString(), "--out-dir",
                    dir.resolve("out").toString(), "--manifest", dir.resolve("manifest.csv").toString());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        if (code != 0) {
            System.err.println("training run of gaus-device " + args[0] + " failed (" + code + "): " + err);
            System.exit(1);
        }
    }

    private static void accept(ServerSocket socket) {
        while (true) {
            try {
                Socket connection = socket.accept();
                Thread t = new Thread(() -> serve(connection), "training-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Answers the requests of one keep-alive connection, one after the other. */
    private static void serve(Socket connection) {
        try (connection; InputStream in = new BufferedInputStream(connection.getInputStream());
                OutputStream out = connection.getOutputStream()) {
            while (true) {
                String head = head(in);
                if (head == null) {
                    return;
                }
                int length = 0;
                for (String line : head.split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                in.readNBytes(length);
                byte[] body = answer(head.substring(0, head.indexOf(' ', head.indexOf(' ') + 1)))
                        .getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nETag: W/\"1\"\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // The client closed the connection: nothing more to answer.
        }
    }

    /** The request line and headers, or null at the end of the connection. */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                return head.toString();
            }
        }
        return null;
    }

    private static String answer(String request) {
        if (request.equals("POST /register")) {
            return "{\"pollIntervalSeconds\":3600,\"deviceAuthParameters\":{\"accessKey\":\"" + "a".repeat(64)
                    + "\",\"secretKey\":\"" + "b".repeat(64) + "\"}}";
        }
        if (request.equals("POST /authenticate")) {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            long now = Instant.now().getEpochSecond();
            String claims = "{\"sub\":\"p:d\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
            return "{\"deviceGUID\":\"d\",\"productGUID\":\"p\",\"token\":\""
                    + b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln\"}";
        }
        return request.startsWith("GET ") ? "{\"updates\":[]}" : "{}";
    }
}

package dev.gaus.device.cli;

import dev.gaus.device.GausClient;
import dev.gaus.device.RetryStrategy;
import dev.gaus.device.internal.PublicKeyPins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** Options of every command that talks to a server: how long to try, whom to trust, how much to say. */
final class ConnectionOptions {
    @Option(names = "--retry-for", paramLabel = "SECONDS", defaultValue = "30",
            description = "give up retrying after this many seconds (default: ${DEFAULT-VALUE}); "
                    + "a call can then still take one request timeout")
    int retryForSeconds;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "the longest one request may take (default: ${DEFAULT-VALUE})")
    int requestTimeoutSeconds;

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "PEM CA certificate to trust for this server instead of the platform's CAs "
                    + "(default: GAUS_CA_CERT of the bootstrap or state file); register stores it in the state")
    Path caCert;

    @Option(names = "--pin-sha256", paramLabel = "PIN",
            description = "require this server public key: SHA-256 of its SubjectPublicKeyInfo, base64 or hex; "
                    + "repeat for a backup key")
    List<String> pins = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, description = "log what the SDK does on stderr (never secrets)")
    boolean verbose;

    /** The client options these stand for, checked: a bad value fails before anything is sent. */
    Consumer<GausClient.Builder> clientOptions() {
        if (retryForSeconds < 1 || requestTimeoutSeconds < 1) {
            throw new IllegalArgumentException("--retry-for and --request-timeout must be at least 1 second");
        }
        Duration requestTimeout = Duration.ofSeconds(requestTimeoutSeconds);
        RetryStrategy retry = RetryStrategy.builder()
                .maxAttempts(Integer.MAX_VALUE)
                .maxTotalTime(Duration.ofSeconds(retryForSeconds))
                .build();
        if (caCert != null && !Files.isRegularFile(caCert)) {
            throw new LocalFileException("CA certificate " + caCert + " does not exist");
        }
        for (String pin : pins) {
            PublicKeyPins.parse(pin);
        }
        List<String> pinned = List.copyOf(pins);
        return c -> {
            c.requestTimeout(requestTimeout).connectTimeout(requestTimeout).retryStrategy(retry);
            pinned.forEach(c::pinPublicKey);
        };
    }
}

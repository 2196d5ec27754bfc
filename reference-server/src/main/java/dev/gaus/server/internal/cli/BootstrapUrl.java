package dev.gaus.server.internal.cli;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.internal.Bootstrap;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code GAUS_URL} a printed {@code bootstrap.conf} names: {@code --url}, else the
 * environment's {@code GAUS_PUBLIC_URL}, else the URL the server last started on, which
 * {@code serve} keeps in {@code <data-dir>/bootstrap.conf} (with its {@code GAUS_CA_CERT}, when it
 * serves a development CA). With none of them the command is refused before anything is issued:
 * a guessed URL would send devices to a port nothing listens on.
 */
final class BootstrapUrl {
    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:GAUS_PUBLIC_URL}",
            description = "GAUS_URL of the printed bootstrap.conf (env GAUS_PUBLIC_URL; default the URL in "
                    + "<data-dir>/bootstrap.conf, which serve keeps current).")
    URI url;

    private URI resolved;
    private Path caCertificate;

    /** Decides the URL, before the store is opened; a one-line refusal when nothing tells it. */
    void resolve(StoreOptions store) {
        if (url != null) {
            resolved = checked(url, "--url");
            return;
        }
        Path file = store.dataDir.resolve(Bootstrap.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("give --url: no " + file
                    + " tells the URL the server listens on (serve writes it)");
        }
        Map<String, String> server = KeyValueFile.read(file);
        String written = server.get(KeyValueFile.GAUS_URL);
        if (written == null) {
            throw new IllegalArgumentException("give --url: " + file + " names no " + KeyValueFile.GAUS_URL);
        }
        try {
            resolved = checked(URI.create(written), file.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("give --url: " + file + " holds no usable " + KeyValueFile.GAUS_URL);
        }
        String ca = server.get(KeyValueFile.GAUS_CA_CERT);
        caCertificate = ca == null ? null : Path.of(ca);
    }

    /** The text of a {@code bootstrap.conf} for {@code keys}; {@link #resolve} ran first. */
    String bootstrapText(AuthParameters keys) {
        return KeyValueFile.format(Bootstrap.values(resolved, keys, caCertificate));
    }

    private static URI checked(URI url, String source) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || url.getHost() == null) {
            throw new IllegalArgumentException(source + " must be an http:// or https:// URL with a host");
        }
        return url;
    }
}

package dev.gaus.core.internal;

import static dev.gaus.core.KeyValueFile.DEVICEID;
import static dev.gaus.core.KeyValueFile.GAUS_CA_CERT;
import static dev.gaus.core.KeyValueFile.GAUS_UPDATE_KEYS;
import static dev.gaus.core.KeyValueFile.GAUS_URL;
import static dev.gaus.core.KeyValueFile.PRODUCT_ACCESS_KEY;
import static dev.gaus.core.KeyValueFile.PRODUCT_SECRET_KEY;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.KeyValueFormatException;
import dev.gaus.core.UpdateKey;
import dev.gaus.core.UpdateSignatureException;
import dev.gaus.core.message.AuthParameters;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code bootstrap.conf} as the SDK, the conformance kit and the benchmarks read it:
 * {@code GAUS_URL}, {@code PRODUCT_ACCESS_KEY}, {@code PRODUCT_SECRET_KEY}, and optionally
 * {@code DEVICEID}, {@code GAUS_CA_CERT} (a relative path is taken from the file's folder) and
 * {@code GAUS_UPDATE_KEYS} (the keys trusted for signed updates).
 *
 * <p>A value the file lacks or leaves empty is absent; each caller says what it requires, since
 * the kit lets command line options stand in for any of them. A value that is there but unusable
 * is a {@link BootstrapFileException} naming the file and the key, never the value.
 */
public final class BootstrapFile {
    private final Path file;
    private final Map<String, String> values;

    private BootstrapFile(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /**
     * Reads {@code file}.
     *
     * @throws UncheckedIOException when it cannot be read
     * @throws KeyValueFormatException when a line is not what the shell would read
     */
    public static BootstrapFile read(Path file) {
        return new BootstrapFile(file, KeyValueFile.read(file));
    }

    public Path file() {
        return file;
    }

    /** {@code GAUS_URL}, checked to be an http or https URL with a host. */
    public Optional<URI> serverUrl() {
        return value(GAUS_URL).map(url -> httpUrl(file, GAUS_URL, url));
    }

    public Optional<String> productAccessKey() {
        return value(PRODUCT_ACCESS_KEY);
    }

    public Optional<String> productSecretKey() {
        return value(PRODUCT_SECRET_KEY);
    }

    public Optional<String> deviceId() {
        return value(DEVICEID);
    }

    /** {@code GAUS_CA_CERT}, resolved against the file's folder when relative. */
    public Optional<Path> caCertificate() {
        return value(GAUS_CA_CERT).map(path -> resolve(file, path));
    }

    /** {@code GAUS_UPDATE_KEYS}: the public keys trusted for signed updates; empty when there are none. */
    public List<UpdateKey> updateKeys() {
        return updateKeys(file, values.get(GAUS_UPDATE_KEYS));
    }

    /** The keys {@code value} (of {@code GAUS_UPDATE_KEYS} in {@code file}) lists; {@code device.data} holds them too. */
    public static List<UpdateKey> updateKeys(Path file, String value) {
        try {
            return UpdateKey.parseList(value);
        } catch (UpdateSignatureException e) {
            throw new BootstrapFileException(file + ": " + GAUS_UPDATE_KEYS + ": " + e.getMessage());
        }
    }

    public URI requireServerUrl() {
        return serverUrl().orElseThrow(() -> missing(file, GAUS_URL));
    }

    public AuthParameters requireProductKeys() {
        return new AuthParameters(productAccessKey().orElseThrow(() -> missing(file, PRODUCT_ACCESS_KEY)),
                productSecretKey().orElseThrow(() -> missing(file, PRODUCT_SECRET_KEY)));
    }

    private Optional<String> value(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /**
     * A path named in {@code file}, taken from the file's folder when relative. {@code device.data}
     * names its CA certificate the same way.
     */
    public static Path resolve(Path file, String path) {
        Path p = Path.of(path);
        Path folder = file.toAbsolutePath().getParent();
        return p.isAbsolute() || folder == null ? p : folder.resolve(p);
    }

    /** The URL {@code key} of {@code file} holds, which must be http or https with a host. */
    public static URI httpUrl(Path file, String key, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new BootstrapFileException(file + ": " + key + " is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new BootstrapFileException(file + ": " + key + " is not an http(s) URL");
        }
        return uri;
    }

    private static BootstrapFileException missing(Path file, String key) {
        return new BootstrapFileException(file + ": " + key + " is missing or empty");
    }
}

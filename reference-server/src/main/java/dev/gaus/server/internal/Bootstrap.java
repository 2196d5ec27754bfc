package dev.gaus.server.internal;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.internal.store.ProductStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo product a fresh store starts with, and the {@code bootstrap.conf} a device needs to
 * register against it. Written once (mode 0600); on later starts only its {@code GAUS_URL} is
 * brought up to date, since the secret cannot be issued again.
 */
public final class Bootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);
    public static final String FILE_NAME = "bootstrap.conf";
    public static final String DEMO_PRODUCT = "demo";
    public static final long DEFAULT_POLL_INTERVAL_SECONDS = 3600;

    private Bootstrap() {}

    /** The text of a {@code bootstrap.conf} for one product key. */
    public static Map<String, String> values(URI url, AuthParameters productKeys) {
        return values(url, productKeys, null);
    }

    /** The text of a {@code bootstrap.conf}, with {@code GAUS_CA_CERT} when a CA file is given. */
    public static Map<String, String> values(URI url, AuthParameters productKeys, Path caCertificate) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(KeyValueFile.GAUS_URL, url.toString());
        values.put(KeyValueFile.PRODUCT_ACCESS_KEY, productKeys.accessKey());
        values.put(KeyValueFile.PRODUCT_SECRET_KEY, productKeys.secretKey());
        if (caCertificate != null) {
            values.put(KeyValueFile.GAUS_CA_CERT, caCertificate.toAbsolutePath().normalize().toString());
        }
        return values;
    }

    /** Creates the demo product on an empty store and writes its file; keeps the file's URL current. */
    public static void ensure(ProductStore products, Path file, URI url, long now) {
        ensure(products, file, url, null, now);
    }

    /**
     * Creates the demo product on an empty store and writes its file; keeps the file's
     * {@code GAUS_URL} and {@code GAUS_CA_CERT} current (a server started without the development
     * CA removes it, since the file must describe the server as it runs now).
     */
    public static void ensure(ProductStore products, Path file, URI url, Path caCertificate, long now) {
        Optional<AuthParameters> created = products.hasAny() ? Optional.empty()
                : products.createFirst(DEMO_PRODUCT, DEFAULT_POLL_INTERVAL_SECONDS, now);
        if (created.isPresent()) {
            KeyValueFile.writeAtomically(file, values(url, created.get(), caCertificate));
            LOG.info("created product '{}'; its bootstrap.conf is {}", DEMO_PRODUCT, file.toAbsolutePath());
            return;
        }
        if (Files.isRegularFile(file)) {
            Map<String, String> values = new LinkedHashMap<>(KeyValueFile.read(file));
            Map<String, String> current = new LinkedHashMap<>(values);
            current.put(KeyValueFile.GAUS_URL, url.toString());
            if (caCertificate != null) {
                current.put(KeyValueFile.GAUS_CA_CERT, caCertificate.toAbsolutePath().normalize().toString());
            } else {
                current.remove(KeyValueFile.GAUS_CA_CERT);
            }
            if (!current.equals(values)) {
                KeyValueFile.writeAtomically(file, current);
            }
        }
    }

    static void requireDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}

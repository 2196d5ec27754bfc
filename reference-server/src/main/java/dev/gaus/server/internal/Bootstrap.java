package dev.gaus.server.internal;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.internal.store.GausStore;
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
        Map<String, String> values = new LinkedHashMap<>();
        values.put(KeyValueFile.GAUS_URL, url.toString());
        values.put(KeyValueFile.PRODUCT_ACCESS_KEY, productKeys.accessKey());
        values.put(KeyValueFile.PRODUCT_SECRET_KEY, productKeys.secretKey());
        return values;
    }

    /** Creates the demo product on an empty store and writes its file; keeps the file's URL current. */
    public static void ensure(GausStore store, Path file, URI url, long now) {
        Optional<AuthParameters> created = store.hasAnyProduct() ? Optional.empty()
                : store.createFirstProduct(DEMO_PRODUCT, DEFAULT_POLL_INTERVAL_SECONDS, now);
        if (created.isPresent()) {
            KeyValueFile.writeAtomically(file, values(url, created.get()));
            LOG.info("created product '{}'; its bootstrap.conf is {}", DEMO_PRODUCT, file.toAbsolutePath());
            return;
        }
        if (Files.isRegularFile(file)) {
            Map<String, String> values = new LinkedHashMap<>(KeyValueFile.read(file));
            if (!url.toString().equals(values.get(KeyValueFile.GAUS_URL))) {
                values.put(KeyValueFile.GAUS_URL, url.toString());
                KeyValueFile.writeAtomically(file, values);
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

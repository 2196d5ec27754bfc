package dev.gaus.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real PostgreSQL for the tests of a class ({@code @RegisterExtension static final}),
 * started before the first and stopped after the last, durable as {@link EmbeddedPostgresSupport}
 * makes it.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) {
        postgres = EmbeddedPostgresSupport.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** The JDBC URL of its {@code postgres} database, as the user {@code postgres}. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }
}

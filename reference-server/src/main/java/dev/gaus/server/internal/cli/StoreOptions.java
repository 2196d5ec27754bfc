package dev.gaus.server.internal.cli;

import dev.gaus.server.internal.store.Database;
import dev.gaus.server.internal.store.StoreEngines;
import dev.gaus.server.internal.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the store is: {@code --data-dir} (SQLite) or {@code --db} (PostgreSQL), also from the environment. */
final class StoreOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:GAUS_DATA_DIR:-./gaus-data}",
            description = "Directory of the SQLite store and bootstrap.conf (env GAUS_DATA_DIR; default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL", defaultValue = "${env:GAUS_DB_URL}",
            description = "PostgreSQL JDBC URL to use instead of SQLite (env GAUS_DB_URL).")
    String dbUrl;

    /** True when {@code --db} is given or the data directory holds a SQLite store: opening it creates nothing. */
    boolean exists() {
        return (dbUrl != null && !dbUrl.isBlank()) || Files.isRegularFile(dataDir.resolve(Database.SQLITE_FILE));
    }

    Stores open() {
        return StoreEngines.open(dataDir, dbUrl);
    }
}

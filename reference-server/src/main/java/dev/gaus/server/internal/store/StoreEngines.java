package dev.gaus.server.internal.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which store a {@code --db} URL (or {@code GausServer.Builder.dbUrl}) opens: the JDBC store for
 * SQLite (also with no URL) and PostgreSQL, or an engine registered for the URL's prefix — how
 * the tests run the server's endpoints on an in-memory store, and where a third kind of store
 * would plug in.
 */
public final class StoreEngines {
    /** Opens a store of one engine. */
    @FunctionalInterface
    public interface Opener {
        Stores open(Path dataDir, String url, CommitObserver commits);
    }

    private static final Map<String, Opener> REGISTERED = new ConcurrentHashMap<>();

    private StoreEngines() {}

    /** From now on URLs starting with {@code prefix} open {@code opener}'s store. */
    public static void register(String prefix, Opener opener) {
        REGISTERED.put(prefix, opener);
    }

    /** The store {@code url} names; the JDBC store when no registered engine claims it. */
    public static Stores open(Path dataDir, String url, CommitObserver commits) {
        if (url != null) {
            for (Map.Entry<String, Opener> engine : REGISTERED.entrySet()) {
                if (url.startsWith(engine.getKey())) {
                    return engine.getValue().open(dataDir, url, commits);
                }
            }
        }
        return GausStore.open(dataDir, url, commits);
    }

    public static Stores open(Path dataDir, String url) {
        return open(dataDir, url, CommitObserver.NONE);
    }
}

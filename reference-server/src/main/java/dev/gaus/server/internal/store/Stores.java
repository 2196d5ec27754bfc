package dev.gaus.server.internal.store;

/**
 * A store as the server and the admin CLI use it: one store per group of tables (as Leshan has a
 * {@code RegistrationStore} and a {@code SecurityStore}), the server's keys, and the store's
 * health. {@link GausStore} is the JDBC one (SQLite or PostgreSQL); {@link StoreEngines} opens
 * whichever a URL names. What servers keep in memory of it is {@link StoreCache}'s, wrapped
 * around it, never the store's.
 */
public interface Stores extends AutoCloseable {
    /** Products and their keys. */
    ProductStore products();

    /** Devices and idempotent registrations. */
    DeviceStore devices();

    /** The update catalog and its files. */
    UpdateStore updates();

    /** What devices report, and the rollout status taken from it. */
    ReportStore reports();

    /** Checks presented secrets against the hashes the stores keep. */
    StoredSecrets secrets();

    /** The key device tokens are signed with (HS256), the same for every instance on this store. */
    byte[] tokenSigningKey();

    /** The key the answers kept for Idempotency-Key retries are sealed under (with the product secret). */
    byte[] idempotencySealKey();

    /** Engine and location, without credentials; safe to log. */
    String description();

    /** True when the store answers. */
    boolean ping();

    /** Periodic upkeep of the engine's log, from a background thread; nothing where none is needed. */
    void checkpoint();

    /** Makes durable what is queued, then releases everything. */
    @Override
    void close();
}

package dev.gaus.server.internal.store;

import dev.gaus.core.VersionScheme;

/**
 * An update the store will not publish, and why; nothing of it is stored. The admin CLI words
 * it for the operator.
 */
public final class PublishRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What stands in the way. */
    public enum Reason {
        /** Updates of the type are on offer under another version scheme: {@link #offered()} is one. */
        OTHER_VERSION_SCHEME,
        /** The same version of the type with the same filters is on offer: {@link #offered()}. */
        ALREADY_OFFERED,
        /** The file is larger than the 1 GiB a PostgreSQL store holds in a column. */
        FILE_TOO_LARGE
    }

    /** The update on offer that a publish conflicts with. */
    public record Offered(String updateId, VersionScheme scheme) {
    }

    private final Reason reason;
    private final transient Offered offered;

    PublishRefused(Reason reason, Offered offered) {
        super(reason + (offered == null ? "" : " (update " + offered.updateId() + ")"), null, false, false);
        this.reason = reason;
        this.offered = offered;
    }

    public Reason reason() {
        return reason;
    }

    /** The conflicting update; null for {@link Reason#FILE_TOO_LARGE}. */
    public Offered offered() {
        return offered;
    }
}

package dev.gaus.server.internal.store;

import dev.gaus.core.VersionScheme;
import java.util.List;

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
        FILE_TOO_LARGE,
        /** The product requires signed updates and this one is unsigned: {@link #requiredKeyIds()}. */
        UNSIGNED,
        /** The update is signed by a key the product does not require: {@link #requiredKeyIds()}. */
        UNTRUSTED_KEY,
        /** The signature is not the key's signature of the update's fields (and file). */
        BAD_SIGNATURE
    }

    /** The update on offer that a publish conflicts with. */
    public record Offered(String updateId, VersionScheme scheme) {
    }

    private final Reason reason;
    private final transient Offered offered;
    private final transient List<String> requiredKeyIds;

    PublishRefused(Reason reason, Offered offered) {
        this(reason, offered, List.of());
    }

    PublishRefused(Reason reason, Offered offered, List<String> requiredKeyIds) {
        super(reason + (offered == null ? "" : " (update " + offered.updateId() + ")"), null, false, false);
        this.reason = reason;
        this.offered = offered;
        this.requiredKeyIds = List.copyOf(requiredKeyIds);
    }

    /** The ids of the keys the product requires a signature by; empty unless the refusal is about signing. */
    public List<String> requiredKeyIds() {
        return requiredKeyIds;
    }

    public Reason reason() {
        return reason;
    }

    /** The conflicting update; null unless the reason is {@link Reason#OTHER_VERSION_SCHEME} or {@link Reason#ALREADY_OFFERED}. */
    public Offered offered() {
        return offered;
    }
}

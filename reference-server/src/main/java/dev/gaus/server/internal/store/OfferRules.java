package dev.gaus.server.internal.store;

import dev.gaus.core.VersionScheme;
import dev.gaus.server.internal.store.PublishRefused.Offered;
import dev.gaus.server.internal.store.StoreRecords.NewUpdate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What may be offered together, whatever keeps the catalog: one update type keeps one version
 * scheme, and a version of it is offered once with the same filters. Every {@link UpdateStore}
 * applies these (the JDBC one also has the database's constraints enforce them).
 */
final class OfferRules {
    private OfferRules() {}

    /** An update on offer as far as a new one of its type is concerned. */
    record Offer(String id, VersionScheme scheme, String version, Map<String, String> where) {
    }

    /**
     * Refuses {@code u} when it clashes with one of {@code offered}, the updates on offer of its
     * product and type.
     *
     * @throws PublishRefused with {@code OTHER_VERSION_SCHEME} or {@code ALREADY_OFFERED}
     */
    static void refuseConflicts(NewUpdate u, List<Offer> offered) {
        for (Offer other : offered) {
            if (other.scheme() != u.scheme()) {
                throw new PublishRefused(PublishRefused.Reason.OTHER_VERSION_SCHEME,
                        new Offered(other.id(), other.scheme()));
            }
            if (other.version().equals(u.version()) && other.where().equals(u.where())) {
                throw new PublishRefused(PublishRefused.Reason.ALREADY_OFFERED,
                        new Offered(other.id(), other.scheme()));
            }
        }
    }

    /** A scheme as stored and as sent in {@code gausVersionScheme}. */
    static String schemeName(VersionScheme scheme) {
        return scheme.name().toLowerCase(Locale.ROOT);
    }
}

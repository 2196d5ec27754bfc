package dev.gaus.server.internal.cli;

import dev.gaus.core.UpdateSignature;
import dev.gaus.core.VersionScheme;
import dev.gaus.core.message.Update;
import dev.gaus.server.internal.store.PublishRefused;
import dev.gaus.server.internal.store.StoreRecords;
import dev.gaus.server.internal.store.StoreRecords.FileDigest;
import dev.gaus.server.internal.store.StoreRecords.NewUpdate;
import dev.gaus.server.internal.store.StoreRecords.ProductInfo;
import dev.gaus.server.internal.store.StoreRecords.SignedBy;
import dev.gaus.server.internal.store.StoreRecords.UpdateInfo;
import dev.gaus.server.internal.store.Stores;
import dev.gaus.server.internal.store.UpdateStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code update publish|sign|list|withdraw|status}. */
@Command(name = "update", mixinStandardHelpOptions = true, description = "Publish updates and follow their rollout.",
        subcommands = {UpdateCommand.Publish.class, SignCommand.class, UpdateCommand.ListUpdates.class,
            UpdateCommand.Withdraw.class, UpdateCommand.Status.class})
final class UpdateCommand implements Runnable {
    static final List<String> PHASES = List.of("download", "verify", "install");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    // No standard --version option here: --version is the update's version.
    @Command(name = "publish", description = "Store a file and offer it as an update; prints the new updateId.")
    static final class Publish extends StoreCommand {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Option(names = "--product", required = true, paramLabel = "NAME|GUID",
                description = "The product, by name or GUID.")
        String product;

        @Mixin
        UpdateOptions update;

        @Option(names = "--where", paramLabel = "KEY=VALUE",
                description = "Offer only to devices that send this query parameter with this value (repeatable).")
        Map<String, String> where = new LinkedHashMap<>();

        @Option(names = "--metadata", paramLabel = "KEY=VALUE", description = "A metadata pair sent with the update (repeatable).")
        Map<String, String> metadata = new LinkedHashMap<>();

        @Option(names = "--signature", paramLabel = "FILE",
                description = "Attach this signature file (update sign); it must sign exactly this update and file.")
        Path signature;

        @Option(names = "--sign-with", paramLabel = "FILE",
                description = "Sign the update with this signing key file (signing-key generate) and attach the signature.")
        Path signWith;

        private FileDigest digest;
        private SignatureFile signatureFile;
        private SigningKeyFile signingKey;

        @Override
        void checkOptions() {
            update.check();
            requireKeys(where, "--where");
            requireKeys(metadata, "--metadata");
            for (String key : StoreRecords.COMPUTED_METADATA_KEYS) {
                if (metadata.containsKey(key)) {
                    throw new IllegalArgumentException("metadata " + key + " is computed from the file"
                            + (key.equals(Update.SHA256_METADATA_KEY) ? "" : " and its signature") + " and cannot be given");
                }
            }
            if (signature != null && signWith != null) {
                throw new IllegalArgumentException("give --signature or --sign-with, not both");
            }
            // Read before the store is opened: a wrong signature or key stores nothing.
            if (signature != null) {
                signatureFile = SignatureFile.read(signature);
            }
            if (signWith != null) {
                signingKey = SigningKeyFile.read(signWith);
            }
            if (signature != null || signWith != null) {
                digest = UpdateStore.digest(update.file);
            }
        }

        private static void requireKeys(Map<String, String> pairs, String option) {
            if (pairs.containsKey("")) {
                throw new IllegalArgumentException(option + " needs KEY=VALUE with a non-empty KEY");
            }
        }

        @Override
        void run(Stores store, PrintWriter out) {
            ProductInfo p = ProductCommand.product(store.products(), product);
            VersionScheme scheme = update.scheme();
            NewUpdate offer = new NewUpdate(p.guid(), update.type, update.version, scheme, where, metadata,
                    signedBy(p.guid(), scheme));
            try {
                out.println(store.updates().publish(offer, update.file, System.currentTimeMillis()).id());
            } catch (PublishRefused e) {
                throw new IllegalArgumentException(refusal(e, offer), e);
            }
        }

        /** The signature to attach, made or checked against this update and file; null for none. */
        private SignedBy signedBy(String productGuid, VersionScheme scheme) {
            if (digest == null) {
                return null;
            }
            UpdateSignature.Fields fields = SignCommand.fields(productGuid, update.type, update.version, scheme, digest);
            if (signingKey != null) {
                return new SignedBy(signingKey.publicKey().id(), signingKey.sign(fields));
            }
            signatureFile.requireFields(fields, signature, update.file);
            return new SignedBy(signatureFile.key().id(), signatureFile.signature());
        }

        private String refusal(PublishRefused e, NewUpdate offer) {
            String keys = String.join(", ", e.requiredKeyIds());
            return switch (e.reason()) {
                case UNSIGNED -> "product '" + product + "' requires updates signed by one of its keys (" + keys
                        + "): give --signature FILE or --sign-with KEY";
                case UNTRUSTED_KEY -> "the update is signed by key " + offer.signedBy().keyId() + ", but product '"
                        + product + "' requires one of its keys (" + keys + ")";
                case BAD_SIGNATURE -> "the signature by key " + offer.signedBy().keyId()
                        + " is not its signature of this update and file";
                case OTHER_VERSION_SCHEME -> "updates of type '" + update.type + "' use the version type "
                        + e.offered().scheme().name().toLowerCase(Locale.ROOT)
                        + " (update " + e.offered().updateId() + ")";
                case ALREADY_OFFERED -> "version " + update.version + " of type '" + update.type
                        + "' with these --where filters is offered already (update " + e.offered().updateId() + ")";
                case FILE_TOO_LARGE -> "the file is larger than the 1 GiB a PostgreSQL store can hold";
            };
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List updates, oldest first.")
    static final class ListUpdates extends StoreCommand {
        @Option(names = "--product", paramLabel = "NAME|GUID",
                description = "Only the updates of this product, by name or GUID.")
        String product;

        @Override
        void run(Stores store, PrintWriter out) {
            String productName = product == null ? null : ProductCommand.product(store.products(), product).name();
            out.printf("%-36s %-12s %-12s %-14s %-8s %10s %-24s %-24s %s%n", "UPDATE_ID", "PRODUCT", "TYPE",
                    "VERSION", "SCHEME", "SIZE", "WHERE", "CREATED", "WITHDRAWN");
            for (UpdateInfo u : store.updates().list(productName)) {
                out.printf("%-36s %-12s %-12s %-14s %-8s %10d %-24s %-24s %s%n", u.id(), u.productName(),
                        u.updateType(), u.version(), u.scheme().name().toLowerCase(Locale.ROOT), u.size(),
                        pairs(u.where()), Instant.ofEpochMilli(u.createdAt()),
                        u.withdrawnAt() == null ? "-" : Instant.ofEpochMilli(u.withdrawnAt()).toString());
            }
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true,
            description = "Stop offering an update and serving its file.")
    static final class Withdraw extends StoreCommand {
        @Option(names = "--update-id", required = true, paramLabel = "ID", description = "The updateId.")
        String updateId;

        @Override
        void run(Stores store, PrintWriter out) {
            if (!store.updates().withdraw(updateId, System.currentTimeMillis())) {
                throw new IllegalArgumentException("no update with id '" + updateId + "'");
            }
            out.println("withdrew update " + updateId);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "How many devices reported each phase of an update, by status (each device's latest report).")
    static final class Status extends StoreCommand {
        @Option(names = "--update-id", required = true, paramLabel = "ID", description = "The updateId.")
        String updateId;

        @Override
        void run(Stores store, PrintWriter out) {
            UpdateInfo u = store.updates().find(updateId)
                    .orElseThrow(() -> new IllegalArgumentException("no update with id '" + updateId + "'"));
            Map<String, Map<String, Long>> counts = store.reports().updateStatusCounts(updateId);
            out.printf("update %s: %s %s %s%s%n", u.id(), u.productName(), u.updateType(), u.version(),
                    u.withdrawn() ? " (withdrawn)" : "");
            out.printf("%-10s %8s %8s %8s%n", "PHASE", "SUCCESS", "FAILED", "OTHER");
            List<String> phases = new ArrayList<>(PHASES);
            counts.keySet().stream().filter(p -> !phases.contains(p)).sorted().forEach(phases::add);
            for (String phase : phases) {
                Map<String, Long> byStatus = counts.getOrDefault(phase, Map.of());
                long success = byStatus.getOrDefault("success", 0L);
                long failed = byStatus.getOrDefault("failed", 0L);
                long other = byStatus.values().stream().mapToLong(Long::longValue).sum() - success - failed;
                out.printf("%-10s %8d %8d %8d%n", phase, success, failed, other);
            }
        }
    }

    static String pairs(Map<String, String> map) {
        if (map.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        map.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }
}

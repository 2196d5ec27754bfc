package dev.gaus.server.internal.cli;

import dev.gaus.core.UpdateKey;
import dev.gaus.core.UpdateSignatureException;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.internal.store.ProductStore;
import dev.gaus.server.internal.store.StoreRecords.ProductInfo;
import dev.gaus.server.internal.store.Stores;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code product create|list|set|rotate-keys|require-signatures}: works on the store directly, also
 * while a server runs on it.
 */
@Command(name = "product", mixinStandardHelpOptions = true, description = "Manage products.",
        subcommands = {ProductCommand.Create.class, ProductCommand.ListProducts.class, ProductCommand.Change.class,
            ProductCommand.RotateKeys.class, ProductCommand.RequireSignatures.class})
final class ProductCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static ProductInfo product(ProductStore products, String nameOrGuid) {
        return ProductArgument.resolve(products, nameOrGuid);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a product and print its bootstrap.conf; the secret is shown this once only.")
    static final class Create extends StoreCommand {
        @Option(names = "--name", required = true, description = "Product name, unique.")
        String name;

        @Option(names = {"--poll-interval", "--poll-interval-seconds"}, paramLabel = "SECONDS", defaultValue = "3600",
                description = "How often devices poll for updates, in seconds (default ${DEFAULT-VALUE}).")
        long pollIntervalSeconds;

        @Mixin
        BootstrapUrl url;

        @Override
        void checkOptions() {
            if (name.isBlank() || name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("--name must hold 1 to 128 printable characters");
            }
            if (ProductArgument.isGuid(name)) {
                throw new IllegalArgumentException("--name must not have the form of a GUID: --product takes both");
            }
            checkPollInterval(pollIntervalSeconds);
            url.resolve(storeOptions);
        }

        @Override
        void run(Stores store, PrintWriter out) {
            AuthParameters keys = store.products().create(name, pollIntervalSeconds, System.currentTimeMillis())
                    .orElseThrow(() -> new IllegalArgumentException("a product named '" + name + "' exists already"));
            out.print(url.bootstrapText(keys));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List products.")
    static final class ListProducts extends StoreCommand {
        @Override
        void run(Stores store, PrintWriter out) {
            List<ProductInfo> products = store.products().list();
            out.printf("%-24s %-36s %8s %6s %8s %s%n", "NAME", "GUID", "POLL_S", "KEYS", "DEVICES", "CREATED");
            for (ProductInfo p : products) {
                out.printf("%-24s %-36s %8d %6d %8d %s%n", p.name(), p.guid(), p.pollIntervalSeconds(),
                        p.activeKeys(), p.devices(), Instant.ofEpochMilli(p.createdAt()));
            }
        }
    }

    @Command(name = "rotate-keys", mixinStandardHelpOptions = true,
            description = {"Issue a new product key pair and print its bootstrap.conf; older keys keep working.",
                "With --revoke-old, revoke every key but the newest instead (issue nothing)."})
    static final class RotateKeys extends StoreCommand {
        @Option(names = {"--product", "--name"}, required = true, paramLabel = "NAME|GUID",
                description = "The product, by name or GUID.")
        String name;

        @Option(names = "--revoke-old", description = "Revoke every key of the product but the newest.")
        boolean revokeOld;

        @Mixin
        BootstrapUrl url;

        @Override
        void checkOptions() {
            if (!revokeOld) {
                // Before the key is issued: a secret made and then not printed would be lost.
                url.resolve(storeOptions);
            }
        }

        @Override
        void run(Stores store, PrintWriter out) {
            ProductInfo product = product(store.products(), name);
            if (revokeOld) {
                int revoked = store.products().revokeOlderKeys(product.guid(), System.currentTimeMillis());
                out.println("revoked " + revoked + " older key(s) of product '" + product.name() + "'");
            } else {
                AuthParameters keys = store.products().addKey(product.guid(), System.currentTimeMillis());
                out.print(url.bootstrapText(keys));
            }
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Change a product's settings. A new poll interval is answered by check-for-updates within",
                "seconds and by registrations within a minute, on every server of the store."})
    static final class Change extends StoreCommand {
        @Option(names = {"--product", "--name"}, required = true, paramLabel = "NAME|GUID",
                description = "The product, by name or GUID.")
        String name;

        @Option(names = {"--poll-interval", "--poll-interval-seconds"}, required = true, paramLabel = "SECONDS",
                description = "How often devices poll for updates, in seconds.")
        long pollIntervalSeconds;

        @Override
        void checkOptions() {
            checkPollInterval(pollIntervalSeconds);
        }

        @Override
        void run(Stores store, PrintWriter out) {
            ProductInfo product = product(store.products(), name);
            if (!store.products().setPollInterval(product.guid(), pollIntervalSeconds)) {
                throw new IllegalArgumentException("no product with GUID '" + product.guid() + "'");
            }
            out.println("product '" + product.name() + "' now polls every " + pollIntervalSeconds + " s");
        }
    }

    /** The largest poll interval: what a signed 32-bit integer holds, as every public client reads it. */
    static final long MAX_POLL_INTERVAL_SECONDS = Integer.MAX_VALUE;

    static void checkPollInterval(long seconds) {
        if (seconds < 1 || seconds > MAX_POLL_INTERVAL_SECONDS) {
            throw new IllegalArgumentException("--poll-interval must be 1 to " + MAX_POLL_INTERVAL_SECONDS
                    + " seconds, not " + seconds);
        }
    }

    @Command(name = "require-signatures", mixinStandardHelpOptions = true,
            description = {"From now on refuse to publish an update of the product unless it is signed by one of KEYS",
                "(the GAUS_UPDATE_KEYS value devices trust: <key id>:<public key>,...). --none takes unsigned updates",
                "again. Updates on offer are not touched."})
    static final class RequireSignatures extends StoreCommand {
        @Option(names = {"--product", "--name"}, required = true, paramLabel = "NAME|GUID",
                description = "The product, by name or GUID.")
        String name;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Choice choice;

        static final class Choice {
            @Option(names = "--keys", paramLabel = "KEYS", description = "The keys, comma-separated.")
            String keys;

            @Option(names = "--none", description = "Require no signature any more.")
            boolean none;
        }

        private List<UpdateKey> keys = List.of();

        @Override
        void checkOptions() {
            if (choice.keys != null) {
                try {
                    keys = UpdateKey.parseList(choice.keys);
                } catch (UpdateSignatureException e) {
                    throw new IllegalArgumentException("--keys: " + e.getMessage());
                }
                if (keys.isEmpty()) {
                    throw new IllegalArgumentException("--keys names no key: give at least one, or --none");
                }
            }
        }

        @Override
        void run(Stores store, PrintWriter out) {
            ProductInfo product = product(store.products(), name);
            store.updates().requireSignatures(product.guid(), keys, System.currentTimeMillis());
            out.println(keys.isEmpty() ? "product '" + product.name() + "' takes unsigned updates again"
                    : "product '" + product.name() + "' now requires updates signed by one of: "
                            + String.join(", ", keys.stream().map(UpdateKey::id).toList()));
        }
    }
}

package dev.gaus.server.internal.cli;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.UpdateKey;
import dev.gaus.core.UpdateSignatureException;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.internal.Bootstrap;
import dev.gaus.server.internal.store.GausStore;
import dev.gaus.server.internal.store.ProductStore;
import dev.gaus.server.internal.store.StoreRecords.ProductInfo;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code product create|list|rotate-keys|require-signatures}: works on the store directly, also
 * while a server runs on it.
 */
@Command(name = "product", mixinStandardHelpOptions = true, description = "Manage products.",
        subcommands = {ProductCommand.Create.class, ProductCommand.ListProducts.class, ProductCommand.RotateKeys.class,
            ProductCommand.RequireSignatures.class})
final class ProductCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String bootstrapText(URI url, AuthParameters keys) {
        return KeyValueFile.format(Bootstrap.values(url, keys));
    }

    static ProductInfo product(ProductStore products, String name) {
        return products.findByName(name)
                .orElseThrow(() -> new IllegalArgumentException("no product named '" + name + "'"));
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a product and print its bootstrap.conf; the secret is shown this once only.")
    static final class Create extends StoreCommand {
        @Option(names = "--name", required = true, description = "Product name, unique.")
        String name;

        @Option(names = "--poll-interval-seconds", defaultValue = "3600",
                description = "How often devices poll for updates (default ${DEFAULT-VALUE}).")
        long pollIntervalSeconds;

        @Option(names = "--url", defaultValue = "${env:GAUS_PUBLIC_URL:-http://localhost:8080}",
                description = "GAUS_URL written to the printed bootstrap.conf (default ${DEFAULT-VALUE}).")
        URI url;

        @Override
        void checkOptions() {
            if (name.isBlank() || name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("--name must hold 1 to 128 printable characters");
            }
            if (pollIntervalSeconds <= 0) {
                throw new IllegalArgumentException("--poll-interval-seconds must be positive");
            }
        }

        @Override
        void run(GausStore store, PrintWriter out) {
            AuthParameters keys = store.products().create(name, pollIntervalSeconds, System.currentTimeMillis())
                    .orElseThrow(() -> new IllegalArgumentException("a product named '" + name + "' exists already"));
            out.print(bootstrapText(url, keys));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List products.")
    static final class ListProducts extends StoreCommand {
        @Override
        void run(GausStore store, PrintWriter out) {
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
        @Option(names = "--name", required = true, description = "Product name.")
        String name;

        @Option(names = "--revoke-old", description = "Revoke every key of the product but the newest.")
        boolean revokeOld;

        @Option(names = "--url", defaultValue = "${env:GAUS_PUBLIC_URL:-http://localhost:8080}",
                description = "GAUS_URL written to the printed bootstrap.conf (default ${DEFAULT-VALUE}).")
        URI url;

        @Override
        void run(GausStore store, PrintWriter out) {
            ProductInfo product = product(store.products(), name);
            if (revokeOld) {
                int revoked = store.products().revokeOlderKeys(product.guid(), System.currentTimeMillis());
                out.println("revoked " + revoked + " older key(s) of product '" + name + "'");
            } else {
                AuthParameters keys = store.products().addKey(product.guid(), System.currentTimeMillis());
                out.print(bootstrapText(url, keys));
            }
        }
    }

    @Command(name = "require-signatures", mixinStandardHelpOptions = true,
            description = {"From now on refuse to publish an update of the product unless it is signed by one of KEYS",
                "(the GAUS_UPDATE_KEYS value devices trust: <key id>:<public key>,...). --none takes unsigned updates",
                "again. Updates on offer are not touched."})
    static final class RequireSignatures extends StoreCommand {
        @Option(names = "--name", required = true, description = "Product name.")
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
        void run(GausStore store, PrintWriter out) {
            ProductInfo product = product(store.products(), name);
            store.updates().requireSignatures(product.guid(), keys, System.currentTimeMillis());
            out.println(keys.isEmpty() ? "product '" + name + "' takes unsigned updates again"
                    : "product '" + name + "' now requires updates signed by one of: "
                            + String.join(", ", keys.stream().map(UpdateKey::id).toList()));
        }
    }
}

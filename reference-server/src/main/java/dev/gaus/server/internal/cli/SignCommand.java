package dev.gaus.server.internal.cli;

import dev.gaus.core.UpdateSignature;
import dev.gaus.core.UpdateSignatureException;
import dev.gaus.core.VersionScheme;
import dev.gaus.server.internal.store.StoreRecords.FileDigest;
import dev.gaus.server.internal.store.Stores;
import dev.gaus.server.internal.store.UpdateStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code update sign}: signs an update's fields and file with a signing key and prints the
 * signature file. A product's name is looked up in the store, as in every other command, when
 * there is one; without a store (an offline signing machine) nothing is opened or created and
 * {@code --product} is the productGUID that {@code product list} shows.
 */
@Command(name = "sign", description = {"Sign an update: print a signature file for update publish --signature.",
    "--product is the productGUID (as product list shows it), or a product's name looked up in the store",
    "of --data-dir or --db when there is one; with no store it runs offline and opens nothing."})
final class SignCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The signing key file (signing-key generate).")
    Path key;

    @Option(names = "--product", required = true, paramLabel = "GUID|NAME",
            description = "The productGUID, or the product's name when there is a store to look it up in.")
    String product;

    @Mixin
    UpdateOptions update;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        update.check();
        SigningKeyFile signingKey = SigningKeyFile.read(key);
        FileDigest digest = UpdateStore.digest(update.file);
        // The fields are checked first as given, so what cannot be signed is refused before any lookup.
        UpdateSignature.Fields fields = fields(product, update.type, update.version, update.scheme(), digest);
        String productGuid = productGuid();
        if (!productGuid.equals(product)) {
            fields = fields(productGuid, update.type, update.version, update.scheme(), digest);
        }
        spec.commandLine().getOut().print(SignatureFile.sign(fields, signingKey).text());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * The GUID of the product of that name when a store is there to ask (never creating one);
     * otherwise the value as given, which is a productGUID on an offline signing machine.
     */
    private String productGuid() {
        if (ProductArgument.isGuid(product) || !storeOptions.exists()) {
            return product;
        }
        try (Stores store = storeOptions.open()) {
            return ProductArgument.resolve(store.products(), product).guid();
        }
    }

    /** The fields a signature of this update binds; a value the signed text cannot hold is one line of error. */
    static UpdateSignature.Fields fields(String productGuid, String type, String version, VersionScheme scheme,
            FileDigest file) {
        try {
            return new UpdateSignature.Fields(productGuid, type, version, scheme, file.size(), file.sha256());
        } catch (UpdateSignatureException e) {
            throw new IllegalArgumentException("cannot sign this update: " + e.getMessage());
        }
    }
}

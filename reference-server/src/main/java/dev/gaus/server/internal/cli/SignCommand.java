package dev.gaus.server.internal.cli;

import dev.gaus.core.UpdateSignature;
import dev.gaus.core.UpdateSignatureException;
import dev.gaus.core.VersionScheme;
import dev.gaus.server.internal.store.StoreRecords.FileDigest;
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
 * signature file. It opens no store, so it runs on an offline machine: the product is named by
 * its GUID (which {@code product list} shows), not by its name.
 */
@Command(name = "sign", description = {"Sign an update offline: print a signature file for update publish --signature.",
    "Opens no store; --product is the productGUID that product list shows."})
final class SignCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The signing key file (signing-key generate).")
    Path key;

    @Option(names = "--product", required = true, paramLabel = "GUID", description = "The productGUID.")
    String product;

    @Mixin
    UpdateOptions update;

    @Override
    public Integer call() {
        update.check();
        SigningKeyFile signingKey = SigningKeyFile.read(key);
        UpdateSignature.Fields fields = fields(product, update.type, update.version, update.scheme(),
                UpdateStore.digest(update.file));
        spec.commandLine().getOut().print(SignatureFile.sign(fields, signingKey).text());
        spec.commandLine().getOut().flush();
        return 0;
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

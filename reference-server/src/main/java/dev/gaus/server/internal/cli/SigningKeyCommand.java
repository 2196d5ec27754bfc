package dev.gaus.server.internal.cli;

import dev.gaus.core.KeyValueFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code signing-key generate|public}: update signing keys. Works without a store, so it runs on an
 * offline machine, where the private key is best kept.
 */
@Command(name = "signing-key", mixinStandardHelpOptions = true, description = "Make update signing keys.",
        subcommands = {SigningKeyCommand.Generate.class, SigningKeyCommand.Public.class})
final class SigningKeyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The line devices read the key from, to append to {@code bootstrap.conf}. */
    static String bootstrapLine(SigningKeyFile key) {
        return KeyValueFile.format(Map.of(KeyValueFile.GAUS_UPDATE_KEYS, key.publicKey().entry()));
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Make an Ed25519 key pair, write it to FILE (PEM, mode 0600; never overwritten) and print",
                "the GAUS_UPDATE_KEYS line for bootstrap.conf."})
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the key pair goes.")
        Path out;

        @Override
        public Integer call() {
            SigningKeyFile key = SigningKeyFile.generate(out);
            spec.commandLine().getOut().print(bootstrapLine(key));
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().println("wrote the private key to " + out
                    + " (mode 0600): keep it off the server, and a copy of it somewhere safe");
            return 0;
        }
    }

    @Command(name = "public", mixinStandardHelpOptions = true,
            description = "Print the GAUS_UPDATE_KEYS line of a signing key file again.")
    static final class Public implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "The signing key file.")
        Path key;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(bootstrapLine(SigningKeyFile.read(key)));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}

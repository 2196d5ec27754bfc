package dev.gaus.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Update signing keys made as an operator makes them: with {@code signing-key generate}. */
public final class SigningKeys {
    private static final Pattern LINE = Pattern.compile("GAUS_UPDATE_KEYS=\"(([0-9a-f]{16}):[A-Za-z0-9+/=]+)\"\n");

    private SigningKeys() {}

    /**
     * A key pair in a file, and the {@code <key id>:<public key>} entry devices trust it by.
     *
     * @param file the PEM file, for {@code update sign --key} and {@code update publish --sign-with}
     */
    public record Key(Path file, String entry, String id) {
        /** The {@code bootstrap.conf} line that makes devices trust this key. */
        public String bootstrapLine() {
            return "GAUS_UPDATE_KEYS=\"" + entry + "\"\n";
        }
    }

    /**
     * Runs {@code update sign} (offline: no store) for a semver update and writes the signature
     * file it prints to {@code out}.
     */
    public static Path sign(Key key, String productGuid, String type, String version, Path file, Path out) {
        String text = Cli.run("update", "sign", "--key", key.file().toString(), "--product", productGuid, "--type", type,
                "--version", version, "--file", file.toString()).ok();
        try {
            return Files.writeString(out, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The productGUID of a product, as an operator reads it from {@code product list}. */
    public static String productGuid(Path dataDir, String name) {
        return Cli.run("product", "list", "--data-dir", dataDir.toString()).ok().lines()
                .filter(l -> l.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no product " + name)).split("\\s+")[1];
    }

    /** Runs {@code signing-key generate --out file}; fails the test unless it prints one key line. */
    public static Key generate(Path file) {
        String out = Cli.run("signing-key", "generate", "--out", file.toString()).ok();
        Matcher m = LINE.matcher(out);
        if (!m.matches()) {
            throw new AssertionError("signing-key generate printed " + out);
        }
        return new Key(file, m.group(1), m.group(2));
    }
}

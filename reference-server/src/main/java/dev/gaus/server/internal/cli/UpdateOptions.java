package dev.gaus.server.internal.cli;

import dev.gaus.core.VersionScheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The options that name an update and its file, shared by {@code update publish} and {@code update sign}. */
final class UpdateOptions {
    /** Update types end up in a query parameter name ({@code <type>-version}), so they stay plain. */
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "The updateType, e.g. firmware.")
    String type;

    @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The version it installs.")
    String version;

    @Option(names = "--version-type", paramLabel = "SCHEME", defaultValue = "semver",
            description = "How versions of this type compare: semver, number, string or alphanum (default ${DEFAULT-VALUE}).")
    String versionType;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The file devices download.")
    Path file;

    VersionScheme scheme() {
        return VersionScheme.of(versionType);
    }

    /** Refuses a type, version or file no device could take. */
    void check() {
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("--type must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (!scheme().isValid(version)) {
            throw new IllegalArgumentException("--version '" + version + "' is not a valid "
                    + versionType.toLowerCase(Locale.ROOT) + " version");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        if (isEmpty(file)) {
            // Public clients (the C reference library) take a size of 0 for a missing field
            // and fail the whole check-for-updates: an empty update would break them.
            throw new IllegalArgumentException("the file is empty: an update must have at least one byte");
        }
    }

    private static boolean isEmpty(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

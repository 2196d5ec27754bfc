package dev.gaus.conformance.internal;

import dev.gaus.conformance.KitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file of {@code --expected-failures}: one scenario ID per line, optionally followed by
 * {@code # reason}; blank lines and lines that are only a comment are allowed. Whether each ID
 * names a scenario is checked against the kit's catalog when the run starts.
 */
public final class ExpectedFailuresFile {
    private ExpectedFailuresFile() {}

    /** ID to reason (empty when none is given), in the order of the file. */
    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KitException("cannot read the expected failures " + file + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return parse(lines, file.toString());
    }

    static Map<String, String> parse(List<String> lines, String name) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String id = (hash < 0 ? line : line.substring(0, hash)).strip();
            String reason = hash < 0 ? "" : line.substring(hash + 1).strip();
            if (id.isEmpty()) {
                continue;
            }
            if (id.chars().anyMatch(Character::isWhitespace)) {
                throw new KitException(name + " line " + (i + 1) + ": one scenario ID per line, "
                        + "with an optional # reason after it");
            }
            if (expected.putIfAbsent(id, reason) != null) {
                throw new KitException(name + " line " + (i + 1) + ": " + id + " is listed twice");
            }
        }
        return expected;
    }
}

package dev.gaus.device.cli;

import dev.gaus.core.internal.Checks;
import dev.gaus.device.internal.ProvisionRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deviceIds of {@code provision --device-ids}: one per line, surrounding blanks stripped,
 * blank lines and lines starting with {@code #} skipped. Every id is checked before anything is
 * sent, and a problem names its line.
 */
final class DeviceIdList {
    /** Duplicates named in the error, at most: a list copied twice should not give a line of megabytes. */
    private static final int NAMED = 5;

    private DeviceIdList() {}

    /** Reads {@code source}, a file or {@code -} for standard input. */
    static List<String> read(String source, InputStream stdin) {
        boolean standardInput = source.equals("-");
        String name = standardInput ? "standard input" : source;
        if (!standardInput && !Files.isRegularFile(Path.of(source))) {
            throw new LocalFileException("device id list " + source + " does not exist");
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                standardInput ? stdin : Files.newInputStream(Path.of(source)),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            return parse(in, name);
        } catch (CharacterCodingException e) {
            throw new LocalFileException("device id list " + name + " is not UTF-8 text");
        } catch (IOException e) {
            throw new LocalFileException("cannot read device id list " + name + ": " + e.getClass().getSimpleName());
        }
    }

    private static List<String> parse(BufferedReader in, String name) throws IOException {
        List<String> ids = new ArrayList<>();
        Map<String, List<Integer>> lines = new LinkedHashMap<>();
        int number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            String id = line.strip();
            if (id.isEmpty() || id.startsWith("#")) {
                continue;
            }
            String problem = ProvisionRun.problem(id);
            if (problem != null) {
                // An id with a control character is not echoed: it could drive the terminal.
                String shown = Checks.hasControlCharacter(id) ? "the deviceId" : "deviceId " + id;
                throw new IllegalArgumentException(name + " line " + number + ": " + shown + " " + problem);
            }
            List<Integer> at = lines.computeIfAbsent(id, k -> new ArrayList<>());
            at.add(number);
            if (at.size() == 1) {
                ids.add(id);
            }
        }
        List<String> duplicates = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : lines.entrySet()) {
            if (e.getValue().size() > 1) {
                duplicates.add(e.getKey() + " (lines " + join(e.getValue()) + ")");
            }
        }
        if (!duplicates.isEmpty()) {
            String named = String.join(", ", duplicates.subList(0, Math.min(NAMED, duplicates.size())));
            throw new IllegalArgumentException(name + " lists deviceIds more than once: " + named
                    + (duplicates.size() > NAMED ? " and " + (duplicates.size() - NAMED) + " more" : ""));
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(name + " lists no deviceId");
        }
        return ids;
    }

    private static String join(List<Integer> numbers) {
        StringBuilder s = new StringBuilder();
        for (int n : numbers.subList(0, Math.min(3, numbers.size()))) {
            s.append(s.length() == 0 ? "" : ", ").append(n);
        }
        return numbers.size() > 3 ? s + " and " + (numbers.size() - 3) + " more" : s.toString();
    }
}

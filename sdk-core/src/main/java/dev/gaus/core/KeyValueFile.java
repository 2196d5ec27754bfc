package dev.gaus.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Shell-style {@code KEY=VALUE} files: {@code bootstrap.conf} and {@code device.data}.
 *
 * <p>Reads what the public shell tooling writes and can {@code source}: comments, blank lines,
 * values bare, in double quotes (with {@code \"}, {@code \\}, {@code \$} and {@code \`} escapes)
 * or in single quotes, and an optional {@code export} prefix. Anything the shell would read
 * differently (spaces around {@code =}, unquoted spaces, {@code $} expansion, a missing closing
 * quote) is refused with a {@link KeyValueFormatException} naming the line. Writes always use
 * double quotes so that {@code source device.data} gives back the same values.
 */
public final class KeyValueFile {
    public static final String GAUS_URL = "GAUS_URL";
    public static final String GAUS_CA_CERT = "GAUS_CA_CERT";
    public static final String PRODUCT_ACCESS_KEY = "PRODUCT_ACCESS_KEY";
    public static final String PRODUCT_SECRET_KEY = "PRODUCT_SECRET_KEY";
    public static final String DEVICEID = "DEVICEID";
    public static final String DEVICE_ACCESS_KEY = "DEVICE_ACCESS_KEY";
    public static final String DEVICE_SECRET_KEY = "DEVICE_SECRET_KEY";
    public static final String CLIENT_VERSION = "CLIENT_VERSION";
    public static final String POLL_INTERVAL_SECONDS = "POLL_INTERVAL_SECONDS";
    /** The public keys a device trusts for signed updates, as {@link UpdateKey#parseList} reads them. */
    public static final String GAUS_UPDATE_KEYS = "GAUS_UPDATE_KEYS";

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern EXPORT = Pattern.compile("^export\\s+");

    private KeyValueFile() {}

    /** Reads a file; the map keeps the file's order. */
    public static Map<String, String> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return parse(text, file.toString());
    }

    /** Parses the text of a file; {@code source} names it in errors. */
    public static Map<String, String> parse(String text, String source) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            parseLine(EXPORT.matcher(trimmed).replaceFirst(""), source, i + 1, values);
        }
        return Collections.unmodifiableMap(values);
    }

    private static void parseLine(String line, String source, int number, Map<String, String> values) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            throw new KeyValueFormatException(source, number, "expected KEY=VALUE");
        }
        String key = line.substring(0, eq);
        if (!KEY.matcher(key).matches()) {
            throw new KeyValueFormatException(source, number,
                    "expected KEY=VALUE with a shell variable name and no spaces around '='");
        }
        String rest = line.substring(eq + 1);
        StringBuilder value = new StringBuilder(rest.length());
        int end;
        if (rest.startsWith("\"")) {
            end = readDoubleQuoted(rest, value, source, number, key);
        } else if (rest.startsWith("'")) {
            int close = rest.indexOf('\'', 1);
            if (close < 0) {
                throw new KeyValueFormatException(source, number, "value of " + key + " has no closing quote");
            }
            value.append(rest, 1, close);
            end = close + 1;
        } else {
            end = readBare(rest, value, source, number, key);
        }
        String tail = rest.substring(end);
        if (!tail.isBlank() && !(Character.isWhitespace(tail.charAt(0)) && tail.strip().startsWith("#"))) {
            throw new KeyValueFormatException(source, number,
                    "unexpected text after the value of " + key + " (quote values that hold spaces)");
        }
        values.put(key, value.toString());
    }

    private static int readDoubleQuoted(String rest, StringBuilder value, String source, int number, String key) {
        for (int i = 1; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < rest.length() && "\"\\$`".indexOf(rest.charAt(i + 1)) >= 0) {
                value.append(rest.charAt(++i));
            } else if (c == '$' || c == '`') {
                throw new KeyValueFormatException(source, number,
                        "value of " + key + " uses shell expansion, which is not supported");
            } else {
                value.append(c);
            }
        }
        throw new KeyValueFormatException(source, number, "value of " + key + " has no closing quote");
    }

    private static int readBare(String rest, StringBuilder value, String source, int number, String key) {
        int i = 0;
        for (; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (Character.isWhitespace(c)) {
                break;
            }
            if ("\\$`\"'".indexOf(c) >= 0) {
                throw new KeyValueFormatException(source, number,
                        "value of " + key + " holds a shell character; put it in double quotes");
            }
            value.append(c);
        }
        return i;
    }

    /** The text of a file holding {@code values}, each as {@code KEY="value"}. */
    public static String format(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (key == null || !KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("not a shell variable name: " + key);
            }
            String value = e.getValue();
            if (value == null || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("value of " + key + " must be one line");
            }
            out.append(key).append("=\"");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ("\"\\$`".indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append("\"\n");
        }
        return out.toString();
    }

    /**
     * Writes {@code values} so that a crash at any moment leaves either the old file or the new
     * one: a temporary file in the same directory, readable by the owner only, forced to disk,
     * renamed over the target, then the directory forced so the rename itself is durable.
     */
    public static void writeAtomically(Path file, Map<String, String> values) {
        writeAtomically(file, format(values).getBytes(StandardCharsets.UTF_8));
    }

    /** Atomically replaces {@code file} with {@code content}; see {@link #writeAtomically(Path, Map)}. */
    public static void writeAtomically(Path file, byte[] content) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = createOwnerOnlyTempFile(dir, target.getFileName().toString());
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            forceDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is hidden and replaced next time; the original stands
                }
            }
        }
    }

    private static Path createOwnerOnlyTempFile(Path dir, String name) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, "." + name + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(dir, "." + name + ".", ".tmp");
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the rename is then as durable as they allow.
        }
    }
}

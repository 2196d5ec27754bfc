package dev.gaus.device.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The file name of a device's state in a provisioning folder: {@code <deviceId>.data}, with the
 * deviceId encoded so that any id gives one safe, distinct name and the id can be read back.
 *
 * <p>The UTF-8 bytes of the id are kept where they are ASCII letters, digits, {@code .},
 * {@code _} or {@code -}, and every other byte is written {@code %XX} (two upper-case hex
 * digits), as is a leading {@code .} (so no name is hidden, {@code .} or {@code ..}). {@code %}
 * itself is outside the kept set, so the encoding is reversible: {@code gw/0001} is
 * {@code gw%2F0001.data}, {@code .hidden} is {@code %2Ehidden.data}.
 */
public final class StateFileNames {
    public static final String SUFFIX = ".data";
    /** The longest file name most file systems (ext4, XFS, NTFS, APFS) take, in bytes. */
    public static final int MAX_NAME_BYTES = 255;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private StateFileNames() {}

    /** The file name for {@code deviceId}; fails when the id is empty or the name would be too long. */
    public static String of(String deviceId) {
        if (deviceId == null || deviceId.isEmpty()) {
            throw new IllegalArgumentException("a deviceId must not be empty");
        }
        byte[] bytes = deviceId.getBytes(StandardCharsets.UTF_8);
        StringBuilder name = new StringBuilder(bytes.length + SUFFIX.length());
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (kept(b) && !(i == 0 && b == '.')) {
                name.append((char) b);
            } else {
                name.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        name.append(SUFFIX);
        if (name.length() > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("deviceId " + deviceId + " makes a state file name of " + name.length()
                    + " characters, more than the " + MAX_NAME_BYTES + " a file system takes");
        }
        return name.toString();
    }

    /** The deviceId a file name written by {@link #of} stands for; empty for any other name. */
    public static Optional<String> deviceId(String fileName) {
        if (!fileName.endsWith(SUFFIX) || fileName.length() == SUFFIX.length()) {
            return Optional.empty();
        }
        String encoded = fileName.substring(0, fileName.length() - SUFFIX.length());
        ByteBuffer bytes = ByteBuffer.allocate(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length() && hex(encoded.charAt(i + 1)) >= 0
                    && hex(encoded.charAt(i + 2)) >= 0) {
                bytes.put((byte) (hex(encoded.charAt(i + 1)) << 4 | hex(encoded.charAt(i + 2))));
                i += 2;
            } else if (c < 0x80 && kept(c)) {
                bytes.put((byte) c);
            } else {
                return Optional.empty();
            }
        }
        bytes.flip();
        try {
            String id = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
            // Only the one spelling of() writes stands for the id, so two names never mean one device.
            return of(id).equals(fileName) ? Optional.of(id) : Optional.empty();
        } catch (CharacterCodingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean kept(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                || c == '-';
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}

package dev.gaus.device.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Pins of server public keys: the SHA-256 of a certificate's SubjectPublicKeyInfo (as in RFC
 * 7469 and {@code curl --pinnedpubkey sha256//...}), given in base64 or hex.
 */
public final class PublicKeyPins {
    private final List<byte[]> pins;

    private PublicKeyPins(List<byte[]> pins) {
        this.pins = pins;
    }

    public static PublicKeyPins of(List<String> pins) {
        List<byte[]> parsed = new ArrayList<>();
        for (String pin : pins) {
            parsed.add(parse(pin));
        }
        return new PublicKeyPins(List.copyOf(parsed));
    }

    public boolean isEmpty() {
        return pins.isEmpty();
    }

    /** A pin as 32 bytes; accepts {@code sha256//BASE64}, base64 (standard or URL-safe) or 64 hex digits. */
    public static byte[] parse(String pin) {
        if (pin == null) {
            throw new IllegalArgumentException("a public key pin is required");
        }
        String text = pin.strip();
        if (text.toLowerCase(Locale.ROOT).startsWith("sha256//")) {
            text = text.substring("sha256//".length());
        }
        byte[] bytes = null;
        if (text.matches("[0-9a-fA-F:]{64,95}")) {
            bytes = HexFormat.of().parseHex(text.replace(":", ""));
        } else {
            try {
                bytes = Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/'));
            } catch (IllegalArgumentException e) {
                bytes = null;
            }
        }
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("not a SHA-256 public key pin (44 base64 characters or 64 hex digits): "
                    + (text.length() > 100 ? text.substring(0, 100) + "..." : text));
        }
        return bytes;
    }

    /** The pin of {@code key}: SHA-256 of its DER SubjectPublicKeyInfo. */
    public static byte[] pinOf(PublicKey key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The pin of {@code key} in base64, the form {@code --pin-sha256} accepts. */
    public static String base64PinOf(PublicKey key) {
        return new String(Base64.getEncoder().encode(pinOf(key)), StandardCharsets.US_ASCII);
    }

    public boolean matches(PublicKey key) {
        byte[] pin = pinOf(key);
        for (byte[] p : pins) {
            if (MessageDigest.isEqual(p, pin)) {
                return true;
            }
        }
        return false;
    }
}

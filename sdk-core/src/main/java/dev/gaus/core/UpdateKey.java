package dev.gaus.core;

import dev.gaus.core.internal.Hex;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * An Ed25519 public key that devices trust for signed updates, with its key id.
 *
 * <p>Written as {@code <key id>:<public key>}: the key id is the first 16 lowercase hex characters
 * of the SHA-256 of the raw 32-byte public key (RFC 8032), the public key those 32 bytes in
 * standard base64 (RFC 4648 section 4, with padding). Devices learn them from
 * {@code GAUS_UPDATE_KEYS} in {@code bootstrap.conf}: one or more such entries separated by
 * commas, so that a new key can be trusted before the old one is retired.
 */
public final class UpdateKey {
    /** Characters of a key id. */
    public static final int KEY_ID_LENGTH = 16;
    /** Bytes of a raw Ed25519 public key. */
    public static final int RAW_LENGTH = 32;

    /**
     * The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the JDK encodes the key that
     * way, and the raw key is what follows.
     */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final byte[] raw;
    private final String id;
    private final PublicKey publicKey;

    private UpdateKey(byte[] raw) {
        this.raw = raw.clone();
        this.id = keyId(raw);
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + RAW_LENGTH);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, RAW_LENGTH);
        try {
            this.publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new UpdateSignatureException("not an Ed25519 public key", e);
        }
    }

    /** The key of 32 raw Ed25519 bytes. */
    public static UpdateKey fromRaw(byte[] raw) {
        if (raw == null || raw.length != RAW_LENGTH) {
            throw new UpdateSignatureException("an Ed25519 public key has " + RAW_LENGTH + " bytes, not "
                    + (raw == null ? 0 : raw.length));
        }
        return new UpdateKey(raw);
    }

    /** The key of a JDK Ed25519 public key (as {@code KeyPairGenerator.getInstance("Ed25519")} makes). */
    public static UpdateKey of(PublicKey key) {
        byte[] encoded = key == null ? null : key.getEncoded();
        if (encoded == null || encoded.length != SPKI_PREFIX.length + RAW_LENGTH
                || !Arrays.equals(encoded, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new UpdateSignatureException("not an Ed25519 public key");
        }
        return new UpdateKey(Arrays.copyOfRange(encoded, SPKI_PREFIX.length, encoded.length));
    }

    /**
     * Reads one {@code <key id>:<base64 public key>} entry. The key id must be the one derived
     * from the key, so that a key copied with a typo is refused rather than silently trusted.
     */
    public static UpdateKey parse(String entry) {
        if (entry == null) {
            throw new UpdateSignatureException("an update key is required");
        }
        String e = entry.strip();
        int colon = e.indexOf(':');
        if (colon < 0) {
            throw new UpdateSignatureException("an update key is written <key id>:<base64 public key>");
        }
        String givenId = e.substring(0, colon);
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(e.substring(colon + 1));
        } catch (IllegalArgumentException ex) {
            throw new UpdateSignatureException("the public key of update key " + printable(givenId)
                    + " is not base64");
        }
        if (raw.length != RAW_LENGTH) {
            throw new UpdateSignatureException("the public key of update key " + printable(givenId) + " has "
                    + raw.length + " bytes; an Ed25519 public key has " + RAW_LENGTH);
        }
        UpdateKey key = new UpdateKey(raw);
        if (!key.id.equals(givenId)) {
            throw new UpdateSignatureException("update key " + printable(givenId) + " is not the id of its public key,"
                    + " which is " + key.id);
        }
        return key;
    }

    /**
     * Reads a {@code GAUS_UPDATE_KEYS} value: entries separated by commas, blanks around them
     * ignored. An empty value is an empty list; an empty entry or a key given twice is refused.
     */
    public static List<UpdateKey> parseList(String value) {
        List<UpdateKey> keys = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return List.of();
        }
        Set<String> ids = new HashSet<>();
        for (String entry : value.split(",", -1)) {
            if (entry.isBlank()) {
                throw new UpdateSignatureException("the list of update keys has an empty entry");
            }
            UpdateKey key = parse(entry);
            if (!ids.add(key.id)) {
                throw new UpdateSignatureException("update key " + key.id + " is listed twice");
            }
            keys.add(key);
        }
        return List.copyOf(keys);
    }

    /** The {@code GAUS_UPDATE_KEYS} value of these keys: their entries joined by commas. */
    public static String format(Collection<UpdateKey> keys) {
        StringJoiner out = new StringJoiner(",");
        for (UpdateKey key : keys) {
            out.add(key.entry());
        }
        return out.toString();
    }

    /** First 16 lowercase hex characters of the SHA-256 of a raw public key. */
    public static String keyId(byte[] raw) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(raw), 0, KEY_ID_LENGTH / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The key id: first 16 lowercase hex characters of the SHA-256 of the raw key. */
    public String id() {
        return id;
    }

    /** The key for {@code java.security.Signature.getInstance("Ed25519")}. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The raw 32 bytes. */
    public byte[] raw() {
        return raw.clone();
    }

    /** The raw 32 bytes in standard base64. */
    public String base64() {
        return Base64.getEncoder().encodeToString(raw);
    }

    /** {@code <key id>:<base64 public key>}, as {@code GAUS_UPDATE_KEYS} lists it. */
    public String entry() {
        return id + ":" + base64();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpdateKey && Arrays.equals(raw, ((UpdateKey) o).raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return entry();
    }

    /** A value from a file, quoted in a message without letting it break the line or run on. */
    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        StringBuilder b = new StringBuilder("'");
        cut.codePoints().forEach(c -> b.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
        return b.append('\'').toString();
    }
}

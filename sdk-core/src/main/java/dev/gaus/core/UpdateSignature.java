package dev.gaus.core;

import dev.gaus.core.internal.Hex;
import dev.gaus.core.message.Update;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * Signed updates, the optional extension of {@code docs/protocol.md} ("Decided here"): an update's
 * metadata carries a detached Ed25519 signature ({@value #SIGNATURE_METADATA_KEY}), the id of the
 * key that made it ({@value #KEY_ID_METADATA_KEY}) and the version scheme it was signed with
 * ({@value #VERSION_SCHEME_METADATA_KEY}). The signature is over the UTF-8 bytes of
 * {@link Fields#canonicalText()}:
 *
 * <pre>
 * gaus-update-signature-v1
 * product=&lt;productGUID&gt;
 * type=&lt;updateType&gt;
 * version=&lt;version&gt;
 * versionScheme=&lt;semver|number|string|alphanum&gt;
 * size=&lt;size in bytes, decimal&gt;
 * sha256=&lt;SHA-256 of the file, 64 lowercase hex characters&gt;
 * </pre>
 *
 * <p>Each line ends with one line feed, the last one too; values are exactly as announced (no
 * trimming, no case folding but the SHA-256's). A value that is empty, holds a control character
 * (a line break among them, which could forge another line) or is not valid Unicode is refused:
 * such an update cannot be signed, and a device cannot verify it.
 */
public final class UpdateSignature {
    /** The first line of the canonical text, naming its format. */
    public static final String FORMAT = "gaus-update-signature-v1";
    /** Metadata key of the signature: 64 bytes in standard base64. */
    public static final String SIGNATURE_METADATA_KEY = "gausSignature";
    /** Metadata key of the signing key's id (see {@link UpdateKey#id()}). */
    public static final String KEY_ID_METADATA_KEY = "gausSignatureKeyId";
    /** Metadata key of the version scheme the signature binds, in lower case ({@code semver}, ...). */
    public static final String VERSION_SCHEME_METADATA_KEY = "gausVersionScheme";
    /** Bytes of an Ed25519 signature. */
    public static final int SIGNATURE_LENGTH = 64;

    private UpdateSignature() {}

    /**
     * What a signature binds: the product, the update type, the version and how it compares, the
     * size and the SHA-256 of the file. Checked for what the canonical text can hold.
     */
    public record Fields(String productGuid, String updateType, String version, VersionScheme versionScheme,
            long size, String sha256) {
        public Fields {
            field(productGuid, "the productGUID");
            field(updateType, "the updateType");
            field(version, "the version");
            Objects.requireNonNull(versionScheme, "versionScheme");
            if (size < 0) {
                throw new UpdateSignatureException("the size of a signed update must not be negative");
            }
            if (sha256 == null || !Hex.isLowerHex(sha256.toLowerCase(Locale.ROOT), 64)) {
                throw new UpdateSignatureException("the SHA-256 of a signed update must be 64 hex characters");
            }
            sha256 = sha256.toLowerCase(Locale.ROOT);
        }

        /**
         * The fields as a check-for-updates answer announces them to the device of
         * {@code productGuid} (the one its own authentication named, never one from the answer):
         * the update's type, version and size, {@code metadata.gausVersionScheme} and
         * {@code metadata.toSha256}.
         *
         * @throws UpdateSignatureException when the metadata lacks one of them or holds a
         *     value a signed update cannot have
         */
        public static Fields announced(String productGuid, Update update) {
            String scheme = update.metadata().get(VERSION_SCHEME_METADATA_KEY);
            if (scheme == null) {
                throw new UpdateSignatureException("it announces no metadata " + VERSION_SCHEME_METADATA_KEY);
            }
            VersionScheme versionScheme;
            try {
                versionScheme = VersionScheme.of(scheme);
            } catch (IllegalArgumentException e) {
                throw new UpdateSignatureException("its metadata " + VERSION_SCHEME_METADATA_KEY
                        + " names no version scheme this SDK knows");
            }
            if (!versionScheme.name().toLowerCase(Locale.ROOT).equals(scheme)) {
                throw new UpdateSignatureException("its metadata " + VERSION_SCHEME_METADATA_KEY + " is not in lower case");
            }
            String sha256 = update.sha256().orElseThrow(() -> new UpdateSignatureException(
                    "it announces no metadata " + Update.SHA256_METADATA_KEY + ", which its signature must cover"));
            return new Fields(productGuid, update.updateType(), update.version(), versionScheme, update.size(), sha256);
        }

        /** The signed text; see {@link UpdateSignature}. */
        public String canonicalText() {
            return FORMAT + "\n"
                    + "product=" + productGuid + "\n"
                    + "type=" + updateType + "\n"
                    + "version=" + version + "\n"
                    + "versionScheme=" + versionScheme.name().toLowerCase(Locale.ROOT) + "\n"
                    + "size=" + size + "\n"
                    + "sha256=" + sha256 + "\n";
        }

        /** The signed bytes: {@link #canonicalText()} in UTF-8. */
        public byte[] canonicalBytes() {
            return canonicalText().getBytes(StandardCharsets.UTF_8);
        }

        private static void field(String value, String name) {
            if (value == null || value.isEmpty()) {
                throw new UpdateSignatureException(name + " of a signed update must not be empty");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isISOControl(c)) {
                    throw new UpdateSignatureException(name + " holds a control character (such as a line break),"
                            + " which the signed text cannot hold");
                }
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new UpdateSignatureException(name + " is not valid Unicode");
                }
            }
        }
    }

    /**
     * Signs the fields with an Ed25519 private key.
     *
     * @return the signature in standard base64, as {@value #SIGNATURE_METADATA_KEY} carries it
     */
    public static String sign(Fields fields, PrivateKey key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(fields.canonicalBytes());
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (InvalidKeyException e) {
            // The key's own message is left out: it is about a private key.
            throw new UpdateSignatureException("the signing key is not an Ed25519 private key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make Ed25519 signatures", e);
        }
    }

    /**
     * True when {@code signature} (standard base64) is {@code key}'s signature of the fields.
     *
     * @throws UpdateSignatureException when the signature is not base64 or not 64 bytes (cut
     *     short, say), which is told apart from a signature that does not match
     */
    public static boolean verify(Fields fields, String signature, UpdateKey key) {
        byte[] bytes = decode(signature);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key.publicKey());
            s.update(fields.canonicalBytes());
            return s.verify(bytes);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot verify Ed25519 signatures", e);
        }
    }

    /** The 64 bytes of a signature in standard base64. */
    public static byte[] decode(String signature) {
        if (signature == null || signature.isEmpty()) {
            throw new UpdateSignatureException("the signature is empty");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new UpdateSignatureException("the signature is not base64");
        }
        if (bytes.length != SIGNATURE_LENGTH) {
            throw new UpdateSignatureException("the signature has " + bytes.length + " bytes; an Ed25519 signature has "
                    + SIGNATURE_LENGTH);
        }
        return bytes;
    }
}

package dev.gaus.server.internal.cli;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.KeyValueFormatException;
import dev.gaus.core.UpdateKey;
import dev.gaus.core.UpdateSignature;
import dev.gaus.core.UpdateSignatureException;
import dev.gaus.core.VersionScheme;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code update sign} prints and {@code update publish --signature} reads: {@code KEY="value"}
 * lines naming the signed fields, the key and the signature, so an operator can read what was
 * signed before publishing it.
 *
 * <pre>
 * FORMAT="gaus-update-signature-v1"
 * PRODUCT="&lt;productGUID&gt;"   TYPE="firmware"   VERSION="1.0.2"   VERSION_SCHEME="semver"
 * SIZE="400000"   SHA256="&lt;hex&gt;"   KEY_ID="&lt;key id&gt;"   PUBLIC_KEY="&lt;base64&gt;"   SIGNATURE="&lt;base64&gt;"
 * </pre>
 * (one per line). The public key lets {@code publish} check the file is whole before anything is
 * stored, also for a product that requires no signature; devices never take it from here.
 */
record SignatureFile(UpdateSignature.Fields fields, UpdateKey key, String signature) {
    private static final String HEADER = "# GAUS update signature: attach it with update publish --signature FILE\n";

    /** The signature file of fields signed with {@code key}. */
    static SignatureFile sign(UpdateSignature.Fields fields, SigningKeyFile key) {
        return new SignatureFile(fields, key.publicKey(), key.sign(fields));
    }

    String text() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("FORMAT", UpdateSignature.FORMAT);
        values.put("PRODUCT", fields.productGuid());
        values.put("TYPE", fields.updateType());
        values.put("VERSION", fields.version());
        values.put("VERSION_SCHEME", fields.versionScheme().name().toLowerCase(Locale.ROOT));
        values.put("SIZE", Long.toString(fields.size()));
        values.put("SHA256", fields.sha256());
        values.put("KEY_ID", key.id());
        values.put("PUBLIC_KEY", key.base64());
        values.put("SIGNATURE", signature);
        return HEADER + KeyValueFile.format(values);
    }

    /**
     * Reads a signature file and checks it is whole: its key id is its public key's and its
     * signature is that key's over its fields.
     */
    static SignatureFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such signature file: " + file);
        }
        Map<String, String> v;
        try {
            v = KeyValueFile.read(file);
        } catch (UncheckedIOException | KeyValueFormatException e) {
            throw new IllegalArgumentException("cannot read the signature file " + file + ": " + e.getMessage());
        }
        if (!UpdateSignature.FORMAT.equals(v.get("FORMAT"))) {
            throw new IllegalArgumentException(file + " is not a signature file of format " + UpdateSignature.FORMAT);
        }
        try {
            VersionScheme scheme = VersionScheme.of(required(v, "VERSION_SCHEME", file));
            long size;
            try {
                size = Long.parseLong(required(v, "SIZE", file));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": SIZE is not a number");
            }
            UpdateSignature.Fields fields = new UpdateSignature.Fields(required(v, "PRODUCT", file),
                    required(v, "TYPE", file), required(v, "VERSION", file), scheme, size, required(v, "SHA256", file));
            UpdateKey key = UpdateKey.parse(required(v, "KEY_ID", file) + ":" + required(v, "PUBLIC_KEY", file));
            String signature = required(v, "SIGNATURE", file);
            if (!UpdateSignature.verify(fields, signature, key)) {
                throw new IllegalArgumentException("the signature in " + file + " is not its key's signature of its"
                        + " fields: the file was altered");
            }
            return new SignatureFile(fields, key, signature);
        } catch (UpdateSignatureException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    private static String required(Map<String, String> values, String key, Path file) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + key + " is missing");
        }
        return value;
    }

    /**
     * Refuses the signature unless it is of exactly these fields: the product, type, version and
     * scheme being published, and the size and SHA-256 of the file given.
     */
    void requireFields(UpdateSignature.Fields publishing, Path signatureFile, Path updateFile) {
        UpdateSignature.Fields f = fields;
        differs(f.productGuid(), publishing.productGuid(), "product", signatureFile, " (sign with --product "
                + publishing.productGuid() + ", the productGUID product list shows)");
        differs(f.updateType(), publishing.updateType(), "type", signatureFile, "");
        differs(f.version(), publishing.version(), "version", signatureFile, "");
        differs(f.versionScheme().name().toLowerCase(Locale.ROOT),
                publishing.versionScheme().name().toLowerCase(Locale.ROOT), "version type", signatureFile, "");
        if (f.size() != publishing.size() || !f.sha256().equals(publishing.sha256())) {
            throw new IllegalArgumentException(signatureFile + " was made for another file (SHA-256 " + f.sha256()
                    + ", " + f.size() + " bytes) than " + updateFile + " (SHA-256 " + publishing.sha256() + ", "
                    + publishing.size() + " bytes)");
        }
    }

    private static void differs(String signed, String publishing, String what, Path file, String hint) {
        if (!signed.equals(publishing)) {
            throw new IllegalArgumentException(file + " signs " + what + " '" + signed + "', not '" + publishing + "'"
                    + hint);
        }
    }
}

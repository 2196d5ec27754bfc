package dev.gaus.core.message;

import dev.gaus.core.internal.Checks;
import java.util.Map;
import java.util.Optional;

/**
 * One offered update in a check-for-updates answer (protocol section 3).
 *
 * @param metadata string pairs chosen by the product owner, never null (empty when absent);
 *     {@code toSha256} holds the SHA-256 of the file when the server knows it
 */
public record Update(
        String updateId,
        String updateType,
        String version,
        String packageType,
        String downloadUrl,
        long size,
        String md5,
        Map<String, String> metadata) {

    /** The metadata key under which servers publish the file's SHA-256, as lowercase hex. */
    public static final String SHA256_METADATA_KEY = "toSha256";

    public Update {
        Checks.text(updateId, "updateId");
        Checks.text(updateType, "updateType");
        Checks.text(version, "version");
        Checks.text(packageType, "packageType");
        Checks.text(downloadUrl, "downloadUrl");
        if (size < 0) {
            throw Checks.invalid("size", "must not be negative");
        }
        Checks.text(md5, "md5");
        metadata = metadata == null ? Map.of() : Checks.map(metadata, "metadata");
    }

    /** The SHA-256 from the metadata, if the server sent one. */
    public Optional<String> sha256() {
        return Optional.ofNullable(metadata.get(SHA256_METADATA_KEY));
    }
}

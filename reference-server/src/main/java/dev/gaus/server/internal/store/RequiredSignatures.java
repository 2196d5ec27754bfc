package dev.gaus.server.internal.store;

import dev.gaus.core.UpdateKey;
import dev.gaus.core.UpdateSignature;
import dev.gaus.core.UpdateSignatureException;
import dev.gaus.server.internal.store.StoreRecords.FileDigest;
import dev.gaus.server.internal.store.StoreRecords.NewUpdate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * The keys of which a product requires every published update to be signed: the table
 * {@code product_signing_key}, read and written for {@link UpdateStore}, and the check of an update
 * against them.
 */
final class RequiredSignatures {
    private static final String SELECT = "SELECT public_key FROM product_signing_key WHERE product_guid = ?"
            + " ORDER BY created_at, key_id";

    private RequiredSignatures() {}

    static List<UpdateKey> read(Queries reads, String productGuid) {
        return reads.list(SELECT, ps -> ps.setString(1, productGuid), RequiredSignatures::key);
    }

    /** Inside a write, where what this transaction and the ones committed before it wrote is seen. */
    static List<UpdateKey> read(StoreWriter.Session c, String productGuid) throws SQLException {
        return Queries.list(c, SELECT, ps -> ps.setString(1, productGuid), RequiredSignatures::key);
    }

    private static UpdateKey key(ResultSet rs) throws SQLException {
        return UpdateKey.fromRaw(Base64.getDecoder().decode(rs.getString(1)));
    }

    /** Makes {@code keys} the product's required keys; none stops requiring signatures. */
    static void replace(StoreWriter.Session c, String productGuid, List<UpdateKey> keys, long now)
            throws SQLException {
        PreparedStatement delete = c.prepare("DELETE FROM product_signing_key WHERE product_guid = ?");
        delete.setString(1, productGuid);
        delete.executeUpdate();
        PreparedStatement insert = c.prepare("INSERT INTO product_signing_key (product_guid, key_id, public_key,"
                + " created_at) VALUES (?, ?, ?, ?)");
        for (UpdateKey key : keys) {
            insert.setString(1, productGuid);
            insert.setString(2, key.id());
            insert.setString(3, key.base64());
            insert.setLong(4, now);
            insert.executeUpdate();
        }
    }

    /**
     * Refuses an update the required keys do not vouch for: unsigned, signed by another key, or
     * with a signature that is not that key's over the update's fields and {@code file}'s size and
     * SHA-256. Nothing is asked of a product that requires no signature.
     *
     * @param file the stored file's digest, computed only when a signature must be checked
     * @throws PublishRefused with {@code UNSIGNED}, {@code UNTRUSTED_KEY} or {@code BAD_SIGNATURE}
     */
    static void check(NewUpdate u, List<UpdateKey> required, Supplier<FileDigest> file) {
        if (required.isEmpty()) {
            return;
        }
        List<String> ids = required.stream().map(UpdateKey::id).toList();
        if (u.signedBy() == null) {
            throw new PublishRefused(PublishRefused.Reason.UNSIGNED, null, ids);
        }
        UpdateKey key = required.stream().filter(k -> k.id().equals(u.signedBy().keyId())).findFirst()
                .orElseThrow(() -> new PublishRefused(PublishRefused.Reason.UNTRUSTED_KEY, null, ids));
        boolean valid;
        try {
            valid = UpdateSignature.verify(u.signedFields(file.get()), u.signedBy().signature(), key);
        } catch (UpdateSignatureException e) {
            valid = false;
        }
        if (!valid) {
            throw new PublishRefused(PublishRefused.Reason.BAD_SIGNATURE, null, ids);
        }
    }
}

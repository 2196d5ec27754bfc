package dev.gaus.server.internal.store;

import dev.gaus.core.UpdateKey;
import dev.gaus.server.internal.store.StoreRecords.FileDigest;
import dev.gaus.server.internal.store.StoreRecords.NewUpdate;
import dev.gaus.server.internal.store.StoreRecords.UpdateInfo;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The update catalog and its files (the tables {@code update_package}, {@code update_type_scheme},
 * {@code update_file} and {@code product_signing_key}), and the catalog version of each product,
 * raised by every change to its offer.
 */
public interface UpdateStore {
    /**
     * Stores the file (content-addressed) and publishes the update; the file's SHA-256 is added to
     * the metadata as {@code toSha256}, with the signature when signed. Durable when it returns.
     * What may be offered together ({@link OfferRules}) and what the product requires to be
     * signed by ({@link #requireSignatures}) is checked before the file is copied and again where
     * the update is stored, so a publisher that raced another one is refused as if it came later.
     *
     * @throws PublishRefused when updates of the type are on offer under another version scheme,
     *     the same version of the type is on offer with the same filters, the file is too large, or
     *     the product requires a signature the update lacks
     */
    UpdateInfo publish(NewUpdate u, Path file, long now);

    Optional<UpdateInfo> find(String id);

    Optional<UpdateInfo> findByDownloadToken(String token);

    /** The updates a product offers (not withdrawn), oldest first. */
    List<UpdateInfo> offeredBy(String productGuid);

    /** Every update, oldest first; those of one product when {@code productName} is not null. */
    List<UpdateInfo> list(String productName);

    /** The keys of which the product requires its updates to be signed, oldest first; empty when none. */
    List<UpdateKey> requiredSigningKeys(String productGuid);

    /**
     * From now on {@link #publish} refuses an update of the product unless it is signed by one of
     * {@code keys}; an empty list takes unsigned updates again. Updates on offer stay as they are.
     */
    void requireSignatures(String productGuid, List<UpdateKey> keys, long now);

    /** Stops offering an update (its file is no longer served); false when there is no such update. */
    boolean withdraw(String id, long now);

    /**
     * Opens the stored file of an update for reading, positioned anywhere by the caller; fails
     * before anything is read when the file is missing or shorter than {@code size}.
     */
    SeekableByteChannel openFile(String sha256, long size) throws IOException;

    /**
     * Size, MD5 and SHA-256 of a file, read once; what {@link #publish} will record for it, so what
     * a signature of it must cover.
     */
    static FileDigest digest(Path file) {
        return UpdateFiles.digest(file);
    }
}

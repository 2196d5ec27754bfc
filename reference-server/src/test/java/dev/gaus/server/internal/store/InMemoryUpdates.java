package dev.gaus.server.internal.store;

import dev.gaus.core.Credentials;
import dev.gaus.core.UpdateKey;
import dev.gaus.core.UpdateSignature;
import dev.gaus.core.message.Update;
import dev.gaus.server.internal.store.InMemoryStores.Product;
import dev.gaus.server.internal.store.StoreRecords.NewUpdate;
import dev.gaus.server.internal.store.StoreRecords.UpdateInfo;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The update catalog of {@link InMemoryStores}, under its lock, with the files in {@link InMemoryUpdateFiles}. */
final class InMemoryUpdates implements UpdateStore {
    private final InMemoryStores stores;
    private final InMemoryUpdateFiles files = new InMemoryUpdateFiles();
    /** Oldest first, as published. */
    private final List<UpdateInfo> updates = new ArrayList<>();
    private final Map<String, List<UpdateKey>> requiredKeys = new HashMap<>();

    InMemoryUpdates(InMemoryStores stores) {
        this.stores = stores;
    }

    @Override
    public UpdateInfo publish(NewUpdate u, Path file, long now) {
        // As the JDBC store: refused before the file is copied, and again where it is stored.
        check(u, file);
        UpdateFiles.Staged staged = files.stage(file);
        synchronized (stores.lock) {
            check(u, file);
            Product product = stores.products.get(u.productGuid());
            if (product == null) {
                throw new StoreException("write failed: no product " + u.productGuid());
            }
            Map<String, String> metadata = new LinkedHashMap<>(u.metadata());
            metadata.put(Update.SHA256_METADATA_KEY, staged.digest().sha256());
            if (u.signedBy() != null) {
                metadata.put(UpdateSignature.VERSION_SCHEME_METADATA_KEY, OfferRules.schemeName(u.scheme()));
                metadata.put(UpdateSignature.KEY_ID_METADATA_KEY, u.signedBy().keyId());
                metadata.put(UpdateSignature.SIGNATURE_METADATA_KEY, u.signedBy().signature());
            }
            UpdateInfo stored = new UpdateInfo(Ids.newGuid(), product.guid, product.name, u.updateType(), u.version(),
                    u.scheme(), new LinkedHashMap<>(new TreeMap<>(u.where())), metadata, staged.digest().size(),
                    staged.digest().md5(), staged.digest().sha256(), Credentials.newKey(), null, now);
            updates.add(stored);
            product.catalogVersion++;
            stores.committed(System.nanoTime());
            return stored;
        }
    }

    private void check(NewUpdate u, Path file) {
        synchronized (stores.lock) {
            OfferRules.refuseConflicts(u, updates.stream()
                    .filter(o -> o.productGuid().equals(u.productGuid()) && o.updateType().equals(u.updateType())
                            && !o.withdrawn())
                    .map(o -> new OfferRules.Offer(o.id(), o.scheme(), o.version(), o.where())).toList());
            RequiredSignatures.check(u, requiredSigningKeys(u.productGuid()), () -> UpdateFiles.digest(file));
        }
    }

    @Override
    public Optional<UpdateInfo> find(String id) {
        synchronized (stores.lock) {
            return updates.stream().filter(u -> u.id().equals(id)).findFirst();
        }
    }

    @Override
    public Optional<UpdateInfo> findByDownloadToken(String token) {
        synchronized (stores.lock) {
            return updates.stream().filter(u -> u.downloadToken().equals(token)).findFirst();
        }
    }

    @Override
    public List<UpdateInfo> offeredBy(String productGuid) {
        synchronized (stores.lock) {
            return updates.stream().filter(u -> u.productGuid().equals(productGuid) && !u.withdrawn()).toList();
        }
    }

    @Override
    public List<UpdateInfo> list(String productName) {
        synchronized (stores.lock) {
            return updates.stream().filter(u -> productName == null || u.productName().equals(productName)).toList();
        }
    }

    @Override
    public List<UpdateKey> requiredSigningKeys(String productGuid) {
        synchronized (stores.lock) {
            return requiredKeys.getOrDefault(productGuid, List.of());
        }
    }

    @Override
    public void requireSignatures(String productGuid, List<UpdateKey> keys, long now) {
        synchronized (stores.lock) {
            Product product = stores.products.get(productGuid);
            if (product != null) {
                product.catalogVersion++;
            }
            requiredKeys.put(productGuid, List.copyOf(keys));
            stores.committed(System.nanoTime());
        }
    }

    @Override
    public boolean withdraw(String id, long now) {
        synchronized (stores.lock) {
            for (int i = 0; i < updates.size(); i++) {
                UpdateInfo u = updates.get(i);
                if (u.id().equals(id)) {
                    if (!u.withdrawn()) {
                        updates.set(i, new UpdateInfo(u.id(), u.productGuid(), u.productName(), u.updateType(),
                                u.version(), u.scheme(), u.where(), u.metadata(), u.size(), u.md5(), u.sha256(),
                                u.downloadToken(), now, u.createdAt()));
                    }
                    stores.products.get(u.productGuid()).catalogVersion++;
                    stores.committed(System.nanoTime());
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public SeekableByteChannel openFile(String sha256, long size) throws IOException {
        return files.open(sha256, size);
    }
}

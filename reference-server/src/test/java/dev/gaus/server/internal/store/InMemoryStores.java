package dev.gaus.server.internal.store;

import dev.gaus.core.Credentials;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.internal.store.StoreRecords.DeviceInfo;
import dev.gaus.server.internal.store.StoreRecords.DeviceKey;
import dev.gaus.server.internal.store.StoreRecords.DeviceStanding;
import dev.gaus.server.internal.store.StoreRecords.IdempotentRegistration;
import dev.gaus.server.internal.store.StoreRecords.NewDevice;
import dev.gaus.server.internal.store.StoreRecords.ProductInfo;
import dev.gaus.server.internal.store.StoreRecords.ProductKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A store that keeps everything in memory, behind the same interfaces as the JDBC one: it shows
 * that the seam holds (the endpoints' tests run on it, and {@code StoreContractTest} holds it to
 * what the JDBC store does). One lock makes every method a transaction. Nothing survives the
 * process, so it is for tests only.
 */
public final class InMemoryStores implements Stores {
    /** URLs starting with this open an in-memory store, once {@link #register()} ran. */
    public static final String URL_PREFIX = "memory:";

    final Object lock = new Object();
    private final StoredSecrets secrets = new StoredSecrets(Credentials.randomBytes(32));
    private final byte[] tokenKey = Credentials.randomBytes(32);
    private final byte[] sealKey = Credentials.randomBytes(32);
    final Map<String, Product> products = new LinkedHashMap<>();
    private final Map<String, Key> productKeys = new LinkedHashMap<>();
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final Map<String, String> deviceByAccessKey = new HashMap<>();
    private final Map<String, IdempotentRegistration> idempotent = new HashMap<>();
    private long revocations;
    private final CommitObserver commits;
    private final Products productStore = new Products();
    private final Devices deviceStore = new Devices();
    private final InMemoryUpdates updates = new InMemoryUpdates(this);
    private final InMemoryReports reports = new InMemoryReports(this);

    public InMemoryStores() {
        this(CommitObserver.NONE);
    }

    /** Tells {@code commits} of every write, each its own commit of one. */
    public InMemoryStores(CommitObserver commits) {
        this.commits = commits;
    }

    /** Called under the lock by every write, once it is done. */
    void committed(long startNanos) {
        commits.committed(1, System.nanoTime() - startNanos);
    }

    static final class Product {
        final String guid;
        final String name;
        long pollIntervalSeconds;
        final long createdAt;
        long catalogVersion;

        Product(String guid, String name, long pollIntervalSeconds, long createdAt) {
            this.guid = guid;
            this.name = name;
            this.pollIntervalSeconds = pollIntervalSeconds;
            this.createdAt = createdAt;
        }
    }

    private record Key(String accessKey, String productGuid, String secretHash, long createdAt, Long revokedAt) {
    }

    private record Device(String guid, String productGuid, String deviceId, String accessKey, String secretHash,
            long createdAt, Long revokedAt) {
    }

    /** Lets {@code GausServer.builder().dbUrl("memory:...")} and the CLI's {@code --db memory:...} open one. */
    public static void register() {
        StoreEngines.register(URL_PREFIX, (dataDir, url, commits) -> new InMemoryStores(commits));
    }

    @Override
    public ProductStore products() {
        return productStore;
    }

    @Override
    public DeviceStore devices() {
        return deviceStore;
    }

    @Override
    public UpdateStore updates() {
        return updates;
    }

    @Override
    public ReportStore reports() {
        return reports;
    }

    @Override
    public StoredSecrets secrets() {
        return secrets;
    }

    @Override
    public byte[] tokenSigningKey() {
        return tokenKey.clone();
    }

    @Override
    public byte[] idempotencySealKey() {
        return sealKey.clone();
    }

    @Override
    public String description() {
        return "in memory";
    }

    @Override
    public boolean ping() {
        return true;
    }

    @Override
    public void checkpoint() {
    }

    @Override
    public void close() {
    }

    private boolean isActiveKey(String accessKey) {
        Key k = productKeys.get(accessKey);
        return k != null && k.revokedAt() == null;
    }

    private final class Products implements ProductStore {
        @Override
        public Optional<ProductKey> findActiveKey(String accessKey) {
            synchronized (lock) {
                Key k = productKeys.get(accessKey);
                if (k == null || k.revokedAt() != null) {
                    return Optional.empty();
                }
                Product p = products.get(k.productGuid());
                return Optional.of(new ProductKey(accessKey, k.secretHash(), p.guid, p.name, p.pollIntervalSeconds));
            }
        }

        @Override
        public boolean hasAny() {
            synchronized (lock) {
                return !products.isEmpty();
            }
        }

        @Override
        public Map<String, DeviceStanding> standings() {
            synchronized (lock) {
                return products.values().stream().collect(Collectors.toUnmodifiableMap(p -> p.guid,
                        p -> new DeviceStanding(p.catalogVersion, p.pollIntervalSeconds)));
            }
        }

        @Override
        public List<ProductInfo> list() {
            synchronized (lock) {
                return products.values().stream().sorted(Comparator.comparing(p -> p.name))
                        .map(p -> new ProductInfo(p.guid, p.name, p.pollIntervalSeconds, p.createdAt,
                                (int) productKeys.values().stream().filter(k -> k.productGuid().equals(p.guid)
                                        && k.revokedAt() == null).count(),
                                devices.values().stream().filter(d -> d.productGuid().equals(p.guid)).count()))
                        .toList();
            }
        }

        @Override
        public Optional<AuthParameters> create(String name, long pollIntervalSeconds, long now) {
            synchronized (lock) {
                if (products.values().stream().anyMatch(p -> p.name.equals(name))) {
                    return Optional.empty();
                }
                String guid = Ids.newGuid();
                products.put(guid, new Product(guid, name, pollIntervalSeconds, now));
                return Optional.of(addKey(guid, now));  // addKey tells of the commit
            }
        }

        @Override
        public Optional<AuthParameters> createFirst(String name, long pollIntervalSeconds, long now) {
            synchronized (lock) {
                return products.isEmpty() ? create(name, pollIntervalSeconds, now) : Optional.empty();
            }
        }

        @Override
        public AuthParameters addKey(String productGuid, long now) {
            AuthParameters keys = Credentials.newKeyPair();
            synchronized (lock) {
                if (!products.containsKey(productGuid)) {
                    throw new StoreException("write failed: no product " + productGuid);
                }
                productKeys.put(keys.accessKey(),
                        new Key(keys.accessKey(), productGuid, secrets.hash(keys.secretKey()), now, null));
                committed(System.nanoTime());
            }
            return keys;
        }

        @Override
        public int revokeOlderKeys(String productGuid, long now) {
            synchronized (lock) {
                List<Key> active = productKeys.values().stream()
                        .filter(k -> k.productGuid().equals(productGuid) && k.revokedAt() == null)
                        .sorted(Comparator.comparingLong(Key::createdAt).thenComparing(Key::accessKey).reversed())
                        .toList();
                for (Key k : active.subList(Math.min(1, active.size()), active.size())) {
                    productKeys.put(k.accessKey(), new Key(k.accessKey(), k.productGuid(), k.secretHash(),
                            k.createdAt(), now));
                }
                committed(System.nanoTime());
                return Math.max(0, active.size() - 1);
            }
        }

        @Override
        public boolean setPollInterval(String productGuid, long seconds) {
            synchronized (lock) {
                Product p = products.get(productGuid);
                if (p == null) {
                    return false;
                }
                p.pollIntervalSeconds = seconds;
                committed(System.nanoTime());
                return true;
            }
        }
    }

    private final class Devices implements DeviceStore {
        @Override
        public CompletableFuture<Boolean> register(NewDevice device, String productAccessKey,
                IdempotentRegistration idem) {
            String secretHash = secrets.hash(device.keys().secretKey());
            long start = System.nanoTime();
            synchronized (lock) {
                if (!isActiveKey(productAccessKey)) {
                    return CompletableFuture.completedFuture(false);
                }
                if (idem != null) {
                    String key = idem.productGuid() + "\n" + idem.key();
                    IdempotentRegistration earlier = idempotent.get(key);
                    if (earlier != null && earlier.expiresAt() > device.createdAt()) {
                        return CompletableFuture.failedFuture(new StoreException("write failed: idempotency key taken"));
                    }
                    idempotent.put(key, idem);
                }
                devices.put(device.guid(), new Device(device.guid(), device.productGuid(), device.deviceId(),
                        device.keys().accessKey(), secretHash, device.createdAt(), null));
                deviceByAccessKey.put(device.keys().accessKey(), device.guid());
                committed(start);
                return CompletableFuture.completedFuture(true);
            }
        }

        @Override
        public Optional<DeviceKey> findByAccessKey(String accessKey) {
            synchronized (lock) {
                return Optional.ofNullable(deviceByAccessKey.get(accessKey)).map(devices::get)
                        .map(d -> new DeviceKey(d.guid(), d.productGuid(), d.deviceId(), d.secretHash(),
                                d.revokedAt() != null));
            }
        }

        @Override
        public Optional<DeviceStanding> standing(String deviceGuid) {
            synchronized (lock) {
                Device d = devices.get(deviceGuid);
                if (d == null || d.revokedAt() != null) {
                    return Optional.empty();
                }
                Product p = products.get(d.productGuid());
                return Optional.of(new DeviceStanding(p.catalogVersion, p.pollIntervalSeconds));
            }
        }

        @Override
        public long count() {
            synchronized (lock) {
                return devices.size();
            }
        }

        @Override
        public List<DeviceInfo> list(String productName) {
            synchronized (lock) {
                return devices.values().stream()
                        .filter(d -> productName == null || products.get(d.productGuid()).name.equals(productName))
                        .sorted(Comparator.comparingLong(Device::createdAt).thenComparing(Device::guid))
                        .map(d -> new DeviceInfo(d.guid(), products.get(d.productGuid()).name, d.deviceId(),
                                d.createdAt(), d.revokedAt()))
                        .toList();
            }
        }

        @Override
        public boolean revoke(String deviceGuid, long now) {
            synchronized (lock) {
                Device d = devices.get(deviceGuid);
                if (d == null) {
                    return false;
                }
                devices.put(deviceGuid, new Device(d.guid(), d.productGuid(), d.deviceId(), d.accessKey(),
                        d.secretHash(), d.createdAt(), d.revokedAt() == null ? now : d.revokedAt()));
                revocations++;
                committed(System.nanoTime());
                return true;
            }
        }

        @Override
        public long revocationCounter() {
            synchronized (lock) {
                return revocations;
            }
        }

        @Override
        public Set<String> revoked() {
            synchronized (lock) {
                return devices.values().stream().filter(d -> d.revokedAt() != null).map(Device::guid)
                        .collect(Collectors.toUnmodifiableSet());
            }
        }

        @Override
        public Optional<IdempotentRegistration> findIdempotentRegistration(String productGuid, String key,
                String productAccessKey, long now) {
            synchronized (lock) {
                IdempotentRegistration found = idempotent.get(productGuid + "\n" + key);
                return found != null && found.expiresAt() > now && isActiveKey(productAccessKey)
                        ? Optional.of(found) : Optional.empty();
            }
        }

        @Override
        public int purgeExpiredIdempotentRegistrations(long now) {
            synchronized (lock) {
                List<String> expired = new ArrayList<>();
                idempotent.forEach((k, v) -> {
                    if (v.expiresAt() <= now) {
                        expired.add(k);
                    }
                });
                expired.forEach(idempotent::remove);
                committed(System.nanoTime());
                return expired.size();
            }
        }
    }
}

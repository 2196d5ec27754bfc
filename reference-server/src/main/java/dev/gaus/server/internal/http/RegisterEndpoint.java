package dev.gaus.server.internal.http;

import dev.gaus.core.Credentials;
import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.RegisterRequest;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.server.internal.auth.AuthThrottle.Attempt;
import dev.gaus.server.internal.auth.RegistrationSeal;
import dev.gaus.server.internal.store.DeviceStore;
import dev.gaus.server.internal.store.Ids;
import dev.gaus.server.internal.store.StoreCache;
import dev.gaus.server.internal.store.StoreException;
import dev.gaus.server.internal.store.StoreRecords.IdempotentRegistration;
import dev.gaus.server.internal.store.StoreRecords.NewDevice;
import dev.gaus.server.internal.store.StoreRecords.ProductKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code POST /register} (protocol section 1): every success is a new device with new keys,
 * answered only after the device is committed to the store. With an {@code Idempotency-Key}, a
 * retry with the same body gets the same registration back for {@link #IDEMPOTENCY_WINDOW}.
 */
final class RegisterEndpoint implements Endpoint {
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final StoreCache cache;
    private final DeviceStore devices;
    private final CredentialCheck credentials;
    private final RegistrationSeal seal;
    private final Clock clock;

    RegisterEndpoint(StoreCache cache, DeviceStore devices, CredentialCheck credentials, RegistrationSeal seal,
            Clock clock) {
        this.cache = cache;
        this.devices = devices;
        this.credentials = credentials;
        this.seal = seal;
        this.clock = clock;
    }

    @Override
    public Reply handle(Exchange exchange) {
        RegisterRequest request = Json.decode(exchange.body(), RegisterRequest.class);
        String idempotencyKey = idempotencyKey(exchange);
        AuthParameters product = request.productAuthParameters();
        Attempt attempt = credentials.admit(exchange, product.accessKey());
        long now = clock.millis();
        Optional<ProductKey> key = cache.productKeyForRegistration(product.accessKey(), now);
        credentials.require(attempt, product.secretKey(), key.map(ProductKey::secretHash).orElse(null), true);
        ProductKey productKey = key.get();

        String bodyHash = null;
        if (idempotencyKey != null) {
            bodyHash = bodyHash(request);
            Optional<IdempotentRegistration> earlier =
                    devices.findIdempotentRegistration(productKey.productGuid(), idempotencyKey, product.accessKey(), now);
            if (earlier.isPresent()) {
                return replay(earlier.get(), bodyHash, product, idempotencyKey);
            }
        }

        AuthParameters deviceKeys = Credentials.newKeyPair();
        String deviceGuid = Ids.newTimeOrderedGuid(now);
        byte[] answer = PollIntervalAlias.add(
                GausJson.encode(new RegisterResponse(productKey.pollIntervalSeconds(), deviceKeys)),
                productKey.pollIntervalSeconds());
        NewDevice device = new NewDevice(deviceGuid, productKey.productGuid(), request.deviceId(), deviceKeys, now);
        IdempotentRegistration idempotent = idempotencyKey == null ? null
                : new IdempotentRegistration(productKey.productGuid(), idempotencyKey, bodyHash, deviceGuid,
                        seal.seal(answer, product.accessKey(), product.secretKey(), idempotencyKey),
                        now + IDEMPOTENCY_WINDOW.toMillis());
        Reply success = Reply.json(answer).header("Cache-Control", "no-store");
        // Answered when the writer has committed the device; no thread waits for it meanwhile.
        return Reply.later(devices.register(device, product.accessKey(), idempotent).handle((stored, failure) -> {
            if (failure != null) {
                return afterFailedWrite(failure, idempotent, product, now);
            }
            if (!stored) {
                // The product key was revoked since it was remembered (by the admin CLI, say).
                cache.forgetProductKey(product.accessKey());
                throw credentials.refuse(attempt, product.secretKey());
            }
            return success;
        }));
    }

    /** A write that failed; with an Idempotency-Key, a concurrent retry with that key may have won the race. */
    private Reply afterFailedWrite(Throwable failure, IdempotentRegistration mine, AuthParameters product, long now) {
        if (mine != null && failure instanceof StoreException) {
            Optional<IdempotentRegistration> winner =
                    devices.findIdempotentRegistration(mine.productGuid(), mine.key(), product.accessKey(), now);
            if (winner.isPresent()) {
                return replay(winner.get(), mine.bodyHash(), product, mine.key());
            }
        }
        throw failure instanceof RuntimeException ? (RuntimeException) failure : new StoreException("write failed", failure);
    }

    private Reply replay(IdempotentRegistration earlier, String bodyHash, AuthParameters product, String idempotencyKey) {
        if (!earlier.bodyHash().equals(bodyHash)) {
            throw Problems.idempotencyMismatch();
        }
        byte[] answer = seal.open(earlier.sealed(), product.accessKey(), product.secretKey(), idempotencyKey)
                .orElseThrow(Problems::idempotencyMismatch);
        return Reply.json(answer).header("Cache-Control", "no-store").header("Idempotent-Replayed", "true");
    }

    private static String idempotencyKey(Exchange exchange) {
        String value = exchange.header("Idempotency-Key");
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw Problems.invalidBody("Idempotency-Key must hold 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw Problems.invalidBody("Idempotency-Key must hold printable ASCII characters only");
            }
        }
        return value;
    }

    /** What makes two registrations "the same body": the device and the product key it names. */
    private static String bodyHash(RegisterRequest request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(request.deviceId().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(request.productAuthParameters().accessKey().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}

package dev.gaus.server.internal.auth;

import dev.gaus.core.Credentials;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the answer to an idempotent registration (it holds the new device's secret key) so the
 * store never holds it in the clear. AES-256-GCM under a key derived from the server's seal key
 * AND the product secret of the request: the product secret is stored only as a hash, so even
 * someone holding a copy of the whole store cannot open a sealed answer; a retry, which carries
 * the same product secret, can.
 */
public final class RegistrationSeal {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final byte[] serverKey;

    public RegistrationSeal(byte[] serverKey) {
        this.serverKey = serverKey.clone();
    }

    public String seal(byte[] answer, String productAccessKey, String productSecret, String idempotencyKey) {
        try {
            byte[] nonce = Credentials.randomBytes(NONCE_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(productAccessKey, productSecret, idempotencyKey),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(answer);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The answer, or empty when it cannot be opened with these credentials. */
    public Optional<byte[]> open(String sealed, String productAccessKey, String productSecret, String idempotencyKey) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(productAccessKey, productSecret, idempotencyKey),
                    new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return Optional.of(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private SecretKeySpec key(String accessKey, String secret, String idempotencyKey) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(serverKey, "HmacSHA256"));
        mac.update("gaus-idempotent-registration\0".getBytes(StandardCharsets.UTF_8));
        mac.update(accessKey.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(secret.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(idempotencyKey.getBytes(StandardCharsets.UTF_8));
        return new SecretKeySpec(mac.doFinal(), "AES");
    }
}

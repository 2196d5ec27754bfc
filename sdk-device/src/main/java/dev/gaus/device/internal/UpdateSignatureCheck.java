package dev.gaus.device.internal;

import dev.gaus.core.UpdateKey;
import dev.gaus.core.UpdateSignature;
import dev.gaus.core.UpdateSignatureException;
import dev.gaus.core.VersionScheme;
import dev.gaus.core.message.Update;
import dev.gaus.device.UpdateVerificationException;
import dev.gaus.device.UpdateVerificationException.Check;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a device that trusts update keys checks of an offered update before it downloads a byte
 * (the signed updates extension of protocol.md): a signature by one of its keys over the announced
 * fields, and a version newer than the one it runs. A device that trusts no key checks nothing
 * here, as before the extension.
 *
 * <p>The version the device runs is the {@code <type>-version} parameter of its latest check for
 * updates: that is what it told the server, and what the server chose the offer by.
 */
public final class UpdateSignatureCheck {
    private static final String VERSION_SUFFIX = "-version";

    private final List<UpdateKey> keys;
    private final boolean allowDowngrade;
    private volatile Map<String, String> running = Map.of();

    /**
     * @param keys the keys to trust instead of the device state's, or null for the state's
     * @param allowDowngrade whether a version not newer than the running one may be installed
     */
    public UpdateSignatureCheck(List<UpdateKey> keys, boolean allowDowngrade) {
        this.keys = keys == null ? null : List.copyOf(keys);
        this.allowDowngrade = allowDowngrade;
    }

    /** Remembers the versions the device runs, from the parameters of a check for updates. */
    public void remember(Map<String, String> params) {
        Map<String, String> versions = new HashMap<>();
        params.forEach((key, value) -> {
            if (key.endsWith(VERSION_SUFFIX) && key.length() > VERSION_SUFFIX.length()) {
                versions.put(key.substring(0, key.length() - VERSION_SUFFIX.length()), value);
            }
        });
        running = Map.copyOf(versions);
    }

    /**
     * Refuses an update the keys do not vouch for, or a downgrade, telling {@code phases} of the
     * failed {@code verify} phase (a device reports it).
     *
     * @param stateKeys the keys of the device's state, asked only when the builder gave none
     * @param productGuid the device's own productGUID (from its authentication), asked only when
     *     there is a signature to check
     * @return the SHA-256 the downloaded file must have, or null when no key is trusted
     * @throws UpdateVerificationException with {@link Check#SIGNATURE} or {@link Check#DOWNGRADE}
     */
    public String check(Update update, Supplier<List<UpdateKey>> stateKeys, Supplier<String> productGuid,
            UpdateDownloader.PhaseListener phases) {
        try {
            return check(update, keys != null ? keys : stateKeys.get(), productGuid);
        } catch (UpdateVerificationException e) {
            phases.ended("verify", e);
            throw e;
        }
    }

    private String check(Update update, List<UpdateKey> keys, Supplier<String> productGuid) {
        if (keys.isEmpty()) {
            return null;
        }
        String what = "update " + printable(update.updateId()) + " (" + printable(update.updateType()) + " "
                + printable(update.version()) + ")";
        String ids = String.join(", ", keys.stream().map(UpdateKey::id).toList());
        String signature = update.metadata().get(UpdateSignature.SIGNATURE_METADATA_KEY);
        if (signature == null) {
            throw refused(update, Check.SIGNATURE, what + " is not signed; this device installs only updates signed"
                    + " by one of its keys (" + ids + ")");
        }
        String keyId = update.metadata().get(UpdateSignature.KEY_ID_METADATA_KEY);
        if (keyId == null) {
            throw refused(update, Check.SIGNATURE, what + " names no signing key (metadata "
                    + UpdateSignature.KEY_ID_METADATA_KEY + ")");
        }
        UpdateKey key = keys.stream().filter(k -> k.id().equals(keyId)).findFirst().orElseThrow(() -> refused(update,
                Check.SIGNATURE, what + " is signed by key " + printable(keyId) + ", which this device does not trust"
                        + " (it trusts " + ids + ")"));
        UpdateSignature.Fields fields;
        try {
            fields = UpdateSignature.Fields.announced(productGuid.get(), update);
            if (!UpdateSignature.verify(fields, signature, key)) {
                throw refused(update, Check.SIGNATURE, what + ": the signature by key " + keyId + " does not cover the"
                        + " announced product, type, version, version scheme, size and SHA-256");
            }
        } catch (UpdateSignatureException e) {
            throw refused(update, Check.SIGNATURE, what + " cannot be verified: " + e.getMessage());
        }
        refuseDowngrade(update, fields.versionScheme(), what);
        return fields.sha256();
    }

    private void refuseDowngrade(Update update, VersionScheme scheme, String what) {
        String current = running.get(update.updateType());
        if (current == null || allowDowngrade) {
            return;
        }
        String schemeName = scheme.name().toLowerCase(Locale.ROOT);
        boolean newer;
        try {
            newer = scheme.isValid(current) && scheme.isValid(update.version()) && scheme.isNewer(update.version(), current);
        } catch (IllegalArgumentException e) {
            newer = false;
        }
        if (!newer) {
            throw refused(update, Check.DOWNGRADE, what + " is not newer than the " + update.updateType() + " "
                    + printable(current) + " this device runs (by " + schemeName + "); downgrades must be allowed explicitly");
        }
    }

    private static UpdateVerificationException refused(Update update, Check check, String message) {
        return new UpdateVerificationException(update.updateId(), check, message);
    }

    /** A value from the server or the caller, quoted so that it cannot break the line. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> b.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
        return b.toString();
    }
}

package dev.gaus.device;

import dev.gaus.core.UpdateKey;
import dev.gaus.core.message.AuthParameters;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a registered device keeps for life in {@code device.data}.
 *
 * @param deviceId the vendor's id of the device
 * @param deviceAuthParameters the device's own keys, issued by {@code /register}
 * @param serverUrl the GAUS server the device registered with
 * @param clientVersion the version of the client software that registered it
 * @param pollIntervalSeconds how often to check for updates, as the server last said
 * @param caCertificate a PEM file of the CA that signs the server's certificate, or null for
 *     the JDK's trust store
 * @param updateKeys the public keys the device trusts for signed updates ({@code GAUS_UPDATE_KEYS});
 *     empty when it verifies no signature
 */
public record DeviceState(
        String deviceId,
        AuthParameters deviceAuthParameters,
        URI serverUrl,
        String clientVersion,
        long pollIntervalSeconds,
        Path caCertificate,
        List<UpdateKey> updateKeys) {

    public DeviceState {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(deviceAuthParameters, "deviceAuthParameters");
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(clientVersion, "clientVersion");
        if (pollIntervalSeconds <= 0) {
            throw new IllegalArgumentException("pollIntervalSeconds must be positive");
        }
        updateKeys = updateKeys == null ? List.of() : List.copyOf(updateKeys);
    }

    /** A state that trusts no update key. */
    public DeviceState(String deviceId, AuthParameters deviceAuthParameters, URI serverUrl, String clientVersion,
            long pollIntervalSeconds, Path caCertificate) {
        this(deviceId, deviceAuthParameters, serverUrl, clientVersion, pollIntervalSeconds, caCertificate, List.of());
    }

    /** The same state with another poll interval. */
    public DeviceState withPollIntervalSeconds(long seconds) {
        return new DeviceState(deviceId, deviceAuthParameters, serverUrl, clientVersion, seconds, caCertificate,
                updateKeys);
    }

    @Override
    public String toString() {
        // AuthParameters.toString() redacts the secret key.
        return "DeviceState[deviceId=" + deviceId + ", deviceAuthParameters=" + deviceAuthParameters
                + ", serverUrl=" + serverUrl + ", clientVersion=" + clientVersion
                + ", pollIntervalSeconds=" + pollIntervalSeconds + ", caCertificate=" + caCertificate
                + ", updateKeys=" + updateKeys.stream().map(UpdateKey::id).toList() + "]";
    }
}

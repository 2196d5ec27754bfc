package dev.gaus.device.internal;

import dev.gaus.core.UpdateKey;
import dev.gaus.core.internal.BootstrapFile;
import dev.gaus.core.internal.BootstrapFileException;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausClientException.Reason;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * What a device needs to register: the server, the product keys and, optionally, its deviceId,
 * a CA certificate and the keys it trusts for signed updates. Read from {@code bootstrap.conf} or
 * given as values.
 */
public record Bootstrap(URI serverUrl, AuthParameters productAuthParameters, String deviceId, Path caCertificate,
        List<UpdateKey> updateKeys) {

    public Bootstrap {
        updateKeys = updateKeys == null ? List.of() : List.copyOf(updateKeys);
    }

    /** A bootstrap that names no update key. */
    public Bootstrap(URI serverUrl, AuthParameters productAuthParameters, String deviceId, Path caCertificate) {
        this(serverUrl, productAuthParameters, deviceId, caCertificate, List.of());
    }

    /** Reads a {@code bootstrap.conf}; a relative {@code GAUS_CA_CERT} is taken from the file's folder. */
    public static Bootstrap read(Path file) {
        try {
            BootstrapFile values = BootstrapFile.read(file);
            return new Bootstrap(values.requireServerUrl(), values.requireProductKeys(),
                    values.deviceId().orElse(null), values.caCertificate().orElse(null), values.updateKeys());
        } catch (UncheckedIOException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "cannot read bootstrap file " + file, e.getCause());
        } catch (BootstrapFileException e) {
            throw new GausClientException(Reason.LOCAL_STATE, e.getMessage(), e);
        }
    }
}

package dev.gaus.device.internal;

import dev.gaus.core.internal.BootstrapFile;
import dev.gaus.core.internal.BootstrapFileException;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausClientException.Reason;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * What a device needs to register: the server, the product keys and, optionally, its deviceId
 * and a CA certificate. Read from {@code bootstrap.conf} or given as values.
 */
public record Bootstrap(URI serverUrl, AuthParameters productAuthParameters, String deviceId, Path caCertificate) {

    /** Reads a {@code bootstrap.conf}; a relative {@code GAUS_CA_CERT} is taken from the file's folder. */
    public static Bootstrap read(Path file) {
        try {
            BootstrapFile values = BootstrapFile.read(file);
            return new Bootstrap(values.requireServerUrl(), values.requireProductKeys(),
                    values.deviceId().orElse(null), values.caCertificate().orElse(null));
        } catch (UncheckedIOException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "cannot read bootstrap file " + file, e.getCause());
        } catch (BootstrapFileException e) {
            throw new GausClientException(Reason.LOCAL_STATE, e.getMessage(), e);
        }
    }
}

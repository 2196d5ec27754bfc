package dev.gaus.device.internal;

import static dev.gaus.core.KeyValueFile.DEVICEID;
import static dev.gaus.core.KeyValueFile.GAUS_CA_CERT;
import static dev.gaus.core.KeyValueFile.GAUS_URL;
import static dev.gaus.core.KeyValueFile.PRODUCT_ACCESS_KEY;
import static dev.gaus.core.KeyValueFile.PRODUCT_SECRET_KEY;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausClientException.Reason;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a device needs to register: the server, the product keys and, optionally, its deviceId
 * and a CA certificate. Read from {@code bootstrap.conf} or given as values.
 */
public record Bootstrap(URI serverUrl, AuthParameters productAuthParameters, String deviceId, Path caCertificate) {

    /** Reads a {@code bootstrap.conf}; a relative {@code GAUS_CA_CERT} is taken from the file's folder. */
    public static Bootstrap read(Path file) {
        Map<String, String> values;
        try {
            values = KeyValueFile.read(file);
        } catch (UncheckedIOException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "cannot read bootstrap file " + file, e.getCause());
        }
        String url = required(values, GAUS_URL, file);
        AuthParameters product = new AuthParameters(required(values, PRODUCT_ACCESS_KEY, file),
                required(values, PRODUCT_SECRET_KEY, file));
        String ca = values.get(GAUS_CA_CERT);
        Path caPath = ca == null || ca.isEmpty() ? null : resolve(file, ca);
        String deviceId = values.get(DEVICEID);
        return new Bootstrap(parseUrl(url, file, GAUS_URL), product, deviceId == null || deviceId.isEmpty() ? null : deviceId,
                caPath);
    }

    static String required(Map<String, String> values, String key, Path file) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            throw new GausClientException(Reason.LOCAL_STATE, file + ": " + key + " is missing or empty");
        }
        return v;
    }

    static URI parseUrl(String url, Path file, String key) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new GausClientException(Reason.LOCAL_STATE, file + ": " + key + " is not an http(s) URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new GausClientException(Reason.LOCAL_STATE, file + ": " + key + " is not a URL");
        }
    }

    static Path resolve(Path file, String path) {
        Path p = Path.of(path);
        Path dir = file.toAbsolutePath().getParent();
        return p.isAbsolute() || dir == null ? p : dir.resolve(p);
    }
}

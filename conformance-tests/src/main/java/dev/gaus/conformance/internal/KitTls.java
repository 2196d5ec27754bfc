package dev.gaus.conformance.internal;

import dev.gaus.conformance.KitException;
import dev.gaus.core.internal.TlsRefusal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The kit's TLS: the platform's CAs, or only those of a {@code --ca-cert} PEM file (never
 * JVM-wide), always with the host name checked; and a refused handshake told as the check that
 * refused it, read by sdk-core's {@link TlsRefusal} as the device SDK reads it.
 */
public final class KitTls {
    private KitTls() {}

    /** A context trusting only the CA certificates in {@code pemFile}. */
    public static SSLContext trusting(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new KitException("no certificate in the CA file " + pemFile);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : certs) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new KitException("cannot read the CA file " + pemFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new KitException("the CA file " + pemFile + " holds no usable PEM certificate: " + e.getMessage());
        }
    }

    /** The host name is checked against the certificate whatever JDK property says otherwise. */
    public static SSLParameters parameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        return parameters;
    }

    /**
     * A refused handshake in the kit's words: which check refused it and, where there is
     * something to do about it, what.
     */
    public static String describe(TlsRefusal refusal, Throwable failure) {
        String refused = "TLS handshake refused: " + refusal.description();
        switch (refusal) {
            case NOT_TLS:
                return refusal.description();
            case UNKNOWN_ISSUER:
                return refused + "; give its CA certificate with --ca-cert (or GAUS_CA_CERT in the --bootstrap file)";
            case WRONG_HOST:
                return refused + "; use a URL with a name it lists";
            case PROTOCOL:
                return refused + " (the kit speaks TLS 1.2 and 1.3)";
            case OTHER:
                return refused + (failure.getMessage() == null ? ""
                        : " (" + failure.getMessage().replaceAll("[\\r\\n]+", " ") + ")");
            default:
                return refused;
        }
    }
}

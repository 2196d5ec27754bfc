package dev.gaus.device.internal;

import dev.gaus.device.GausClientException;
import dev.gaus.device.GausClientException.Reason;
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
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts that trust the CA certificates of a PEM file (bootstrap key {@code GAUS_CA_CERT}). */
public final class TlsContexts {
    private TlsContexts() {}

    public static SSLContext trusting(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new GausClientException(Reason.LOCAL_STATE, "no certificate in " + pemFile);
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
            throw new GausClientException(Reason.LOCAL_STATE, "cannot read CA certificate " + pemFile, e);
        } catch (GeneralSecurityException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "not a usable CA certificate: " + pemFile, e);
        }
    }
}

package dev.gaus.conformance.internal;

import dev.gaus.conformance.KitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The kit's TLS: the platform's CAs, or only those of a {@code --ca-cert} PEM file (never
 * JVM-wide), always with the host name checked; and a failed handshake told as the check that
 * refused it, the same words the device SDK uses.
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

    /** True when {@code e} is a failed TLS handshake rather than a network failure. */
    public static boolean isHandshakeFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    /** Which check refused the handshake, in words, with what to do about it where there is something. */
    public static String describe(Throwable failure) {
        String found = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "the server's certificate has expired";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "the server's certificate is not valid yet (check this machine's clock)";
            }
            if (t instanceof CertPathValidatorException) {
                var reason = ((CertPathValidatorException) t).getReason();
                if (reason == CertPathValidatorException.BasicReason.EXPIRED) {
                    return "the server's certificate has expired";
                }
                if (reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                    return "the server's certificate is not valid yet (check this machine's clock)";
                }
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (found == null && (message.contains("no subject alternative") || message.contains("no name matching"))) {
                found = "the server's certificate does not name this host; use a URL with a name it lists";
            }
            if (found == null && (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                    || message.contains("unable to find valid certification path"))) {
                found = "the server's certificate is not issued by a trusted CA; give its CA certificate with --ca-cert"
                        + " (or GAUS_CA_CERT in the --bootstrap file)";
            }
            if (found == null && (message.contains("no appropriate protocol") || message.contains("protocol_version")
                    || message.contains("handshake_failure"))) {
                found = "no TLS version or cipher suite in common with the server (the kit speaks TLS 1.2 and 1.3)";
            }
        }
        if (found != null) {
            return found;
        }
        String message = failure.getMessage();
        return "the TLS handshake failed" + (message == null ? "" : " (" + message.replaceAll("[\\r\\n]+", " ") + ")");
    }

    /** Connecting with TLS to something that does not speak it, e.g. an https URL on a plain-HTTP port. */
    public static boolean isNotTls(Throwable e) {
        return e instanceof SSLException && e.getMessage() != null
                && e.getMessage().toLowerCase(Locale.ROOT).contains("unrecognized ssl message");
    }
}

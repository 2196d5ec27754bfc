package dev.gaus.device.internal;

import dev.gaus.core.internal.PinMismatchException;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausClientException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS context of one client: the platform's CAs by default, or only the CA certificates of a
 * PEM file (bootstrap key {@code GAUS_CA_CERT}); optionally pinned public keys on top. Nothing is
 * set JVM-wide. Hostname verification is requested in {@link #parameters()} and is done by the
 * JDK's own trust manager, which the pinning one only adds a check to.
 */
public final class TlsContexts {
    /** TLS 1.3 and 1.2: what the reference server speaks; 1.1 and older are broken. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {}

    /** Trusts only the CA certificates in {@code pemFile}. */
    public static SSLContext trusting(Path pemFile) {
        return create(pemFile, PublicKeyPins.of(List.of()));
    }

    /**
     * @param pemFile CA certificates to trust instead of the platform's, or null for the platform's
     * @param pins public keys one of which the chain must hold; empty for no pinning
     */
    public static SSLContext create(Path pemFile, PublicKeyPins pins) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(pemFile == null ? null : caStore(pemFile));
            X509ExtendedTrustManager trust = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager) {
                    trust = (X509ExtendedTrustManager) tm;
                }
            }
            if (trust == null) {
                throw new GausClientException(Reason.LOCAL_STATE, "this JDK has no X.509 trust manager");
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {pins.isEmpty() ? trust : new Pinning(trust, pins)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "cannot set up TLS"
                    + (pemFile == null ? "" : " with " + pemFile) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The platform's default context, made when a first TLS connection needs it. The JDK's
     * HttpClient takes its context when it is built, and making the default one loads and parses
     * the platform's CA store, a tenth of a second that a client of a plain-HTTP server never needs.
     */
    public static SSLContext platformDefault() {
        return new SSLContext(new LazyDefault(), null, "Default") { };
    }

    private static final class LazyDefault extends SSLContextSpi {
        private volatile SSLContext context;

        private SSLContext context() {
            SSLContext c = context;
            if (c == null) {
                try {
                    c = SSLContext.getDefault();
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("this JDK has no default TLS context", e);
                }
                context = c;
            }
            return c;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
            throw new KeyManagementException("the default context is initialised by the JDK");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return context().getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return context().getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return context().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return context().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return context().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return context().getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return context().getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return context().getSupportedSSLParameters();
        }
    }

    /** What every connection asks for: the host name checked against the certificate, TLS 1.2+. */
    public static SSLParameters parameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setProtocols(PROTOCOLS);
        return parameters;
    }

    private static KeyStore caStore(Path pemFile) throws GeneralSecurityException {
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
            return store;
        } catch (IOException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "cannot read CA certificate " + pemFile, e);
        } catch (CertificateException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "not a usable CA certificate: " + pemFile, e);
        }
    }

    /**
     * The JDK's checks first (chain, dates, host name), then the pin: a pin narrows what is
     * trusted, it never replaces a check.
     */
    private static final class Pinning extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final PublicKeyPins pins;

        Pinning(X509ExtendedTrustManager delegate, PublicKeyPins pins) {
            this.delegate = delegate;
            this.pins = pins;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
            checkPins(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
            checkPins(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
            checkPins(chain);
        }

        private void checkPins(X509Certificate[] chain) throws CertificateException {
            for (X509Certificate cert : chain) {
                if (pins.matches(cert.getPublicKey())) {
                    return;
                }
            }
            throw new PinMismatchException("the server's key is sha256//"
                    + PublicKeyPins.base64PinOf(chain[0].getPublicKey()));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}

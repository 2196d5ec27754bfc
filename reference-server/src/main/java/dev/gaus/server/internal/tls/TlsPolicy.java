package dev.gaus.server.internal.tls;

import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The TLS the server speaks: TLS 1.3 and 1.2 only, and on 1.2 only forward-secret AEAD suites
 * (ECDHE with AES-GCM or ChaCha20-Poly1305), which is also what HTTP/2 requires (RFC 9113 §9.2).
 * Client certificates are not asked for: devices prove who they are with their keys.
 */
public final class TlsPolicy {
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    public static final String[] CIPHER_SUITES = {
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    };

    private TlsPolicy() {}

    /** A Jetty TLS engine with this policy, serving {@code identity} as loaded now. */
    public static SslContextFactory.Server serverContext(ServerIdentity identity) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(identity.load());
        ssl.setKeyStorePassword(identity.password());
        ssl.setKeyManagerPassword(identity.password());
        ssl.setIncludeProtocols(PROTOCOLS);
        ssl.setIncludeCipherSuites(CIPHER_SUITES);
        ssl.setUseCipherSuitesOrder(true);
        // Clients check the certificate against the host they asked for; the server does not
        // refuse requests whose SNI names another host (a device may use a name the certificate
        // lists under another spelling, and IP-address URLs send no SNI at all).
        ssl.setSniRequired(false);
        ssl.setRenegotiationAllowed(false);
        return ssl;
    }
}

package dev.gaus.server.testing;

import dev.gaus.server.internal.tls.CertificateMaker;
import dev.gaus.server.internal.tls.CertificateMaker.Issued;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A certificate made at test time with its key pair: a CA, or a server certificate a CA signed.
 * For the tests of every module (it is in the reference server's test fixtures), so that none of
 * them reaches into the server's internals.
 */
public record TestCertificate(X509Certificate certificate, KeyPair keyPair) {
    /** A CA valid from {@code notBefore} to {@code notAfter}. */
    public static TestCertificate ca(String commonName, Instant notBefore, Instant notAfter) {
        return of(CertificateMaker.newCa(commonName, notBefore, notAfter));
    }

    /** A server certificate for {@code hosts} (names or IP addresses) signed by this CA. */
    public TestCertificate issueServer(List<String> hosts, Instant notBefore, Instant notAfter) {
        return of(CertificateMaker.issueServer(issued(), hosts, notBefore, notAfter));
    }

    /** A server certificate for {@code hosts} with the given key pair (an RSA one, say), signed by this CA. */
    public TestCertificate issueServer(KeyPair keys, List<String> hosts, Instant notBefore, Instant notAfter) {
        return of(CertificateMaker.issueServer(issued(), keys, hosts, notBefore, notAfter));
    }

    public String certificatePem() {
        return issued().certificatePem();
    }

    /** The private key as PKCS#8 PEM. */
    public String privateKeyPem() {
        return issued().privateKeyPem();
    }

    /** The private key in the traditional OpenSSL form of its algorithm (PKCS#1 for RSA). */
    public String traditionalPrivateKeyPem() {
        return CertificateMaker.pem(keyPair);
    }

    private Issued issued() {
        return new Issued(certificate, keyPair);
    }

    private static TestCertificate of(Issued issued) {
        return new TestCertificate(issued.certificate(), issued.keyPair());
    }
}

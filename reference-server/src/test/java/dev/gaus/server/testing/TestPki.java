package dev.gaus.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Certificates made at test time: a CA and the server certificates it signs, written as PEM files. */
public final class TestPki {
    private TestPki() {}

    public static TestCertificate ca(String name) {
        Instant now = Instant.now();
        return TestCertificate.ca(name, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
    }

    /** Valid now for localhost and 127.0.0.1. */
    public static TestCertificate server(TestCertificate ca) {
        return server(ca, List.of("localhost", "127.0.0.1"));
    }

    public static TestCertificate server(TestCertificate ca, List<String> hosts) {
        Instant now = Instant.now();
        return ca.issueServer(hosts, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
    }

    /** Valid now for localhost and 127.0.0.1, with a 2048-bit RSA key instead of an EC one. */
    public static TestCertificate rsaServer(TestCertificate ca) {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            Instant now = Instant.now();
            return ca.issueServer(rsa.generateKeyPair(), List.of("localhost", "127.0.0.1"),
                    now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For localhost and 127.0.0.1, but expired yesterday. */
    public static TestCertificate expiredServer(TestCertificate ca) {
        Instant now = Instant.now();
        return ca.issueServer(List.of("localhost", "127.0.0.1"), now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1)));
    }

    /** Writes {@code cert.pem} (leaf then CA) and {@code key.pem} into {@code dir}; returns them. */
    public static Path[] writePem(TestCertificate server, TestCertificate ca, Path dir) {
        try {
            Files.createDirectories(dir);
            Path cert = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            Files.writeString(cert, server.certificatePem() + ca.certificatePem());
            Files.writeString(key, server.privateKeyPem());
            return new Path[] {cert, key};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Like {@link #writePem}, with the key in the traditional OpenSSL form of its algorithm
     * ({@code BEGIN RSA PRIVATE KEY}, PKCS#1, for RSA) rather than PKCS#8.
     */
    public static Path[] writeTraditionalPem(TestCertificate server, TestCertificate ca, Path dir) {
        Path[] files = writePem(server, ca, dir);
        try {
            Files.writeString(files[1], server.traditionalPrivateKeyPem());
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path writeCa(TestCertificate ca, Path file) {
        try {
            Files.writeString(file, ca.certificatePem());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TLS context trusting only {@code ca}, with the JDK's hostname checks. */
    public static SSLContext trusting(TestCertificate ca) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#12 key store with the server's key and chain. */
    public static Path writePkcs12(TestCertificate server, TestCertificate ca, Path file, String password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", server.keyPair().getPrivate(), password.toCharArray(),
                    new Certificate[] {server.certificate(), ca.certificate()});
            try (var out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

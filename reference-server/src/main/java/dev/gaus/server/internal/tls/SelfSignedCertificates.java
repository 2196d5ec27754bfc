package dev.gaus.server.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development CA and server certificate of {@code serve --tls-self-signed}, made once in the
 * data dir: {@code gaus-ca.pem} (the CA certificate devices trust, beside {@code bootstrap.conf})
 * and {@code tls/} with the CA key, the server certificate chain and its key (mode 0600). A server
 * certificate that is missing, or expires within {@link #RENEW_BEFORE}, is issued anew by the
 * same CA, so devices keep trusting it.
 */
public final class SelfSignedCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificates.class);
    public static final String CA_FILE = "gaus-ca.pem";
    public static final List<String> HOSTS = List.of("localhost", "127.0.0.1", "::1");
    static final Duration CA_LIFETIME = Duration.ofDays(3650);
    /** The longest lifetime browsers and most TLS stacks accept for a server certificate. */
    static final Duration SERVER_LIFETIME = Duration.ofDays(397);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final Path caCertificate;
    private final ServerIdentity identity;

    private SelfSignedCertificates(Path caCertificate, ServerIdentity identity) {
        this.caCertificate = caCertificate;
        this.identity = identity;
    }

    /** The CA certificate file devices are told to trust ({@code GAUS_CA_CERT}). */
    public Path caCertificate() {
        return caCertificate;
    }

    public ServerIdentity identity() {
        return identity;
    }

    /** Makes what is missing in {@code dataDir} and returns the files to serve with. */
    public static SelfSignedCertificates ensure(Path dataDir, Instant now) {
        Path dir = dataDir.resolve("tls");
        Path caCert = dataDir.resolve(CA_FILE);
        Path caKey = dir.resolve("ca-key.pem");
        Path serverCert = dir.resolve("server.pem");
        Path serverKey = dir.resolve("server-key.pem");
        try {
            Files.createDirectories(dir);
            CertificateMaker.Issued ca;
            if (Files.isRegularFile(caCert) && Files.isRegularFile(caKey)) {
                ca = new CertificateMaker.Issued(readCertificate(caCert), readKeyPair(caCert, caKey));
            } else {
                ca = CertificateMaker.newCa("GAUS development CA", now.minus(Duration.ofMinutes(5)),
                        now.plus(CA_LIFETIME));
                write(caKey, ca.privateKeyPem(), "rw-------");
                write(caCert, ca.certificatePem(), "rw-r--r--");
                LOG.info("created a development CA; devices trust it with GAUS_CA_CERT={}", caCert.toAbsolutePath().normalize());
            }
            if (!Files.isRegularFile(serverCert) || !Files.isRegularFile(serverKey)
                    || readCertificate(serverCert).getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE))) {
                CertificateMaker.Issued server = CertificateMaker.issueServer(ca, HOSTS,
                        now.minus(Duration.ofMinutes(5)), now.plus(SERVER_LIFETIME));
                write(serverKey, server.privateKeyPem(), "rw-------");
                write(serverCert, server.certificatePem() + ca.certificatePem(), "rw-------");
                LOG.info("issued a server certificate for {} from the development CA", HOSTS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the self-signed certificates in " + dir, e);
        }
        return new SelfSignedCertificates(caCert.toAbsolutePath().normalize(), ServerIdentity.pem(serverCert, serverKey));
    }

    private static X509Certificate readCertificate(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigurationException(file + " is not a PEM certificate: " + e.getMessage());
        }
    }

    private static KeyPair readKeyPair(Path certificate, Path key) throws IOException {
        var store = ServerIdentity.pem(certificate, key).load();
        try {
            var entry = store.getKey(ServerIdentity.ALIAS, ServerIdentity.IN_MEMORY_PASSWORD.toCharArray());
            return new KeyPair(store.getCertificate(ServerIdentity.ALIAS).getPublicKey(),
                    (PrivateKey) entry);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigurationException("cannot read the CA key " + key + ": " + e.getMessage());
        }
    }

    /**
     * Temp file with its final mode from the start, then an atomic rename: never a torn or
     * readable key. The CA certificate is public (0644): devices on the machine read it.
     */
    private static void write(Path file, String text, String mode) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

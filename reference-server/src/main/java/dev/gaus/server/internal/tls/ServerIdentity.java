package dev.gaus.server.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Where the server's certificate and private key come from: a PEM certificate chain with a PEM
 * key (PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted), or a PKCS#12 key store. {@link #load()}
 * reads the files anew each time, which is how a rotated certificate is picked up.
 */
public sealed interface ServerIdentity {
    /** The alias and password of the in-memory key store handed to the TLS engine. */
    String ALIAS = "gaus-server";
    String IN_MEMORY_PASSWORD = "in-memory";

    /** The files to watch for changes. */
    List<Path> files();

    /** A key store with one private key entry, protected by {@link #IN_MEMORY_PASSWORD}. */
    KeyStore load();

    /** The password of the key store {@link #load()} returns. */
    default String password() {
        return IN_MEMORY_PASSWORD;
    }

    static ServerIdentity pem(Path certificateChain, Path privateKey) {
        return new Pem(certificateChain, privateKey);
    }

    static ServerIdentity pkcs12(Path keyStore, String password) {
        return new Pkcs12(keyStore, password);
    }

    /** A PEM certificate chain (leaf first) and its PEM private key. */
    record Pem(Path certificateChain, Path privateKey) implements ServerIdentity {
        public Pem {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
        }

        @Override
        public List<Path> files() {
            return List.of(certificateChain, privateKey);
        }

        @Override
        public KeyStore load() {
            List<Certificate> chain = readChain(certificateChain);
            PrivateKey key = readKey(privateKey);
            if (!belongTogether(key, chain.get(0).getPublicKey())) {
                throw new TlsConfigurationException(privateKey + " is not the key of the first certificate in "
                        + certificateChain + " (the chain must start with the server's own certificate)");
            }
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(ALIAS, key, IN_MEMORY_PASSWORD.toCharArray(), chain.toArray(Certificate[]::new));
                return store;
            } catch (IOException | GeneralSecurityException e) {
                throw new TlsConfigurationException("cannot use " + certificateChain + " with " + privateKey + ": "
                        + e.getMessage());
            }
        }

        /** Signs a probe with the private key and verifies it with the certificate's public key. */
        private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
            if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
                return false;
            }
            String algorithm;
            switch (key.getAlgorithm()) {
                case "EC":
                    algorithm = "SHA256withECDSA";
                    break;
                case "RSA":
                    algorithm = "SHA256withRSA";
                    break;
                case "RSASSA-PSS":
                    algorithm = "RSASSA-PSS";
                    break;
                default:
                    algorithm = key.getAlgorithm();
            }
            try {
                byte[] probe = "gaus-key-check".getBytes(StandardCharsets.US_ASCII);
                Signature signer = Signature.getInstance(algorithm);
                if (algorithm.equals("RSASSA-PSS")) {
                    signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1",
                            MGF1ParameterSpec.SHA256, 32, 1));
                }
                signer.initSign(key);
                signer.update(probe);
                byte[] signature = signer.sign();
                signer.initVerify(publicKey);
                signer.update(probe);
                return signer.verify(signature);
            } catch (GeneralSecurityException e) {
                // A key type the probe cannot handle: leave the check to the first handshake.
                return true;
            }
        }

        private static List<Certificate> readChain(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                List<Certificate> chain = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
                if (chain.isEmpty()) {
                    throw new TlsConfigurationException("no certificate in " + file);
                }
                return Collections.unmodifiableList(chain);
            } catch (IOException e) {
                throw new TlsConfigurationException("cannot read the certificate " + file + ": " + e.getMessage());
            } catch (GeneralSecurityException e) {
                throw new TlsConfigurationException(file + " is not a PEM certificate: " + e.getMessage());
            }
        }

        private static PrivateKey readKey(Path file) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                    PEMParser parser = new PEMParser(reader)) {
                Object object = parser.readObject();
                JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
                if (object instanceof PEMKeyPair) {
                    return converter.getKeyPair((PEMKeyPair) object).getPrivate();
                }
                if (object instanceof PrivateKeyInfo) {
                    return converter.getPrivateKey((PrivateKeyInfo) object);
                }
                if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new TlsConfigurationException(file + " is an encrypted key; give an unencrypted PEM key"
                            + " (readable by the server's user only) or a PKCS#12 key store with its password");
                }
                throw new TlsConfigurationException("no private key in " + file);
            } catch (IOException | RuntimeException e) {
                if (e instanceof TlsConfigurationException) {
                    throw (TlsConfigurationException) e;
                }
                throw new TlsConfigurationException("cannot read the private key " + file + ": " + e.getMessage());
            }
        }
    }

    /** A PKCS#12 key store holding one private key entry. */
    record Pkcs12(Path keyStore, String storePassword) implements ServerIdentity {
        public Pkcs12 {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(storePassword, "storePassword");
        }

        @Override
        public List<Path> files() {
            return List.of(keyStore);
        }

        @Override
        public KeyStore load() {
            try (InputStream in = Files.newInputStream(keyStore)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, storePassword.toCharArray());
                boolean hasKey = false;
                for (String alias : Collections.list(store.aliases())) {
                    hasKey |= store.isKeyEntry(alias);
                }
                if (!hasKey) {
                    throw new TlsConfigurationException("no private key entry in the key store " + keyStore);
                }
                return store;
            } catch (IOException e) {
                throw new TlsConfigurationException("cannot read the key store " + keyStore
                        + " (wrong password or not PKCS#12): " + e.getMessage());
            } catch (GeneralSecurityException e) {
                throw new TlsConfigurationException("cannot use the key store " + keyStore + ": " + e.getMessage());
            }
        }

        @Override
        public String password() {
            return storePassword;
        }

        @Override
        public String toString() {
            return "Pkcs12[" + keyStore + "]";
        }
    }
}

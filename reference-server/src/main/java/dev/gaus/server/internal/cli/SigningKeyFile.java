package dev.gaus.server.internal.cli;

import dev.gaus.core.UpdateKey;
import dev.gaus.core.UpdateSignature;
import dev.gaus.core.UpdateSignatureException;
import dev.gaus.core.VersionScheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An update signing key on disk: a PEM file holding the Ed25519 private key (PKCS#8,
 * {@code PRIVATE KEY}) and its public key ({@code PUBLIC KEY}), readable by its owner only.
 *
 * <p>The public key is kept beside the private one because the JDK cannot derive it from the
 * private key, and the key id a signature names is the public key's. A key made elsewhere (by
 * {@code openssl genpkey -algorithm ed25519}) is used by appending its public key
 * ({@code openssl pkey -in FILE -pubout >> FILE}). Messages name the file, never key material.
 */
final class SigningKeyFile {
    private static final Pattern PRIVATE = block("PRIVATE KEY");
    private static final Pattern PUBLIC = block("PUBLIC KEY");

    private final PrivateKey privateKey;
    private final UpdateKey publicKey;

    private SigningKeyFile(PrivateKey privateKey, UpdateKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    private static Pattern block(String label) {
        return Pattern.compile("-----BEGIN " + label + "-----([A-Za-z0-9+/=\\s]*)-----END " + label + "-----");
    }

    /** Makes a new key pair and writes it to {@code file}, which must not exist: a key is never overwritten. */
    static SigningKeyFile generate(Path file) {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make Ed25519 keys", e);
        }
        String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
        writeOwnerOnly(file, pem.getBytes(StandardCharsets.US_ASCII));
        return new SigningKeyFile(pair.getPrivate(), UpdateKey.of(pair.getPublic()));
    }

    /** Reads a key file, checking that its public key is the one of its private key. */
    static SigningKeyFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such signing key file: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key file " + file, e);
        }
        PrivateKey privateKey;
        PublicKey publicKey;
        try {
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(decode(PRIVATE, text, file, "PRIVATE KEY")));
            publicKey = keys.generatePublic(new X509EncodedKeySpec(decode(PUBLIC, text, file, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            // The JDK's message is left out: it may describe the private key's bytes.
            throw new IllegalArgumentException(file + " does not hold an Ed25519 key pair");
        }
        SigningKeyFile key = new SigningKeyFile(privateKey, UpdateKey.of(publicKey));
        // A public key pasted from another pair would make every signature fail on the devices.
        UpdateSignature.Fields probe = new UpdateSignature.Fields("p", "t", "1", VersionScheme.STRING, 0, "0".repeat(64));
        if (!UpdateSignature.verify(probe, key.sign(probe), key.publicKey)) {
            throw new IllegalArgumentException("the PUBLIC KEY of " + file + " is not the one of its PRIVATE KEY");
        }
        return key;
    }

    private static byte[] decode(Pattern block, String text, Path file, String label) {
        Matcher m = block.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException(file + " holds no PEM " + label + (label.equals("PUBLIC KEY")
                    ? " (append it: openssl pkey -in " + file + " -pubout >> " + file + ")" : ""));
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + label + " of " + file + " is not base64");
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static void writeOwnerOnly(Path file, byte[] content) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            FileAttribute<?>[] ownerOnly = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), ownerOnly)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(file + " exists already: a signing key is never overwritten");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the signing key file " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** The public key, as devices trust it. */
    UpdateKey publicKey() {
        return publicKey;
    }

    /** The signature of the fields, in base64. */
    String sign(UpdateSignature.Fields fields) {
        try {
            return UpdateSignature.sign(fields, privateKey);
        } catch (UpdateSignatureException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}

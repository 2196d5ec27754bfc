package dev.gaus.server.internal.store;

import dev.gaus.server.internal.store.StoreRecords.FileDigest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Where the bytes of update files are kept, addressed by their SHA-256; the engine's dialect
 * picks one: {@link DiskUpdateFiles} beside a SQLite file, {@link DatabaseUpdateFiles} in a
 * PostgreSQL database (so that every instance sharing it serves them). The row in
 * {@code update_file} is the same for both, written in the publishing transaction.
 */
interface UpdateFiles {
    Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** A file read and hashed, ready to be recorded: on disk already, or its bytes for the database. */
    record Staged(FileDigest digest, byte[] content) {
    }

    /**
     * Reads {@code source} once, computing size, MD5 and SHA-256, and keeps its bytes where this
     * storage keeps them; durable before the row that names it is committed.
     *
     * @throws PublishRefused when the file is too large for this storage
     */
    Staged stage(Path source);

    /**
     * Opens a stored file of {@code size} bytes for reading, or fails now, before anything of it
     * is sent, when it is missing or shorter than recorded.
     */
    SeekableByteChannel open(String sha256, long size) throws IOException;

    /** Records the file in {@code update_file} (with its bytes, if staged in memory); a known hash is kept as it is. */
    default void record(StoreWriter.Session c, Staged staged, long now) throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO update_file (sha256, size, content, created_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING");
        ps.setString(1, staged.digest().sha256());
        ps.setLong(2, staged.digest().size());
        if (staged.content() == null) {
            ps.setNull(3, Types.BINARY);
        } else {
            ps.setBytes(3, staged.content());
        }
        ps.setLong(4, now);
        try {
            ps.executeUpdate();
        } finally {
            // The statement is kept for the writer's life: do not keep the file's bytes with it.
            ps.clearParameters();
        }
    }

    /** Refuses a name that is not a SHA-256, before it reaches a path or a query. */
    static void requireSha256(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256");
        }
    }

    /** Size, MD5 and SHA-256 of {@code source}, read once without storing anything. */
    static FileDigest digest(Path source) {
        Hashing hashing = new Hashing();
        try (InputStream in = Files.newInputStream(source)) {
            return hashing.copy(in, OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file " + source + ": " + e.getMessage(), e);
        }
    }

    /** Copies a stream while computing its size, MD5 and SHA-256. */
    final class Hashing {
        private final MessageDigest md5 = algorithm("MD5");
        private final MessageDigest sha256 = algorithm("SHA-256");

        FileDigest copy(InputStream in, OutputStream out) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                md5.update(buffer, 0, n);
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
                total += n;
            }
            return new FileDigest(total, HexFormat.of().formatHex(md5.digest()),
                    HexFormat.of().formatHex(sha256.digest()));
        }

        private static MessageDigest algorithm(String name) {
            try {
                return MessageDigest.getInstance(name);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(name + " is not available", e);
            }
        }
    }
}

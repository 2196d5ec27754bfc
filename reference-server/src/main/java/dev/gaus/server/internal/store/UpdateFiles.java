package dev.gaus.server.internal.store;

import dev.gaus.server.internal.store.StoreRecords.FileDigest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The bytes of update files, addressed by their SHA-256: the file {@code <data-dir>/files/<sha256>}
 * on SQLite, the {@code content} column of {@code update_file} on PostgreSQL (so that every
 * instance sharing the database serves them).
 */
final class UpdateFiles {
    /** PostgreSQL's bytea holds at most 1 GiB; larger files need the SQLite store. */
    static final long MAX_DATABASE_FILE = (1L << 30) - 1;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Database db;

    UpdateFiles(Database db) {
        this.db = db;
    }

    /** A file read and hashed, ready to be recorded: on disk already, or its bytes for the database. */
    record Staged(FileDigest digest, byte[] content) {
    }

    /**
     * Reads {@code source} once, computing size, MD5 and SHA-256. On SQLite the bytes are written
     * to a temporary file beside the store, forced to disk and renamed to their SHA-256, so a
     * crash never leaves a torn file under a valid name.
     *
     * @throws PublishRefused when the file is too large for a PostgreSQL store
     */
    Staged stage(Path source) {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha256 = digest("SHA-256");
        try (InputStream in = Files.newInputStream(source)) {
            Path dir = db.filesDir();
            if (dir == null) {
                long size = Files.size(source);
                if (size > MAX_DATABASE_FILE) {
                    throw new PublishRefused(PublishRefused.Reason.FILE_TOO_LARGE, null);
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) size);
                long n = copy(in, bytes, md5, sha256);
                String sha = HexFormat.of().formatHex(sha256.digest());
                return new Staged(new FileDigest(n, HexFormat.of().formatHex(md5.digest()), sha), bytes.toByteArray());
            }
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".incoming-", ".part");
            try {
                long n;
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE);
                        OutputStream out = Channels.newOutputStream(ch)) {
                    n = copy(in, out, md5, sha256);
                    out.flush();
                    ch.force(true);
                }
                String sha = HexFormat.of().formatHex(sha256.digest());
                Files.move(temp, dir.resolve(sha), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return new Staged(new FileDigest(n, HexFormat.of().formatHex(md5.digest()), sha), null);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the file " + source + ": " + e.getMessage(), e);
        }
    }

    /** Size, MD5 and SHA-256 of {@code source}, read once without storing anything. */
    static FileDigest digest(Path source) {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha256 = digest("SHA-256");
        try (InputStream in = Files.newInputStream(source)) {
            long n = copy(in, OutputStream.nullOutputStream(), md5, sha256);
            return new FileDigest(n, HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha256.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file " + source + ": " + e.getMessage(), e);
        }
    }

    /** Records the file in {@code update_file} (with its bytes on PostgreSQL); a known hash is kept as it is. */
    static void record(StoreWriter.Session c, Staged staged, long now) throws SQLException {
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

    /**
     * Opens a stored file of {@code size} bytes for reading, or fails now, before anything of it
     * is sent, when it is missing or shorter than recorded.
     */
    SeekableByteChannel open(String sha256, long size) throws IOException {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256");
        }
        Path dir = db.filesDir();
        if (dir == null) {
            return DatabaseFileChannel.open(db, sha256, size);
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(dir.resolve(sha256), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new IOException("the stored file " + sha256 + " is missing from " + dir, e);
        }
        if (ch.size() < size) {
            ch.close();
            throw new IOException("the stored file " + sha256 + " is shorter than recorded");
        }
        return ch;
    }

    private static long copy(InputStream in, OutputStream out, MessageDigest md5, MessageDigest sha256)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            md5.update(buffer, 0, n);
            sha256.update(buffer, 0, n);
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}

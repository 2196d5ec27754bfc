package dev.gaus.server.internal.store;

import dev.gaus.server.internal.store.StoreRecords.FileDigest;
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

/** Update files as files {@code <dir>/<sha256>} on the store's disk (the SQLite store's {@code files/}). */
final class DiskUpdateFiles implements UpdateFiles {
    private final Path dir;

    DiskUpdateFiles(Path dir) {
        this.dir = dir;
    }

    /**
     * The bytes are written to a temporary file in the directory, forced to disk and renamed to
     * their SHA-256, so a crash never leaves a torn file under a valid name.
     */
    @Override
    public Staged stage(Path source) {
        try (InputStream in = Files.newInputStream(source)) {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".incoming-", ".part");
            try {
                FileDigest digest;
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE);
                        OutputStream out = Channels.newOutputStream(ch)) {
                    digest = new Hashing().copy(in, out);
                    out.flush();
                    ch.force(true);
                }
                Files.move(temp, dir.resolve(digest.sha256()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                return new Staged(digest, null);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the file " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SeekableByteChannel open(String sha256, long size) throws IOException {
        UpdateFiles.requireSha256(sha256);
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
}

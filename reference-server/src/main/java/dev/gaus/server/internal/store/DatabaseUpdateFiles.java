package dev.gaus.server.internal.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Update files in the database ({@code update_file.content}, bytea), so that every instance
 * sharing it serves them without a shared disk; read back a chunk per query by
 * {@link DatabaseFileChannel}.
 */
final class DatabaseUpdateFiles implements UpdateFiles {
    /** PostgreSQL's bytea holds at most 1 GiB; larger files need the SQLite store. */
    static final long MAX_DATABASE_FILE = (1L << 30) - 1;

    private final Database db;

    DatabaseUpdateFiles(Database db) {
        this.db = db;
    }

    /** The bytes are kept in memory until the publishing transaction writes them with the row. */
    @Override
    public Staged stage(Path source) {
        try (InputStream in = Files.newInputStream(source)) {
            long size = Files.size(source);
            if (size > MAX_DATABASE_FILE) {
                throw new PublishRefused(PublishRefused.Reason.FILE_TOO_LARGE, null);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) size);
            return new Staged(new Hashing().copy(in, bytes), bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the file " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SeekableByteChannel open(String sha256, long size) throws IOException {
        UpdateFiles.requireSha256(sha256);
        return DatabaseFileChannel.open(db, sha256, size);
    }
}

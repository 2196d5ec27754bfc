package dev.gaus.server.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A stored file read from PostgreSQL's {@code update_file.content}, a chunk per query, so a
 * download holds one chunk in memory at a time and no connection between reads.
 */
final class DatabaseFileChannel implements SeekableByteChannel {
    private static final int CHUNK = 1 << 20;

    private final Database db;
    private final String sha256;
    private final long size;
    private long position;
    private boolean open = true;

    private DatabaseFileChannel(Database db, String sha256, long size) {
        this.db = db;
        this.sha256 = sha256;
        this.size = size;
    }

    static DatabaseFileChannel open(Database db, String sha256, long size) throws IOException {
        try (Connection c = db.read(); PreparedStatement ps = c.prepareStatement(
                "SELECT octet_length(content) FROM update_file WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                // no row reads as -1, a NULL content as 0
                long stored = rs.next() ? rs.getLong(1) : -1;
                if (stored < size) {
                    throw new IOException("the stored file " + sha256 + " is missing or shorter than recorded");
                }
            }
        } catch (SQLException e) {
            throw new StoreException("store read failed: " + e.getMessage(), e);
        }
        return new DatabaseFileChannel(db, sha256, size);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(Math.min(CHUNK, dst.remaining()), size - position);
        if (n == 0) {
            return 0;
        }
        try (Connection c = db.read(); PreparedStatement ps = c.prepareStatement(
                "SELECT substring(content FROM ? FOR ?) FROM update_file WHERE sha256 = ?")) {
            ps.setInt(1, Math.toIntExact(position + 1)); // files in the database are under 1 GiB
            ps.setInt(2, n);
            ps.setString(3, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                byte[] chunk = rs.next() ? rs.getBytes(1) : null;
                if (chunk == null || chunk.length == 0) {
                    throw new IOException("the stored file " + sha256 + " is missing or shorter than recorded");
                }
                dst.put(chunk);
                position += chunk.length;
                return chunk.length;
            }
        } catch (SQLException e) {
            throw new IOException("store read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return size;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}

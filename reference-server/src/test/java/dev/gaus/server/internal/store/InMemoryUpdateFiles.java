package dev.gaus.server.internal.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link UpdateFiles} in memory, for {@link InMemoryStores}. */
final class InMemoryUpdateFiles implements UpdateFiles {
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    @Override
    public Staged stage(Path source) {
        try (InputStream in = Files.newInputStream(source)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Staged staged = new Staged(new Hashing().copy(in, bytes), null);
            files.putIfAbsent(staged.digest().sha256(), bytes.toByteArray());
            return staged;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the file " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SeekableByteChannel open(String sha256, long size) throws IOException {
        UpdateFiles.requireSha256(sha256);
        byte[] content = files.get(sha256);
        if (content == null || content.length < size) {
            throw new IOException("the stored file " + sha256 + " is missing or shorter than recorded");
        }
        return new BytesChannel(content);
    }

    /** A read-only channel over bytes. */
    private static final class BytesChannel implements SeekableByteChannel {
        private final byte[] content;
        private long position;
        private boolean open = true;

        BytesChannel(byte[] content) {
            this.content = content;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            ensureOpen();
            if (position >= content.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), content.length - position);
            dst.put(content, (int) position, n);
            position += n;
            return n;
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
            return content.length;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
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
}

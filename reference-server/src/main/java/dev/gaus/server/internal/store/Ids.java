package dev.gaus.server.internal.store;

import dev.gaus.core.Credentials;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Random identifiers (version-4 UUIDs) drawn from the per-thread source of sdk-core's
 * {@link Credentials}: {@link UUID#randomUUID()} shares one {@code SecureRandom} between all
 * threads and serialises busy request threads on it.
 */
public final class Ids {
    private Ids() {}

    /**
     * A version-7 UUID: 48 bits of milliseconds, then 74 random bits. Rows keyed by it are
     * inserted at the end of their index instead of at random pages, so a commit writes fewer
     * pages. For server-made ids only (a deviceGUID tells when the device registered); keys that
     * must be unguessable come from {@link Credentials}.
     */
    public static String newTimeOrderedGuid(long epochMillis) {
        ByteBuffer b = ByteBuffer.wrap(Credentials.randomBytes(16));
        long high = (epochMillis << 16) | 0x7000L | (b.getShort(0) & 0x0FFFL);
        long low = (b.getLong(8) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    public static String newGuid() {
        ByteBuffer b = ByteBuffer.wrap(Credentials.randomBytes(16));
        long high = (b.getLong() & ~0xF000L) | 0x4000L;
        long low = (b.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}

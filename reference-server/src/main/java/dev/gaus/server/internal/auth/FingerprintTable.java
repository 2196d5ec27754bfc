package dev.gaus.server.internal.auth;

/**
 * A map from 64-bit fingerprints to a time and a count, allocated once at its full size.
 *
 * <p>Set-associative: a fingerprint lives in one bucket of {@link #WAYS} slots. A new fingerprint
 * takes a free or stale slot of its bucket (one whose time is before the caller's
 * {@code staleBefore}), or else the slot with the lowest count, the oldest of those. So memory
 * never grows, whatever is thrown at it, and a flood of one-off failures evicts other one-off
 * failures before it evicts a counter that is climbing towards its limit. Fingerprints are keyed
 * hashes the caller makes, which an outsider cannot aim at one bucket.
 *
 * <p>Each bucket group has its own lock: threads touching different buckets never wait for each
 * other, and a lock is held for a scan of eight slots.
 */
final class FingerprintTable {
    static final int WAYS = 8;
    private static final int STRIPES = 256;
    /** Marks a free slot; a fingerprint equal to it is stored as {@link #ZERO_STAND_IN}. */
    private static final long FREE = 0L;
    private static final long ZERO_STAND_IN = 1L;

    private final long[] keys;
    private final long[] times;
    private final int[] counts;
    private final int bucketMask;
    private final Object[] locks = new Object[STRIPES];

    /** @param slots total slots, a power of two of at least {@link #WAYS} */
    FingerprintTable(int slots) {
        if (slots < WAYS || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two of at least " + WAYS);
        }
        keys = new long[slots];
        times = new long[slots];
        counts = new int[slots];
        bucketMask = slots / WAYS - 1;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** What a slot held: its time and count. */
    record Entry(long time, int count) {
    }

    /** The entry of {@code fingerprint}, or null when it has none. */
    Entry get(long fingerprint) {
        long key = stored(fingerprint);
        int bucket = bucket(key);
        synchronized (lock(bucket)) {
            int slot = find(bucket, key);
            return slot < 0 ? null : new Entry(times[slot], counts[slot]);
        }
    }

    /**
     * Stores {@code time} for {@code fingerprint}, its count unchanged (0 when new); returns the
     * time it had before, or {@code Long.MIN_VALUE} when it had none.
     */
    long touch(long fingerprint, long time, long staleBefore) {
        long key = stored(fingerprint);
        int bucket = bucket(key);
        synchronized (lock(bucket)) {
            int slot = find(bucket, key);
            if (slot >= 0) {
                long before = times[slot];
                times[slot] = time;
                return before;
            }
            claim(bucket, key, time, 0, staleBefore);
            return Long.MIN_VALUE;
        }
    }

    /**
     * Adds one to the count of {@code fingerprint} when its time is at or after
     * {@code staleBefore}; otherwise starts it afresh at {@code time} with a count of one. Returns
     * the entry after.
     */
    Entry increment(long fingerprint, long time, long staleBefore) {
        long key = stored(fingerprint);
        int bucket = bucket(key);
        synchronized (lock(bucket)) {
            int slot = find(bucket, key);
            if (slot >= 0 && times[slot] >= staleBefore) {
                if (counts[slot] < Integer.MAX_VALUE) {
                    counts[slot]++;
                }
                return new Entry(times[slot], counts[slot]);
            }
            if (slot >= 0) {
                times[slot] = time;
                counts[slot] = 1;
            } else {
                claim(bucket, key, time, 1, staleBefore);
            }
            return new Entry(time, 1);
        }
    }

    /** Total slots; the table holds at most this many fingerprints. */
    int capacity() {
        return keys.length;
    }

    private int find(int bucket, long key) {
        int first = bucket * WAYS;
        for (int slot = first; slot < first + WAYS; slot++) {
            if (keys[slot] == key) {
                return slot;
            }
        }
        return -1;
    }

    /** Takes a free or stale slot of the bucket, or else the one with the lowest count, the oldest of those. */
    private void claim(int bucket, long key, long time, int count, long staleBefore) {
        int first = bucket * WAYS;
        int victim = first;
        for (int slot = first; slot < first + WAYS; slot++) {
            if (keys[slot] == FREE || times[slot] < staleBefore) {
                victim = slot;
                break;
            }
            if (counts[slot] < counts[victim] || counts[slot] == counts[victim] && times[slot] < times[victim]) {
                victim = slot;
            }
        }
        keys[victim] = key;
        times[victim] = time;
        counts[victim] = count;
    }

    private int bucket(long key) {
        return (int) (key >>> 32 ^ key) & bucketMask;
    }

    private Object lock(int bucket) {
        return locks[bucket & (STRIPES - 1)];
    }

    private static long stored(long fingerprint) {
        return fingerprint == FREE ? ZERO_STAND_IN : fingerprint;
    }
}

package dev.gaus.device.internal;

import dev.gaus.core.KeyValueFile;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausClientException.Reason;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} of every device a provisioning run sends, in
 * {@code <dir>/.gaus-provision.journal}, each on disk before its request leaves: what
 * {@link PendingRegistration} is to one device, for a whole folder. A run killed at any moment
 * and started again sends the same key for a device whose state was not saved, and the server
 * answers with the registration it already made.
 *
 * <p>One line per key, {@code <key> <state file name>}, after a header naming the server and the
 * product access key: keys are only taken up for the same server and product. Keys are appended
 * in batches with one {@code fsync} each. A line cut short by a crash was never followed by a
 * request (the request waits for the {@code fsync}), so it is cut off when the journal is opened
 * again. The journal holds no secret.
 */
public final class KeyJournal implements Closeable {
    public static final String NAME = ".gaus-provision.journal";

    private static final String MAGIC = "# gaus-device provision journal 1";
    private static final Pattern LINE =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} [A-Za-z0-9._%-]+");

    /** A key and the state file it was made for. */
    public record Entry(String key, String fileName) {}

    private final Path file;
    private final FileChannel channel;
    private final Map<String, String> keys;

    private KeyJournal(Path file, FileChannel channel, Map<String, String> keys) {
        this.file = file;
        this.channel = channel;
        this.keys = keys;
    }

    /**
     * Takes up the journal in {@code dir} if it was written for the same server and product, or
     * starts a new one. What it holds is forced to disk before any key of it is handed out: an
     * earlier run may have been killed between writing a batch and forcing it.
     */
    public static KeyJournal open(Path dir, String serverUrl, String productAccessKey) {
        Path file = dir.resolve(NAME);
        String header = MAGIC + "\nGAUS_URL=" + serverUrl + "\nPRODUCT_ACCESS_KEY=" + productAccessKey + "\n";
        try {
            Map<String, String> keys = new HashMap<>();
            long whole = Files.exists(file) ? readEntries(file, header, keys) : -1;
            if (whole < 0) {
                keys.clear();
                KeyValueFile.writeAtomically(file, header.getBytes(StandardCharsets.UTF_8));
                whole = header.length();
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
            channel.truncate(whole);
            channel.position(whole);
            channel.force(true);
            return new KeyJournal(file, channel, keys);
        } catch (IOException | UncheckedIOException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "cannot write the provisioning journal " + file + ": "
                    + (e.getCause() != null ? e.getCause() : e).getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads the entries of a journal with this header into {@code keys} (the first key of a file
     * wins: it is the one that may have been sent); returns the length of its whole lines, or -1
     * when it belongs to another server or product or is not a journal.
     */
    private static long readEntries(Path file, String header, Map<String, String> keys) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (!text.startsWith(header)) {
            return -1;
        }
        int end = text.lastIndexOf('\n') + 1;
        for (String line : text.substring(header.length(), end).split("\n")) {
            if (LINE.matcher(line).matches()) {
                int space = line.indexOf(' ');
                keys.putIfAbsent(line.substring(space + 1), line.substring(0, space));
            }
        }
        return text.substring(0, end).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The key kept for the state file {@code fileName}, or null. */
    public synchronized String key(String fileName) {
        return keys.get(fileName);
    }

    /** Appends {@code entries} and forces them to disk: once this returns, their keys may be sent. */
    public synchronized void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder(entries.size() * 64);
        for (Entry e : entries) {
            lines.append(e.key()).append(' ').append(e.fileName()).append('\n');
        }
        ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "cannot write the provisioning journal " + file + ": "
                    + e.getClass().getSimpleName(), e);
        }
        for (Entry e : entries) {
            keys.putIfAbsent(e.fileName(), e.key());
        }
    }

    /** Every device of the run has its state saved: the keys are of no more use. */
    public synchronized void delete() {
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover journal only hands its keys to devices that have no state file.
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Everything written was forced already.
        }
    }
}

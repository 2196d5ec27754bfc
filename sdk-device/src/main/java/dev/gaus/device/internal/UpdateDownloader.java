package dev.gaus.device.internal;

import dev.gaus.core.message.Update;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausClientException.Reason;
import dev.gaus.device.UpdateVerificationException;
import dev.gaus.device.UpdateVerificationException.Check;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Downloads an update's file into {@code <target>.part}, resuming with {@code Range} from the
 * partial file's length after an interruption (in the same call, or a later one), then verifies
 * size, MD5 and SHA-256 (the announced one, and the signed one on a device that verifies
 * signatures) and moves it to the target only when all match.
 *
 * <p>A connection that delivers no byte for the request timeout is cut, so a stalled server
 * cannot hold the caller for ever; as long as bytes arrive, a large file may take as long as it
 * needs. An attempt that brought new bytes is not charged against the retry budget.
 */
public final class UpdateDownloader {
    private static final System.Logger LOG = System.getLogger("dev.gaus.device");
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gaus-download-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** Told when a phase of a download ends: {@code download} or {@code verify}, with its failure or null. */
    @FunctionalInterface
    public interface PhaseListener {
        void ended(String phase, RuntimeException failure);
    }

    private final HttpClient http;
    private final Map<String, String> headers;
    private final Duration requestTimeout;
    private final Retrier retrier;
    private final Clock clock;

    public UpdateDownloader(HttpClient http, Map<String, String> headers, Duration requestTimeout, Retrier retrier,
            Clock clock) {
        this.http = http;
        this.headers = Map.copyOf(headers);
        this.requestTimeout = requestTimeout;
        this.retrier = retrier;
        this.clock = clock;
    }

    /** Where the bytes gather until they are verified. */
    public static Path partialFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /** Fetches the whole file, then verifies it and moves it to {@code target}, telling {@code phases}. */
    public Path download(Update update, Path target, PhaseListener phases) {
        return download(update, target, null, phases);
    }

    /**
     * {@link #download(Update, Path, PhaseListener)}, the file's SHA-256 having to be
     * {@code signedSha256} (the one a verified signature covers) when that is not null.
     */
    public Path download(Update update, Path target, String signedSha256, PhaseListener phases) {
        phase("download", phases, () -> {
            fetch(update, target);
            return target;
        });
        return phase("verify", phases, () -> verifyAndMove(update, target, signedSha256));
    }

    private static Path phase(String name, PhaseListener phases, Supplier<Path> step) {
        Path result;
        try {
            result = step.get();
        } catch (RuntimeException e) {
            phases.ended(name, e);
            throw e;
        }
        phases.ended(name, null);
        return result;
    }

    /** Fetches the whole file into the partial file, resuming what an earlier attempt left. */
    private void fetch(Update update, Path target) {
        Path partial = partialFile(target);
        URI url;
        try {
            url = URI.create(update.downloadUrl());
        } catch (IllegalArgumentException e) {
            throw new GausClientException(Reason.MALFORMED_RESPONSE, "the downloadUrl of update " + update.updateId()
                    + " is not a URL");
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            throw new GausClientException(Reason.MALFORMED_RESPONSE, "the downloadUrl of update " + update.updateId()
                    + " is not an http(s) URL");
        }
        try {
            Files.createDirectories(partial.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "cannot create the directory of " + target, e);
        }
        String what = "download of update " + update.updateId();
        AtomicLong furthest = new AtomicLong(length(partial));
        retrier.run(what, attempt -> {
            if (!attemptOnce(url, update, partial, what)) {
                throw new GausClientException(Reason.CONNECTION, what + ": the server sent a different file from "
                        + "the one it resumed; starting again");
            }
            return null;
        }, () -> {
            // Progress beyond anything before: the connection works, it only broke.
            long now = length(partial);
            return now > furthest.getAndAccumulate(now, Math::max);
        });
    }

    /**
     * One request; true when the answer's body arrived completely (the file is then as whole as
     * the server has it, and verification decides), false when the download must start over.
     */
    private boolean attemptOnce(URI url, Update update, Path partial, String what) {
        long have = length(partial);
        if (have > update.size()) {
            delete(partial);
            have = 0;
        }
        if (have == update.size()) {
            return true;
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(url).GET().timeout(requestTimeout);
        headers.forEach(b::header);
        if (have > 0) {
            b.header("Range", "bytes=" + have + "-");
            long from = have;
            LOG.log(Level.DEBUG, () -> what + ": resuming at byte " + from);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(b.build(), BodyHandlers.ofInputStream());
        } catch (IOException e) {
            // A refused TLS handshake is not retried: the download host's certificate fails the same way every time.
            throw Failures.ofExchange(what, url, requestTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.interrupted(what);
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            boolean append;
            if (status == 206 && have > 0) {
                String range = response.headers().firstValue("Content-Range").orElse("");
                if (!range.replace(" ", "").startsWith("bytes" + have + "-")) {
                    delete(partial);
                    return false;
                }
                append = true;
            } else if (status == 200) {
                append = false;
            } else if (status == 416 && have > 0) {
                // The server cannot continue from here: the partial file is not a prefix of this file.
                delete(partial);
                return false;
            } else {
                // The body of an error is not read: a stalled one would hold the caller.
                throw Failures.ofStatus(what, status, response.headers(), null, clock);
            }
            long allowed = update.size() - (append ? have : 0) + 1; // one byte more shows a file too large
            copy(body, partial, append, allowed);
        } catch (IOException e) {
            throw Failures.ofExchange(what, url, requestTimeout, e);
        }
        return true;
    }

    private void copy(InputStream body, Path partial, boolean append, long allowed) throws IOException {
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        ScheduledFuture<?> watchdog = WATCHDOG.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgress.get() > requestTimeout.toNanos()) {
                try {
                    body.close(); // unblocks the reading thread with an IOException
                } catch (IOException ignored) {
                    // closing is all that matters
                }
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            OutputStream out = Channels.newOutputStream(ch);
            byte[] buffer = new byte[64 * 1024];
            long written = 0;
            int n;
            try {
                while (written < allowed && (n = body.read(buffer, 0, (int) Math.min(buffer.length, allowed - written))) > 0) {
                    out.write(buffer, 0, n);
                    written += n;
                    lastProgress.set(System.nanoTime());
                }
            } catch (IOException e) {
                if (System.nanoTime() - lastProgress.get() > requestTimeout.toNanos()) {
                    throw new IOException("no byte arrived for " + requestTimeout.toMillis() + " ms", e);
                }
                throw e;
            } finally {
                ch.force(true); // what was received survives a power cut and can be resumed
            }
        } finally {
            watchdog.cancel(false);
        }
        if (System.nanoTime() - lastProgress.get() > requestTimeout.toNanos()) {
            throw new IOException("no byte arrived for " + requestTimeout.toMillis() + " ms");
        }
    }

    /**
     * Checks size, MD5 and (when announced) SHA-256 of the partial file; moves it to {@code target}
     * when all match, else deletes it and throws.
     */
    private static Path verifyAndMove(Update update, Path target, String signedSha256) {
        Path partial = partialFile(target);
        long size = length(partial);
        if (size != update.size()) {
            delete(partial);
            throw new UpdateVerificationException(update.updateId(), Check.SIZE, "update " + update.updateId()
                    + ": the file has " + size + " bytes, the server announced " + update.size());
        }
        MessageDigest md5 = digest("MD5");
        MessageDigest sha256 = digest("SHA-256");
        try (InputStream in = Files.newInputStream(partial)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                md5.update(buffer, 0, n);
                sha256.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "cannot read the downloaded file " + partial, e);
        }
        String actualMd5 = HexFormat.of().formatHex(md5.digest());
        if (!actualMd5.equalsIgnoreCase(update.md5())) {
            delete(partial);
            throw new UpdateVerificationException(update.updateId(), Check.MD5, "update " + update.updateId()
                    + ": the MD5 of the file is " + actualMd5 + ", the server announced " + update.md5());
        }
        Optional<String> expectedSha = update.sha256();
        String actualSha = HexFormat.of().formatHex(sha256.digest());
        if (expectedSha.isPresent() && !actualSha.equalsIgnoreCase(expectedSha.get())) {
            delete(partial);
            throw new UpdateVerificationException(update.updateId(), Check.SHA256, "update " + update.updateId()
                    + ": the SHA-256 of the file is " + actualSha + ", the server announced " + expectedSha.get());
        }
        // Checked on its own, not only through toSha256: the signed digest is what the device trusts.
        if (signedSha256 != null && !actualSha.equalsIgnoreCase(signedSha256)) {
            delete(partial);
            throw new UpdateVerificationException(update.updateId(), Check.SHA256, "update " + update.updateId()
                    + ": the SHA-256 of the file is " + actualSha + ", the signed one is " + signedSha256);
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "cannot move the verified file to " + target, e);
        }
        return target;
    }

    private static long length(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "cannot read the size of " + p, e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "cannot delete " + p, e);
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}

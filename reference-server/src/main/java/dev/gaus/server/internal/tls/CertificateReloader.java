package dev.gaus.server.internal.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a rotated certificate without a restart: checks the identity's files every period and,
 * when one changed (modification time, size or file key), loads them and swaps the key store of
 * the running TLS engine. New handshakes get the new certificate, open connections keep theirs. A
 * half-written or broken set of files is logged and the old certificate kept, then tried again
 * on the next change. Polling rather than a file-system watch: it sees replaced directories and
 * symbolic links (Kubernetes secrets, certbot's live/) and works on every file system.
 */
public final class CertificateReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

    private final ServerIdentity identity;
    private final SslContextFactory.Server ssl;
    private final ScheduledExecutorService scheduler;
    private List<Object> lastSeen;
    private List<Object> lastFailed;

    private CertificateReloader(ServerIdentity identity, SslContextFactory.Server ssl, Duration period) {
        this.identity = identity;
        this.ssl = ssl;
        this.lastSeen = fingerprint();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gaus-certificate-reloader");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::check, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts watching the files {@code ssl} was configured from. */
    public static CertificateReloader start(ServerIdentity identity, SslContextFactory.Server ssl, Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the certificate check period must be positive");
        }
        return new CertificateReloader(identity, ssl, period);
    }

    private synchronized void check() {
        List<Object> now = fingerprint();
        if (now.equals(lastSeen)) {
            return;
        }
        try {
            KeyStore store = identity.load();
            ssl.reload(factory -> {
                factory.setKeyStore(store);
                factory.setKeyStorePassword(identity.password());
                factory.setKeyManagerPassword(identity.password());
            });
            lastSeen = now;
            LOG.info("reloaded the TLS certificate from {}", identity.files());
        } catch (Exception e) {
            // Often a rotation caught half-way (certificate written, key not yet): try again next time.
            if (now.equals(lastFailed)) {
                return;
            }
            lastFailed = now;
            LOG.warn("the changed TLS files cannot be used yet, still serving the previous certificate: {}",
                    e.getMessage());
        }
    }

    private List<Object> fingerprint() {
        List<Object> parts = new ArrayList<>();
        for (Path file : identity.files()) {
            try {
                var attributes = Files.readAttributes(file, BasicFileAttributes.class);
                parts.add(attributes.lastModifiedTime());
                parts.add(attributes.size());
                parts.add(String.valueOf(attributes.fileKey()));
            } catch (IOException e) {
                parts.add("missing");
            }
        }
        return parts;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

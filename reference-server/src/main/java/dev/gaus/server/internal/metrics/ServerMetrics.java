package dev.gaus.server.internal.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What the server counts, for Prometheus. Labels take a few fixed values only: never a key, a
 * token, a deviceId or an address, so a scrape tells how the server is doing and nothing about
 * who its devices are. Counting is a striped add, cheaper than anything else on a request path.
 */
public final class ServerMetrics {
    /** How a register or authenticate request ended. */
    public enum Outcome {
        /** 200. */
        OK,
        /** 401: unknown key, wrong secret, revoked. */
        REFUSED,
        /** 429. */
        THROTTLED,
        /** Any other 4xx: a malformed, oversized or mistyped request. */
        INVALID,
        /** 5xx: the store unavailable, or a bug. */
        ERROR;

        static Outcome of(int status) {
            if (status == 200) {
                return OK;
            }
            if (status == 401) {
                return REFUSED;
            }
            if (status == 429) {
                return THROTTLED;
            }
            return status >= 500 ? ERROR : INVALID;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter register = Counter.builder().name("gaus_register_total")
            .help("POST /register requests by outcome").labelNames("outcome").register(registry);
    private final Counter authenticate = Counter.builder().name("gaus_authenticate_total")
            .help("POST /authenticate requests by outcome").labelNames("outcome").register(registry);
    private final Counter checkForUpdates = Counter.builder().name("gaus_check_for_updates_total")
            .help("check-for-updates requests by HTTP status").labelNames("status").register(registry);
    private final CounterDataPoint checked200 = checkForUpdates.labelValues("200");
    private final CounterDataPoint checked304 = checkForUpdates.labelValues("304");
    private final CounterDataPoint reports = Counter.builder().name("gaus_report_total")
            .help("reports accepted (answered 200)").register(registry);
    private final CounterDataPoint downloadBytes = Counter.builder().name("gaus_download_bytes_total")
            .help("bytes of update files sent").register(registry);
    private final Histogram commitSeconds = Histogram.builder().name("gaus_commit_seconds")
            .help("time of one group commit of the store writer, statements included").classicOnly()
            .classicUpperBounds(0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
            .register(registry);
    private final Histogram commitBatchSize = Histogram.builder().name("gaus_commit_batch_size")
            .help("writes committed together in one group commit").classicOnly()
            .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256, 512).register(registry);

    private final CounterDataPoint[] registerByOutcome = new CounterDataPoint[Outcome.values().length];
    private final CounterDataPoint[] authenticateByOutcome = new CounterDataPoint[Outcome.values().length];

    public ServerMetrics() {
        for (Outcome o : Outcome.values()) {
            registerByOutcome[o.ordinal()] = register.labelValues(o.label());
            authenticateByOutcome[o.ordinal()] = authenticate.labelValues(o.label());
        }
        JvmMetrics.builder().register(registry);
    }

    /** Adds {@code gaus_devices}, the number {@code devices} tells at each scrape (the store, once open). */
    public void countDevices(LongSupplier devices) {
        GaugeWithCallback.builder().name("gaus_devices").help("devices stored, revoked ones included")
                .callback(cb -> cb.call(devices.getAsLong())).register(registry);
    }

    public void registered(int status) {
        registerByOutcome[Outcome.of(status).ordinal()].inc();
    }

    public void authenticated(int status) {
        authenticateByOutcome[Outcome.of(status).ordinal()].inc();
    }

    public void checkedForUpdates(int status) {
        CounterDataPoint counter = status == 200 ? checked200 : status == 304 ? checked304
                : checkForUpdates.labelValues(Integer.toString(status));
        counter.inc();
    }

    public void reported(int status) {
        if (status == 200) {
            reports.inc();
        }
    }

    public void downloaded(long bytes) {
        downloadBytes.inc(bytes);
    }

    /** One group commit of {@code writes} writes that took {@code nanos}. */
    public void committed(int writes, long nanos) {
        commitSeconds.observe(nanos / 1e9);
        commitBatchSize.observe(writes);
    }

    /** The content type of {@link #writeTo}. */
    public String contentType() {
        return writer.getContentType();
    }

    /** Every metric, in the Prometheus text format. */
    public void writeTo(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}

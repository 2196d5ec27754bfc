package dev.gaus.device;

import dev.gaus.core.UpdateKey;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.DataItem;
import dev.gaus.core.message.ReportRequest;
import dev.gaus.core.message.Update;
import dev.gaus.device.GausClientException.Reason;
import dev.gaus.device.internal.Bootstrap;
import dev.gaus.device.internal.PollLoop;
import dev.gaus.device.internal.Registration;
import dev.gaus.device.internal.ReportStamps;
import dev.gaus.device.internal.SessionKeeper;
import dev.gaus.device.internal.StateFile;
import dev.gaus.device.internal.UpdateDownloader;
import dev.gaus.device.internal.UpdateSignatureCheck;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A device's life with a GAUS server: register once and keep the keys, hold a session, check for
 * updates, report events and metrics, poll.
 *
 * <p>State lives in {@code device.data} (shell {@code KEY="value"} lines the public tooling can
 * {@code source}), written atomically with mode 0600, so a crash never leaves a torn file and a
 * device never registers twice by accident. A device that trusts update keys installs only
 * updates signed by one of them, and no downgrade unless allowed. Thread-safe. Built by
 * {@link #builder()}; see the module's README for an example.
 */
public final class GausDevice {
    /** The report format version this SDK writes in each report's {@code version}. */
    public static final String REPORT_VERSION = "1.0.0";

    private static final System.Logger LOG = System.getLogger("dev.gaus.device");

    private final Path stateFile;
    /** Reads the bootstrap file, or gives the values; null when there is no bootstrap. */
    private final Supplier<Bootstrap> bootstrap;
    private final String deviceIdOverride;
    private final Path caCertificateOverride;
    private final String clientVersion;
    private final Consumer<GausClient.Builder> clientOptions;
    private final RandomGenerator random;
    private final Sleeper sleeper;
    private final Executor pollExecutor;
    private final SessionKeeper sessions;
    private final ReportStamps stamps;
    private final UpdateSignatureCheck signatures;

    private DeviceState state;
    private GausClient client;

    private GausDevice(Builder b) {
        this.stateFile = b.stateFile;
        this.bootstrap = b.bootstrap;
        this.deviceIdOverride = b.deviceId;
        this.caCertificateOverride = b.caCertificate;
        this.clientVersion = b.clientVersion;
        this.clientOptions = b.clientOptions;
        // The clock and sleeper of the client options, so that the device keeps its retries' time.
        GausClient.Builder options = GausClient.builder();
        clientOptions.accept(options);
        this.sleeper = options.configuredSleeper();
        this.sessions = new SessionKeeper(options.configuredClock());
        this.stamps = new ReportStamps(options.configuredClock());
        this.random = b.random;
        this.pollExecutor = b.pollExecutor;
        this.signatures = new UpdateSignatureCheck(b.updateKeys, b.allowDowngrade);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The file holding the device's state. */
    public Path stateFile() {
        return stateFile;
    }

    /** The stored state, read from {@code device.data} the first time; empty before registration. */
    public synchronized Optional<DeviceState> state() {
        if (state == null) {
            state = StateFile.read(stateFile).orElse(null);
        }
        return Optional.ofNullable(state);
    }

    /**
     * Registers the device unless {@code device.data} already holds a state, and returns the
     * state. Safe to call on every start: only the first one (in the factory, a provisioning
     * script or the first boot) talks to the server.
     *
     * @throws RegistrationNotSavedException when the server registered the device but the state
     *     could not be written; it carries the new keys
     */
    public synchronized DeviceState ensureRegistered() {
        Optional<DeviceState> existing = state();
        if (existing.isPresent()) {
            return existing.get();
        }
        return registerNew();
    }

    /**
     * Registers the device anew whatever the stored state, and replaces it: for a refurbished or
     * factory-reset device. The server keeps the old registration as it was.
     */
    public synchronized DeviceState reRegister() {
        return registerNew();
    }

    private DeviceState registerNew() {
        if (bootstrap == null) {
            throw new IllegalStateException("no bootstrap: set bootstrapFile(...) or bootstrap(...) on the builder");
        }
        return Registration.register(stateFile, bootstrap.get(), deviceIdOverride, caCertificateOverride, clientVersion,
                this::newClient, (fresh, registering) -> {
                    state = fresh;
                    client = registering;
                    sessions.clear();
                });
    }

    /** Writes {@code newState} to {@code device.data} and uses it: to recover from a {@link RegistrationNotSavedException}. */
    public synchronized void saveState(DeviceState newState) {
        StateFile.save(stateFile, Objects.requireNonNull(newState, "newState"));
        if (state == null || !state.serverUrl().equals(newState.serverUrl())) {
            client = null;
        }
        if (state == null || !state.deviceAuthParameters().equals(newState.deviceAuthParameters())) {
            sessions.clear();
        }
        state = newState;
    }

    /** Authenticates now, replacing any current token, and says who the server takes the device for. */
    public Session authenticate() {
        return sessions.renew(client(), requireState().deviceAuthParameters()).session();
    }

    /** The current session, authenticating first when there is none or it is about to expire. */
    public Session session() {
        return sessions.current(client(), requireState().deviceAuthParameters()).session();
    }

    /**
     * Checks for updates with the device's parameters (by convention {@code <updateType>-version}
     * for each updatable part). A new poll interval sent by the server is stored.
     */
    public UpdateCheck checkForUpdates(Map<String, String> params) {
        Objects.requireNonNull(params, "params");
        GausClient c = client();
        UpdateCheck check = sessions.withToken(c, requireState().deviceAuthParameters(),
                t -> c.checkForUpdates(t.response(), params));
        signatures.remember(params);
        check.newPollIntervalSeconds().ifPresent(this::updatePollInterval);
        return check;
    }

    /** Sends a report as given. */
    public void report(ReportRequest report) {
        Objects.requireNonNull(report, "report");
        GausClient c = client();
        sessions.withToken(c, requireState().deviceAuthParameters(), t -> {
            c.report(t.response(), report);
            return null;
        });
    }

    /** Sends events and metrics in one report, with a header stamped now and the next sequence number. */
    public void report(List<DataItem> items) {
        report(stamps.report(items));
    }

    /**
     * Reports an update's progress as an {@code event.update.Status}.
     *
     * @param phase {@code download}, {@code verify} or {@code install}
     * @param status {@code success} or {@code failed}
     */
    public void reportUpdateStatus(String updateId, String phase, String status) {
        report(List.of(DataItem.updateStatus(stamps.now(), updateId, phase, status)));
    }

    /**
     * Downloads an update to {@code target} and verifies it (see {@link GausClient#download}),
     * reporting {@code event.update.Status} for the phases {@code download} and {@code verify}
     * (success or failed, with the reason as {@code logLine}); a failed report is logged. A device
     * that trusts update keys ({@code GAUS_UPDATE_KEYS}, {@link Builder#updateKeys}) first refuses
     * an update not signed by one of them over its announced fields and this device's product, or
     * not newer (by the signed version scheme) than the {@code <type>-version} of the latest check
     * unless downgrades are allowed: nothing is downloaded, {@code verify} failed is reported. It
     * moves the file into place only with the signed SHA-256. Returns {@code target}.
     *
     * @throws UpdateVerificationException when the signature ({@code SIGNATURE}), the version
     *     ({@code DOWNGRADE}), the size, MD5 or SHA-256 is refused; the partial file is deleted
     */
    public Path download(Update update, Path target) {
        Objects.requireNonNull(update, "update");
        UpdateDownloader.PhaseListener phases = (phase, e) -> stamps.reportQuietly(this::report, update.updateId(), phase, e);
        String sha256 = signatures.check(update, () -> requireState().updateKeys(), () -> session().productGUID(), phases);
        return client().download(update, target, sha256, phases);
    }

    /** Reports one {@code metric.gauge.<name>} value. */
    public void reportGauge(String name, double value) {
        report(List.of(DataItem.gauge(stamps.now(), name, value)));
    }

    /** Reports one {@code metric.counter.<name>} value. */
    public void reportCounter(String name, long value) {
        report(List.of(DataItem.counter(stamps.now(), name, value)));
    }

    /** How often to check for updates, as the server last said. */
    public long pollIntervalSeconds() {
        return requireState().pollIntervalSeconds();
    }

    /**
     * Starts checking for updates every poll interval (the server may change it with any answer),
     * spread by +/-10% jitter, until the handle is stopped. Runs on the builder's executor, or on a
     * new daemon thread. Registers first when there is no state yet.
     *
     * @param params the parameters for each check, asked anew each time (versions change after an
     *     update)
     */
    public PollHandle startPolling(Supplier<Map<String, String>> params, PollListener listener) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(listener, "listener");
        DeviceState s = ensureRegistered();
        return new PollLoop(() -> checkForUpdates(params.get()), this::pollIntervalSeconds, listener, sleeper, random)
                .start(pollExecutor, "gaus-poll-" + s.deviceId());
    }

    /** {@link #startPolling(Supplier, PollListener)} with fixed parameters. */
    public PollHandle startPolling(Map<String, String> params, PollListener listener) {
        Map<String, String> copy = Map.copyOf(params);
        return startPolling(() -> copy, listener);
    }

    private synchronized void updatePollInterval(long seconds) {
        if (state == null || state.pollIntervalSeconds() == seconds) {
            return;
        }
        state = state.withPollIntervalSeconds(seconds);
        LOG.log(Level.INFO, () -> "poll interval is now " + seconds + " s");
        // The interval is kept in memory if it cannot be stored; the next change or restart tries again.
        StateFile.writeOrWarn(stateFile, state, "the new poll interval");
    }

    /** The state, registering first when there is none yet and a bootstrap to register with. */
    private synchronized DeviceState requireState() {
        if (state().isEmpty() && bootstrap == null) {
            throw new GausClientException(Reason.LOCAL_STATE,
                    "no device state in " + stateFile + " and no bootstrap to register with");
        }
        return ensureRegistered();
    }

    private synchronized GausClient client() {
        if (client == null) {
            DeviceState s = requireState();
            client = newClient(s.serverUrl(),
                    caCertificateOverride != null ? caCertificateOverride : s.caCertificate());
        }
        return client;
    }

    private GausClient newClient(URI serverUrl, Path caCertificate) {
        return Registration.client(serverUrl, caCertificate, clientOptions);
    }

    @Override
    public String toString() {
        return "GausDevice[" + stateFile + "]";
    }

    /** Options of a {@link GausDevice}; the state file is required, a bootstrap is needed to register. */
    public static final class Builder {
        private Path stateFile;
        private Supplier<Bootstrap> bootstrap;
        private String deviceId;
        private Path caCertificate;
        private String clientVersion = "gaus-device-java/" + GausClient.SDK_VERSION;
        private Consumer<GausClient.Builder> clientOptions = b -> { };
        private RandomGenerator random = new Random();
        private Executor pollExecutor;
        private List<UpdateKey> updateKeys;
        private boolean allowDowngrade;

        private Builder() {}

        /** Where the device's state ({@code device.data}) is kept. */
        public Builder stateFile(Path stateFile) {
            this.stateFile = Objects.requireNonNull(stateFile, "stateFile");
            return this;
        }

        /**
         * A {@code bootstrap.conf} with {@code GAUS_URL}, {@code PRODUCT_ACCESS_KEY},
         * {@code PRODUCT_SECRET_KEY} and optionally {@code DEVICEID} and {@code GAUS_CA_CERT}.
         * Read only when the device registers.
         */
        public Builder bootstrapFile(Path bootstrapFile) {
            Objects.requireNonNull(bootstrapFile, "bootstrapFile");
            this.bootstrap = () -> Bootstrap.read(bootstrapFile);
            return this;
        }

        /** The bootstrap as values, for devices that keep the product keys elsewhere. */
        public Builder bootstrap(URI serverUrl, AuthParameters productAuthParameters) {
            Bootstrap values = new Bootstrap(Objects.requireNonNull(serverUrl, "serverUrl"),
                    Objects.requireNonNull(productAuthParameters, "productAuthParameters"), null, null);
            this.bootstrap = () -> values;
            return this;
        }

        /** The device's id; overrides {@code DEVICEID} of the bootstrap file. */
        public Builder deviceId(String deviceId) {
            this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
            return this;
        }

        /**
         * The CA certificate (PEM) to trust for this server instead of the platform's CAs;
         * overrides {@code GAUS_CA_CERT} of the bootstrap and of the state, and is stored in the
         * state at registration so later runs keep trusting it.
         */
        public Builder caCertificate(Path pemFile) {
            this.caCertificate = Objects.requireNonNull(pemFile, "pemFile");
            return this;
        }

        /** Stored as {@code CLIENT_VERSION} at registration. */
        public Builder clientVersion(String clientVersion) {
            this.clientVersion = Objects.requireNonNull(clientVersion, "clientVersion");
            return this;
        }

        /**
         * Further options for the {@link GausClient} the device uses (timeouts, retries, proxy,
         * TLS...); the server URL and CA file come from the bootstrap or the state. The device keeps
         * time by their {@link GausClient.Builder#clock clock} (token renewal, report stamps) and
         * waits between polls with their {@link GausClient.Builder#sleeper sleeper}.
         */
        public Builder clientOptions(Consumer<GausClient.Builder> clientOptions) {
            this.clientOptions = Objects.requireNonNull(clientOptions, "clientOptions");
            return this;
        }

        /** The random source of the poll jitter. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Trusts these keys for signed updates instead of {@code GAUS_UPDATE_KEYS} of the state
         * (copied from the bootstrap at registration); none verifies nothing. See {@link UpdateKey#parseList}.
         */
        public Builder updateKeys(Collection<UpdateKey> keys) {
            this.updateKeys = List.copyOf(Objects.requireNonNull(keys, "keys"));
            return this;
        }

        /** Lets a device that trusts update keys install a version not newer than the one it runs. */
        public Builder allowDowngrade(boolean allow) {
            this.allowDowngrade = allow;
            return this;
        }

        /** Runs poll loops on this executor instead of a new daemon thread each. */
        public Builder pollExecutor(Executor pollExecutor) {
            this.pollExecutor = Objects.requireNonNull(pollExecutor, "pollExecutor");
            return this;
        }

        public GausDevice build() {
            if (stateFile == null) {
                throw new IllegalStateException("stateFile is required");
            }
            return new GausDevice(this);
        }
    }
}

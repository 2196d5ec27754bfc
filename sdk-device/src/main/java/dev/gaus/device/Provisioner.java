package dev.gaus.device;

import dev.gaus.core.message.AuthParameters;
import dev.gaus.device.internal.Bootstrap;
import dev.gaus.device.internal.ProvisionRun;
import dev.gaus.device.internal.StateFileNames;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Registers many devices at once, for a factory line or a provisioning script: one state file
 * per device, {@code <outDir>/<deviceId>.data}, in the format of {@code device.data} and with its
 * guarantees (shell-sourceable, mode 0600, written whole and forced to disk).
 *
 * <p>Resumable and exactly once: a device whose state file exists is skipped without a request,
 * and each device's {@code Idempotency-Key} is on disk before its request is sent, so a run
 * killed at any moment and started again leaves one registration per device on the server (the
 * server must remember keys at least as long as the pause; the reference server keeps them
 * 24 hours). All requests go through one {@link GausClient}, at most {@code parallel} at a time;
 * 429 and 503 are retried as the client's {@link RetryStrategy} says (honouring
 * {@code Retry-After}); any other failure stops the run with a {@link ProvisioningException}.
 * Immutable and thread-safe; one run per folder at a time (a second one is refused).
 *
 * <pre>{@code
 * ProvisionResult result = Provisioner.builder()
 *         .bootstrapFile(Path.of("bootstrap.conf"))
 *         .outDir(Path.of("states"))
 *         .build()
 *         .provision(List.of("gw-0001", "gw-0002"));
 * }</pre>
 */
public final class Provisioner {
    /** The default number of registrations in flight. */
    public static final int DEFAULT_PARALLEL = 64;
    /** The most registrations in flight a run takes. */
    public static final int MAX_PARALLEL = 256;

    /** Told of a run's progress, from the run's threads: implementations must be thread-safe and quick. */
    public interface Listener {
        /** The run starts: {@code toProvision} devices to register, {@code skipped} with a state file already. */
        default void started(int toProvision, int skipped) { }

        /** One device was registered and its state saved. */
        default void provisioned(ProvisionResult.Device device) { }
    }

    private final Supplier<Bootstrap> bootstrap;
    private final Path outDir;
    private final int parallel;
    private final Path caCertificate;
    private final String clientVersion;
    private final Consumer<GausClient.Builder> clientOptions;
    private final Listener listener;

    private Provisioner(Builder b) {
        this.bootstrap = b.bootstrap;
        this.outDir = b.outDir;
        this.parallel = b.parallel;
        this.caCertificate = b.caCertificate;
        this.clientVersion = b.clientVersion;
        this.clientOptions = b.clientOptions;
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers every device of {@code deviceIds} that has no state file in the folder yet.
     *
     * @throws IllegalArgumentException before anything is sent, when an id is empty, listed
     *     twice, longer than 128 characters, holds a control character or makes a file name
     *     longer than 255 bytes
     * @throws GausClientException before anything is sent, when the folder cannot be written
     *     or an existing state file cannot be read
     * @throws ProvisioningException when the run stopped; its result says what was done
     */
    public ProvisionResult provision(List<String> deviceIds) {
        Objects.requireNonNull(deviceIds, "deviceIds");
        Bootstrap values = bootstrap.get();
        Path ca = caCertificate != null ? caCertificate : values.caCertificate();
        // Made only when a device needs registering: a run that skips every device sends nothing.
        Supplier<GausClient> client = () -> {
            GausClient.Builder b = GausClient.builder().serverUrl(values.serverUrl()).callbacksInline();
            if (ca != null) {
                b.caCertificate(ca);
            }
            clientOptions.accept(b);
            return b.build();
        };
        return new ProvisionRun(values, ca, clientVersion, outDir, parallel, listener, client).run(deviceIds);
    }

    /** Where the state of {@code deviceId} is kept: {@code <outDir>/} {@link #stateFileName}. */
    public Path stateFile(String deviceId) {
        return outDir.resolve(stateFileName(deviceId));
    }

    /**
     * The state file name of a device: its id with every UTF-8 byte other than an ASCII letter,
     * digit, {@code .}, {@code _} or {@code -} written as {@code %XX} (upper-case hex), a leading
     * {@code .} too, then {@code .data}: {@code gw/0001} is {@code gw%2F0001.data}.
     *
     * @throws IllegalArgumentException when the id is empty or the name would pass 255 bytes
     */
    public static String stateFileName(String deviceId) {
        return StateFileNames.of(deviceId);
    }

    /** The deviceId a {@link #stateFileName} stands for; empty for a name it does not write. */
    public static Optional<String> deviceIdOf(String stateFileName) {
        return StateFileNames.deviceId(Objects.requireNonNull(stateFileName, "stateFileName"));
    }

    @Override
    public String toString() {
        return "Provisioner[" + outDir + ", parallel=" + parallel + "]";
    }

    /** Options of a {@link Provisioner}; a bootstrap and the output folder are required. */
    public static final class Builder {
        private Supplier<Bootstrap> bootstrap;
        private Path outDir;
        private int parallel = DEFAULT_PARALLEL;
        private Path caCertificate;
        private String clientVersion = "gaus-device-java/" + GausClient.SDK_VERSION;
        private Consumer<GausClient.Builder> clientOptions = b -> { };
        private Listener listener = new Listener() { };

        private Builder() {}

        /** A {@code bootstrap.conf} with the server and the product keys; read at each run. */
        public Builder bootstrapFile(Path bootstrapFile) {
            Objects.requireNonNull(bootstrapFile, "bootstrapFile");
            this.bootstrap = () -> Bootstrap.read(bootstrapFile);
            return this;
        }

        /** The server and the product keys as values. */
        public Builder bootstrap(URI serverUrl, AuthParameters productAuthParameters) {
            Bootstrap values = new Bootstrap(Objects.requireNonNull(serverUrl, "serverUrl"),
                    Objects.requireNonNull(productAuthParameters, "productAuthParameters"), null, null);
            this.bootstrap = () -> values;
            return this;
        }

        /** The folder of the state files; created when missing. */
        public Builder outDir(Path outDir) {
            this.outDir = Objects.requireNonNull(outDir, "outDir");
            return this;
        }

        /** At most this many registrations in flight, 1 to {@value #MAX_PARALLEL}; default {@value #DEFAULT_PARALLEL}. */
        public Builder parallel(int parallel) {
            if (parallel < 1 || parallel > MAX_PARALLEL) {
                throw new IllegalArgumentException("parallel must be 1 to " + MAX_PARALLEL + ", not " + parallel);
            }
            this.parallel = parallel;
            return this;
        }

        /** The CA certificate (PEM) to trust instead of the platform's; stored in each state as GAUS_CA_CERT. */
        public Builder caCertificate(Path pemFile) {
            this.caCertificate = Objects.requireNonNull(pemFile, "pemFile");
            return this;
        }

        /** Stored as {@code CLIENT_VERSION} in each state. */
        public Builder clientVersion(String clientVersion) {
            this.clientVersion = Objects.requireNonNull(clientVersion, "clientVersion");
            return this;
        }

        /** Further options of the one {@link GausClient} of a run (timeouts, retries, proxy, TLS). */
        public Builder clientOptions(Consumer<GausClient.Builder> clientOptions) {
            this.clientOptions = Objects.requireNonNull(clientOptions, "clientOptions");
            return this;
        }

        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Provisioner build() {
            if (bootstrap == null) {
                throw new IllegalStateException("a bootstrap is required: bootstrapFile(...) or bootstrap(...)");
            }
            if (outDir == null) {
                throw new IllegalStateException("outDir is required");
            }
            return new Provisioner(this);
        }
    }
}

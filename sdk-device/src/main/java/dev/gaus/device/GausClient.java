package dev.gaus.device;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateRequest;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.core.message.RegisterRequest;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.core.message.ReportRequest;
import dev.gaus.core.message.ReportResponse;
import dev.gaus.core.message.Update;
import dev.gaus.device.internal.PublicKeyPins;
import dev.gaus.device.internal.Query;
import dev.gaus.device.internal.Retrier;
import dev.gaus.device.internal.TlsContexts;
import dev.gaus.device.internal.Transport;
import dev.gaus.device.internal.Transport.Answer;
import dev.gaus.device.internal.Transport.Call;
import dev.gaus.device.internal.UpdateDownloader;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * The GAUS device API, one method per endpoint, on the JDK's {@link HttpClient}.
 *
 * <p>Immutable once built and safe to share between threads. Each call retries as its
 * {@link RetryStrategy} says and ends in the answer, a {@link GausServiceException} (the server
 * refused) or a {@link GausClientException} (no usable answer). Most devices use
 * {@link GausDevice}, which keeps the keys, the session and the poll loop on top of this.
 */
public final class GausClient {
    /** The version of this SDK, sent in the default {@code User-Agent}. */
    public static final String SDK_VERSION = "0.1.0";

    private static final System.Logger LOG = System.getLogger("dev.gaus.device");
    private static final int MAX_REMEMBERED_ETAGS = 64;
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "authorization", "content-type", "idempotency-key", "if-none-match", "accept");

    private final URI serverUrl;
    private final Transport transport;
    private final UpdateDownloader downloader;
    private final Map<String, Remembered> etags = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > MAX_REMEMBERED_ETAGS;
        }
    };

    private record Remembered(String etag, CheckForUpdatesResponse response) {}

    private GausClient(Builder b) {
        this.serverUrl = b.serverUrl;
        HttpClient.Builder http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (b.callbacksInline) {
            http.executor(Runnable::run);
        }
        if (b.proxy != null) {
            http.proxy(b.proxy);
        }
        if (b.sslContext != null) {
            http.sslContext(b.sslContext);
        } else if (b.caCertificate != null || !b.pins.isEmpty()) {
            http.sslContext(TlsContexts.create(b.caCertificate, PublicKeyPins.of(b.pins)));
        } else {
            http.sslContext(TlsContexts.platformDefault());
        }
        // Set here rather than left to the JDK's default, so that no system property can switch
        // the host name check off for this client.
        http.sslParameters(TlsContexts.parameters());
        Map<String, String> headers = new LinkedHashMap<>(b.headers);
        headers.put("User-Agent", b.userAgent);
        HttpClient httpClient = http.build();
        Retrier retrier = new Retrier(b.retryStrategy, b.clock, b.sleeper);
        this.transport = new Transport(httpClient, b.serverUrl, b.requestTimeout, headers, retrier, b.clock);
        // Downloads go to the downloadUrl the server names (possibly another host) with the same
        // client settings (proxy, TLS, extra headers) but never the device's token.
        this.downloader = new UpdateDownloader(httpClient, headers, b.requestTimeout, retrier, b.clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The server this client talks to. */
    public URI serverUrl() {
        return serverUrl;
    }

    /**
     * {@code POST /register}: creates a new device on the server and returns its keys. Every call
     * creates another device, so call it once per device life; {@link GausDevice#ensureRegistered()}
     * does that bookkeeping. Retries carry one random {@code Idempotency-Key}, so a lost answer
     * does not leave a second device behind.
     */
    public RegisterResponse register(String deviceId, AuthParameters productAuthParameters) {
        return register(deviceId, productAuthParameters, UUID.randomUUID().toString());
    }

    /**
     * {@code POST /register} with the caller's {@code Idempotency-Key}: the same key and body
     * within the server's window return the same registration.
     */
    public RegisterResponse register(String deviceId, AuthParameters productAuthParameters, String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        byte[] body = GausJson.encode(new RegisterRequest(deviceId, productAuthParameters));
        Call call = new Call("POST", "/register", null, Map.of("Idempotency-Key", idempotencyKey), body);
        RegisterResponse response = Transport.decode(call, transport.send(call).body(), RegisterResponse.class);
        LOG.log(Level.INFO, () -> "registered device " + deviceId + " with " + serverUrl);
        return response;
    }

    /**
     * Downloads an update's file to {@code target}: the bytes gather in {@code <target>.part}
     * (resumed with {@code Range} after an interruption, also by a later call), then size, MD5 and
     * {@code metadata.toSha256} are checked and the file is moved to {@code target} only when all
     * match. No token is sent: {@code downloadUrl} is unguessable and may point at another host.
     * No signature is checked here: {@link GausDevice#download} does that for a device that trusts keys.
     *
     * @throws UpdateVerificationException when a check fails; the partial file is deleted
     */
    public Path download(Update update, Path target) {
        return download(update, target, null, (phase, failure) -> { });
    }

    /**
     * {@link #download}, telling {@code phases} when the download and the verification end; the
     * file must have {@code signedSha256} as its SHA-256 unless that is null.
     */
    Path download(Update update, Path target, String signedSha256, UpdateDownloader.PhaseListener phases) {
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(target, "target");
        return downloader.download(update, target, signedSha256, phases);
    }

    /** {@code POST /authenticate}: a short-lived token for the device's keys. */
    public AuthenticateResponse authenticate(AuthParameters deviceAuthParameters) {
        byte[] body = GausJson.encode(new AuthenticateRequest(deviceAuthParameters));
        Call call = new Call("POST", "/authenticate", null, Map.of(), body);
        AuthenticateResponse response = Transport.decode(call, transport.send(call).body(), AuthenticateResponse.class);
        LOG.log(Level.DEBUG, () -> "authenticated as device " + response.deviceGUID());
        return response;
    }

    /**
     * {@code GET /device/{productGUID}/{deviceGUID}/check-for-updates}. Sends the entity tag of the
     * last answer for the same device and parameters as {@code If-None-Match}; a
     * {@code 304 Not Modified} comes back as an {@link UpdateCheck#unchanged() unchanged} check
     * holding that last answer.
     *
     * @param session the answer of {@link #authenticate}: the device, its product and the token
     * @param params the device's parameters, by convention {@code <updateType>-version} for each
     *     updatable part plus any product parameters; sent in the map's order
     */
    public UpdateCheck checkForUpdates(AuthenticateResponse session, Map<String, String> params) {
        String path = devicePath(session, "check-for-updates");
        String key = path + "?" + Query.canonical(params);
        Remembered last;
        synchronized (etags) {
            last = etags.get(key);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + session.token());
        if (last != null && last.etag() != null) {
            headers.put("If-None-Match", last.etag());
        }
        Call call = new Call("GET", path, Query.encode(params), headers, null);
        Answer answer = transport.send(call);
        if (answer.status() == 304) {
            if (last == null) {
                throw new GausClientException(GausClientException.Reason.MALFORMED_RESPONSE,
                        call.describe() + ": answered 304 Not Modified to a request without If-None-Match");
            }
            return new UpdateCheck(true, last.response(), last.etag());
        }
        CheckForUpdatesResponse response = Transport.decode(call, answer.body(), CheckForUpdatesResponse.class);
        String etag = answer.etag().orElse(null);
        synchronized (etags) {
            if (etag != null) {
                etags.put(key, new Remembered(etag, response));
            } else {
                etags.remove(key);
            }
        }
        return new UpdateCheck(false, response, etag);
    }

    /** {@code POST /device/{productGUID}/{deviceGUID}/report}, as the device of {@code session}. */
    public void report(AuthenticateResponse session, ReportRequest report) {
        report(session, report, Map.of());
    }

    /** {@code POST /device/{productGUID}/{deviceGUID}/report?{params}}, as the device of {@code session}. */
    public void report(AuthenticateResponse session, ReportRequest report, Map<String, String> params) {
        byte[] body = GausJson.encode(Objects.requireNonNull(report, "report"));
        Call call = new Call("POST", devicePath(session, "report"), Query.encode(params),
                Map.of("Authorization", "Bearer " + session.token()), body);
        Transport.decode(call, transport.send(call).body(), ReportResponse.class);
    }

    private static String devicePath(AuthenticateResponse session, String endpoint) {
        // The record's constructor has made sure the GUIDs and the token are there.
        Objects.requireNonNull(session, "session");
        return "/device/" + Query.component(session.productGUID()) + "/" + Query.component(session.deviceGUID()) + "/"
                + endpoint;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    @Override
    public String toString() {
        return "GausClient[" + serverUrl + "]";
    }

    /** Options of a {@link GausClient}; only the server URL is required. */
    public static final class Builder {
        private URI serverUrl;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private ProxySelector proxy;
        private SSLContext sslContext;
        private Path caCertificate;
        private final List<String> pins = new ArrayList<>();
        private String userAgent = "gaus-device-java/" + SDK_VERSION + " (Java " + Runtime.version().feature() + ")";
        private final Map<String, String> headers = new LinkedHashMap<>();
        private RetryStrategy retryStrategy = RetryStrategy.defaults();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        private boolean callbacksInline;

        private Builder() {}

        /** The server's base URL, such as {@code https://gaus.example.com}; a path prefix is kept. */
        public Builder serverUrl(URI serverUrl) {
            Objects.requireNonNull(serverUrl, "serverUrl");
            String scheme = serverUrl.getScheme() == null ? "" : serverUrl.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || serverUrl.getHost() == null) {
                throw new IllegalArgumentException("server URL must be an http or https URL with a host: " + serverUrl);
            }
            if (serverUrl.getRawQuery() != null || serverUrl.getRawFragment() != null) {
                throw new IllegalArgumentException("server URL must not carry a query or fragment: " + serverUrl);
            }
            this.serverUrl = serverUrl;
            return this;
        }

        public Builder serverUrl(String serverUrl) {
            try {
                return serverUrl(URI.create(Objects.requireNonNull(serverUrl, "serverUrl")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a URL: " + serverUrl, e);
            }
        }

        /** How long to wait for a TCP (and TLS) connection; default 10 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long one attempt may take, from sending to the last byte of the answer; default 10 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /** Routes every request through {@code proxy}. */
        public Builder proxy(ProxySelector proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /** Routes every request through the HTTP proxy at {@code address}. */
        public Builder proxy(InetSocketAddress address) {
            return proxy(ProxySelector.of(Objects.requireNonNull(address, "address")));
        }

        /** The TLS context to use instead of the JDK's default. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * Trusts only the CA certificate(s) in this PEM file, for this client only, instead of the
         * platform's CAs (ignored when an SSLContext is set). The host name is still checked.
         */
        public Builder caCertificate(Path pemFile) {
            this.caCertificate = Objects.requireNonNull(pemFile, "pemFile");
            return this;
        }

        /**
         * Also requires one certificate of the server's chain to carry this public key: the
         * SHA-256 of its SubjectPublicKeyInfo, in base64 ({@code sha256//} prefix allowed) or hex,
         * as {@code openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst
         * -sha256 -binary | base64} prints it. Call again for a backup key; any one pin matching
         * is enough. Pinning adds a check: the chain, dates and host name are checked as well.
         * Not combinable with {@link #sslContext(SSLContext)}.
         */
        public Builder pinPublicKey(String sha256) {
            PublicKeyPins.parse(sha256);
            pins.add(sha256);
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = requireText(userAgent, "userAgent");
            return this;
        }

        /**
         * A header sent with every request, such as a tracing or gateway header. The headers the
         * protocol sets itself (Authorization, Content-Type, Idempotency-Key, ...) cannot be replaced.
         */
        public Builder header(String name, String value) {
            requireText(name, "header name");
            Objects.requireNonNull(value, "header value");
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + " is set by the client itself");
            }
            headers.put(name, value);
            return this;
        }

        /** Whether and when failed calls and downloads are tried again; {@link RetryStrategy#defaults()} unless set. */
        public Builder retryStrategy(RetryStrategy retryStrategy) {
            this.retryStrategy = Objects.requireNonNull(retryStrategy, "retryStrategy");
            return this;
        }

        /**
         * The one clock of the client, and of a {@link GausDevice} built with these options: it
         * measures the retry budget, reads {@code Retry-After} dates, times token renewal and stamps
         * reports. The system clock in UTC unless set.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How the client waits between attempts, and a {@link GausDevice} built with these options
         * between polls; {@link Thread#sleep} unless set. Give it with the clock it goes with.
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Has the HTTP client's own thread finish each exchange instead of handing it to a pool
         * thread: for a caller whose every call is a blocking {@code send} of a small body, such as
         * {@link Provisioner}, where those hand-offs cost more than the exchange. Not for downloads,
         * whose file writes would then hold up every other connection.
         */
        Builder callbacksInline() {
            this.callbacksInline = true;
            return this;
        }

        Clock configuredClock() {
            return clock;
        }

        Sleeper configuredSleeper() {
            return sleeper;
        }

        public GausClient build() {
            if (serverUrl == null) {
                throw new IllegalStateException("serverUrl is required");
            }
            if (sslContext != null && !pins.isEmpty()) {
                throw new IllegalStateException("pinPublicKey cannot be combined with sslContext: "
                        + "pin in the trust manager of your SSLContext, or give a caCertificate instead");
            }
            return new GausClient(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}

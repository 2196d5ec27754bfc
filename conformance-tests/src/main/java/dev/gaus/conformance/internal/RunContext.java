package dev.gaus.conformance.internal;

import dev.gaus.core.UpdateKey;
import dev.gaus.core.message.AuthParameters;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one kit run shares with the glue, which Cucumber instantiates itself and so cannot be
 * handed anything: the server, its product keys, the HTTP client, the masker and where each
 * scenario's last exchange is kept. Runs are one at a time, so a single current context will do.
 */
public final class RunContext {
    private static volatile RunContext current;

    private final URI server;
    private final AuthParameters productKeys;
    private final Duration tokenTtl;
    private final HttpClient httpClient;
    private final Duration requestTimeout;
    private final Masker masker = new Masker();
    private final PrintStream progress;
    private final Map<String, String> lastExchanges = new ConcurrentHashMap<>();
    private final List<String> expectedUpdateTypes;
    private final Map<String, String> updateParams;
    private final UpdateKey updateKey;
    private final ScenarioCatalog catalog;
    private final Map<String, String> expectedFailures;

    /**
     * @param caCertificate PEM CA certificates to trust instead of the platform's, or null
     * @param updateKey the key offered updates must be signed by, or null when the kit was not told one
     * @param catalog the kit's scenarios, by which each result finds its ID
     * @param expectedFailures the IDs of the scenarios expected to fail, each with its reason
     */
    public RunContext(URI server, AuthParameters productKeys, Duration tokenTtl, Duration requestTimeout,
            PrintStream progress, List<String> expectedUpdateTypes, Map<String, String> updateParams,
            Path caCertificate, UpdateKey updateKey, ScenarioCatalog catalog, Map<String, String> expectedFailures) {
        this.updateKey = updateKey;
        this.catalog = catalog;
        this.expectedFailures = Map.copyOf(expectedFailures);
        this.expectedUpdateTypes = List.copyOf(expectedUpdateTypes);
        this.updateParams = Map.copyOf(updateParams);
        this.server = server;
        this.productKeys = productKeys;
        this.tokenTtl = tokenTtl;
        this.requestTimeout = requestTimeout;
        this.progress = progress;
        HttpClient.Builder http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslParameters(KitTls.parameters());
        if (caCertificate != null) {
            http.sslContext(KitTls.trusting(caCertificate));
        }
        this.httpClient = http.build();
        masker.add(productKeys.secretKey());
    }

    public static RunContext current() {
        RunContext context = current;
        if (context == null) {
            throw new IllegalStateException("the GAUS conformance scenarios run only through the kit's runner "
                    + "(dev.gaus.conformance.ConformanceKit), which tells them the server and its keys");
        }
        return context;
    }

    public static void open(RunContext context) {
        current = context;
    }

    public static void close() {
        current = null;
    }

    /** The update types the server should offer a device sending {@link #updateParams()}. */
    public List<String> expectedUpdateTypes() {
        return expectedUpdateTypes;
    }

    /** The query parameters of a device that should be offered the expected updates. */
    public Map<String, String> updateParams() {
        return updateParams;
    }

    /** The key the server's updates are signed by, if the kit was told one. */
    public Optional<UpdateKey> updateKey() {
        return Optional.ofNullable(updateKey);
    }

    public ScenarioCatalog catalog() {
        return catalog;
    }

    /** The reason a scenario is expected to fail, if the run was told it is. */
    public Optional<String> expectedFailure(String scenarioId) {
        return Optional.ofNullable(expectedFailures.get(scenarioId));
    }

    public URI server() {
        return server;
    }

    public AuthParameters productKeys() {
        return productKeys;
    }

    /** The token lifetime the user told the kit, if any. */
    public Optional<Duration> tokenTtl() {
        return Optional.ofNullable(tokenTtl);
    }

    public HttpClient httpClient() {
        return httpClient;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Masker masker() {
        return masker;
    }

    public PrintStream progress() {
        return progress;
    }

    public void recordLastExchange(String scenarioId, String description) {
        lastExchanges.put(scenarioId, description);
    }

    public Optional<String> lastExchange(String scenarioId) {
        return Optional.ofNullable(lastExchanges.get(scenarioId));
    }
}

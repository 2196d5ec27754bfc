package dev.gaus.conformance;

import dev.gaus.conformance.internal.ExpectedFailuresFile;
import dev.gaus.core.UpdateKey;
import dev.gaus.core.internal.BootstrapFile;
import dev.gaus.core.message.AuthParameters;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the kit.
 *
 * @param server the server's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param productKeys keys of a product on that server; the scenarios register devices with them
 * @param tags a Cucumber tag expression, or null for every scenario the options allow
 * @param reportDir where to write HTML, JUnit XML and Cucumber JSON reports, or null for none
 * @param tokenTtl the server's token lifetime; the scenarios tagged {@code @token-expiry} run
 *     only when it is given, since they wait for a token to expire
 * @param requestTimeout how long to wait for one answer
 * @param out where progress and the final table go
 * @param expectedUpdateTypes the update types the server offers a device sending
 *     {@code updateParams}; the scenarios tagged {@code @needs-update} run only when this is not
 *     empty, since the protocol has no call to publish an update
 * @param updateParams the query parameters of such a device, e.g. {@code firmware-version=0.0.1}
 * @param caCertificate a PEM file of the CA certificates to trust for an https server instead of
 *     the platform's, or null for the platform's
 * @param updateKey the public key the server's updates are signed by; the scenarios tagged
 *     {@code @signed} run only when it is given, since nothing over the API names it
 * @param expectedFailures the IDs of scenarios known to fail against this server, each with the
 *     reason (may be empty): their failures do not fail the run, and the report says when one
 *     passes; an ID that names no scenario of the kit makes the run refuse to start
 */
public record KitOptions(URI server, AuthParameters productKeys, String tags, Path reportDir, Duration tokenTtl,
        Duration requestTimeout, PrintStream out, List<String> expectedUpdateTypes, Map<String, String> updateParams,
        Path caCertificate, UpdateKey updateKey, Map<String, String> expectedFailures) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public KitOptions {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(productKeys, "productKeys");
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        out = out == null ? System.out : out;
        if (tokenTtl != null && (tokenTtl.isNegative() || tokenTtl.isZero())) {
            throw new IllegalArgumentException("the token lifetime must be positive");
        }
        expectedUpdateTypes = expectedUpdateTypes == null ? List.of() : List.copyOf(expectedUpdateTypes);
        updateParams = updateParams == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(updateParams));
        expectedFailures = expectedFailures == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(expectedFailures));
        if (new HashSet<>(expectedUpdateTypes).size() != expectedUpdateTypes.size()) {
            throw new IllegalArgumentException("an update type is expected twice");
        }
    }

    public KitOptions(URI server, AuthParameters productKeys, String tags, Path reportDir, Duration tokenTtl,
            Duration requestTimeout, PrintStream out, List<String> expectedUpdateTypes, Map<String, String> updateParams,
            Path caCertificate) {
        this(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, expectedUpdateTypes, updateParams,
                caCertificate, null, null);
    }

    public KitOptions(URI server, AuthParameters productKeys, String tags, Path reportDir, Duration tokenTtl,
            Duration requestTimeout, PrintStream out, List<String> expectedUpdateTypes, Map<String, String> updateParams) {
        this(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, expectedUpdateTypes, updateParams,
                null, null, null);
    }

    public KitOptions(URI server, AuthParameters productKeys, String tags, Path reportDir, Duration tokenTtl,
            Duration requestTimeout, PrintStream out) {
        this(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, null, null, null, null, null);
    }

    public KitOptions(URI server, AuthParameters productKeys) {
        this(server, productKeys, null, null, null, null, null);
    }

    /**
     * The server, product keys and CA certificate of a bootstrap file ({@code GAUS_URL},
     * {@code PRODUCT_ACCESS_KEY}, {@code PRODUCT_SECRET_KEY}, {@code GAUS_CA_CERT}), read as
     * {@code --bootstrap} reads them, so a test need not parse the file itself.
     *
     * @throws dev.gaus.core.GausException when the file cannot be read or lacks the URL or a key
     */
    public static KitOptions fromBootstrap(Path bootstrapFile) {
        BootstrapFile file = BootstrapFile.read(bootstrapFile);
        return new KitOptions(file.requireServerUrl(), file.requireProductKeys())
                .withCaCertificate(file.caCertificate().orElse(null));
    }

    /** Enables the {@code @needs-update} scenarios: the server offers these types to a device sending these parameters. */
    public KitOptions withExpectedUpdates(List<String> types, Map<String, String> params) {
        return new KitOptions(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, types, params,
                caCertificate, updateKey, expectedFailures);
    }

    /** Trusts only the CA certificates of this PEM file for an https server. */
    public KitOptions withCaCertificate(Path caCertificate) {
        return new KitOptions(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, expectedUpdateTypes,
                updateParams, caCertificate, updateKey, expectedFailures);
    }

    /** Enables the {@code @signed} scenarios: every offered update must be signed by this key. */
    public KitOptions withUpdateKey(UpdateKey updateKey) {
        return new KitOptions(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, expectedUpdateTypes,
                updateParams, caCertificate, updateKey, expectedFailures);
    }

    public KitOptions withTags(String tags) {
        return new KitOptions(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, expectedUpdateTypes,
                updateParams, caCertificate, updateKey, expectedFailures);
    }

    public KitOptions withReportDir(Path reportDir) {
        return new KitOptions(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, expectedUpdateTypes,
                updateParams, caCertificate, updateKey, expectedFailures);
    }

    public KitOptions withTokenTtl(Duration tokenTtl) {
        return new KitOptions(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, expectedUpdateTypes,
                updateParams, caCertificate, updateKey, expectedFailures);
    }

    /** How long to wait for one answer ({@code --timeout-seconds}); null for the default. */
    public KitOptions withRequestTimeout(Duration requestTimeout) {
        return new KitOptions(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, expectedUpdateTypes,
                updateParams, caCertificate, updateKey, expectedFailures);
    }

    public KitOptions withOut(PrintStream out) {
        return new KitOptions(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, expectedUpdateTypes,
                updateParams, caCertificate, updateKey, expectedFailures);
    }

    /** Scenarios known to fail: ID to reason. Their failures do not fail the run. */
    public KitOptions withExpectedFailures(Map<String, String> expectedFailures) {
        return new KitOptions(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, expectedUpdateTypes,
                updateParams, caCertificate, updateKey, expectedFailures);
    }

    /**
     * The expected failures of a file in the {@code --expected-failures} format: one scenario ID
     * a line, {@code # reason} after it, blank lines and comments allowed.
     *
     * @throws KitException when the file cannot be read
     */
    public KitOptions withExpectedFailuresFile(Path file) {
        return withExpectedFailures(ExpectedFailuresFile.read(file));
    }
}

package dev.gaus.conformance.cli;

import dev.gaus.conformance.ConformanceKit;
import dev.gaus.conformance.KitException;
import dev.gaus.conformance.KitOptions;
import dev.gaus.conformance.KitReport;
import dev.gaus.conformance.internal.ExpectedFailuresFile;
import dev.gaus.conformance.internal.KitVersion;
import dev.gaus.conformance.internal.ScenarioCatalog;
import dev.gaus.conformance.internal.ScenarioList;
import dev.gaus.conformance.internal.SummaryJson;
import dev.gaus.conformance.internal.SummaryTable;
import dev.gaus.core.GausException;
import dev.gaus.core.UpdateKey;
import dev.gaus.core.UpdateSignatureException;
import dev.gaus.core.internal.BootstrapFile;
import dev.gaus.core.message.AuthParameters;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar gaus-conformance.jar}: judges a GAUS server. Exit code 0 when every selected
 * scenario passed (expected failures aside), 1 when one failed, 2 when the kit could not run.
 */
@Command(name = "gaus-conformance", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = Main.Version.class,
        description = "Runs the GAUS conformance scenarios against a server and tells which pass.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every selected scenario passed (or failed as --expected-failures says)",
                "1:a scenario failed that is not an expected failure",
                "2:the kit could not run (bad arguments, server unreachable, no scenario selected)"})
public final class Main implements Callable<Integer> {
    public static final int ALL_PASSED = 0;
    public static final int SCENARIO_FAILED = 1;
    public static final int CANNOT_RUN = 2;

    @Option(names = "--server", paramLabel = "URL", description = "The server's base URL (default: GAUS_URL of --bootstrap).")
    URI server;

    @Option(names = "--product-access-key", paramLabel = "KEY", description = "Access key of a product on the server.")
    String productAccessKey;

    @Option(names = "--product-secret-key", paramLabel = "KEY", description = "Secret key of that product.")
    String productSecretKey;

    @Option(names = "--bootstrap", paramLabel = "FILE",
            description = "A bootstrap.conf with GAUS_URL, PRODUCT_ACCESS_KEY and PRODUCT_SECRET_KEY.")
    Path bootstrap;

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "PEM CA certificate(s) to trust for an https server instead of the platform's "
                    + "(default: GAUS_CA_CERT of --bootstrap).")
    Path caCert;

    @Option(names = "--tags", paramLabel = "EXPR",
            description = "Cucumber tag expression, e.g. \"not @strict\" for the core scenarios only.")
    String tags;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "gaus-conformance-report",
            description = "Where to write cucumber.html, cucumber-junit.xml and cucumber.json (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--token-ttl-seconds", paramLabel = "N",
            description = "The server's token lifetime; enables the @token-expiry scenarios, which wait N+1 seconds.")
    Long tokenTtlSeconds;

    @Option(names = "--expect-update", paramLabel = "TYPE",
            description = "An updateType the server offers a device sending the --update-param values (repeatable);"
                    + " enables the @needs-update scenarios.")
    List<String> expectedUpdates = new ArrayList<>();

    @Option(names = "--update-param", paramLabel = "KEY=VALUE",
            description = "A query parameter of that device, e.g. firmware-version=0.0.1 (repeatable).")
    Map<String, String> updateParams = new LinkedHashMap<>();

    @Option(names = "--update-key", paramLabel = "ID:KEY",
            description = "The key the server's updates are signed by, as GAUS_UPDATE_KEYS lists it (<key id>:<public"
                    + " key>); enables the @signed scenarios.")
    String updateKey;

    @Option(names = "--expected-failures", paramLabel = "FILE",
            description = "Scenario IDs known to fail, one per line with an optional # reason: their failures do not"
                    + " fail the run, and the table says when one passes now.")
    Path expectedFailures;

    @Option(names = "--list",
            description = "Print the ID, tags and title of every scenario (those of --tags, if given) and exit;"
                    + " no server is needed.")
    boolean list;

    @Option(names = "--timeout-seconds", paramLabel = "N", defaultValue = "10",
            description = "How long to wait for one answer (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    private final PrintStream out;

    Main(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new Main(out))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setExitCodeExceptionMapper(e -> CANNOT_RUN)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("gaus-conformance: " + e.getMessage());
                    return CANNOT_RUN;
                })
                .setParameterExceptionHandler((e, parsedArgs) -> {
                    e.getCommandLine().getErr().println("gaus-conformance: " + e.getMessage()
                            + " (see --help)");
                    return CANNOT_RUN;
                });
        return commandLine.execute(args);
    }

    /** {@code --version}: the version the build wrote into the kit. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gaus-conformance " + KitVersion.get()};
        }
    }

    @Override
    public Integer call() {
        if (list) {
            ScenarioList.print(ScenarioCatalog.ofKit(), tags, out);
            return ALL_PASSED;
        }
        KitOptions options = options();
        KitReport report;
        try {
            report = ConformanceKit.run(options);
        } catch (GausException | UncheckedIOException e) {
            throw new KitException(e.getMessage());
        }
        SummaryTable.print(report, out);
        out.println("Reports: " + options.reportDir().toAbsolutePath()
                + " (cucumber.html, cucumber-junit.xml, cucumber.json, " + SummaryJson.FILE_NAME + ")");
        return report.allPassed() ? ALL_PASSED : SCENARIO_FAILED;
    }

    private KitOptions options() {
        URI url = server;
        String accessKey = productAccessKey;
        String secretKey = productSecretKey;
        Path ca = caCert;
        if (bootstrap != null) {
            // Options given on the command line win over the file's values.
            BootstrapFile file = BootstrapFile.read(bootstrap);
            ca = ca != null ? ca : file.caCertificate().orElse(null);
            url = url != null ? url : file.serverUrl().orElse(null);
            accessKey = accessKey != null ? accessKey : file.productAccessKey().orElse(null);
            secretKey = secretKey != null ? secretKey : file.productSecretKey().orElse(null);
        }
        if (url == null) {
            throw new KitException("no server given: use --server URL or --bootstrap FILE");
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())
                || url.getHost() == null) {
            throw new KitException("--server must be an http or https URL such as http://127.0.0.1:8080");
        }
        if (accessKey == null || accessKey.isEmpty() || secretKey == null || secretKey.isEmpty()) {
            throw new KitException("no product keys given: use --product-access-key and --product-secret-key,"
                    + " or --bootstrap FILE");
        }
        if (tokenTtlSeconds != null && tokenTtlSeconds <= 0) {
            throw new KitException("--token-ttl-seconds must be positive");
        }
        if (timeoutSeconds <= 0) {
            throw new KitException("--timeout-seconds must be positive");
        }
        if (expectedUpdates.isEmpty() && !updateParams.isEmpty()) {
            throw new KitException("--update-param needs --expect-update TYPE: which update should the server offer?");
        }
        for (String type : expectedUpdates) {
            if (type.isBlank()) {
                throw new KitException("--expect-update needs an updateType such as firmware");
            }
        }
        if (new HashSet<>(expectedUpdates).size() != expectedUpdates.size()) {
            throw new KitException("--expect-update names one updateType twice");
        }
        if (ca != null && !Files.isRegularFile(ca)) {
            throw new KitException("the CA certificate " + ca + " does not exist");
        }
        UpdateKey key = null;
        if (updateKey != null) {
            try {
                key = UpdateKey.parse(updateKey);
            } catch (UpdateSignatureException e) {
                throw new KitException("--update-key: " + e.getMessage());
            }
        }
        return new KitOptions(url, new AuthParameters(accessKey, secretKey), tags, reportDir,
                tokenTtlSeconds == null ? null : Duration.ofSeconds(tokenTtlSeconds),
                Duration.ofSeconds(timeoutSeconds), out, expectedUpdates, updateParams, ca, key,
                expectedFailures == null ? Map.of() : ExpectedFailuresFile.read(expectedFailures));
    }
}

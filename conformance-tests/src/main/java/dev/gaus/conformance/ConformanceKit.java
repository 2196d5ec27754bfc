package dev.gaus.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dev.gaus.conformance.internal.Exchange;
import dev.gaus.conformance.internal.KitHttp;
import dev.gaus.conformance.internal.ResultListener;
import dev.gaus.conformance.internal.RunContext;
import dev.gaus.conformance.internal.ScenarioCatalog;
import dev.gaus.conformance.internal.SummaryJson;
import dev.gaus.conformance.internal.World;
import dev.gaus.conformance.steps.Hooks;
import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionException;
import io.cucumber.tagexpressions.TagExpressionParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the conformance scenarios against a server, in-process, through the JUnit Platform's
 * Cucumber engine. One run at a time per JVM: the glue finds the run's settings in a shared place.
 */
public final class ConformanceKit {
    /** Scenarios that wait for a token to expire: selected only when the token lifetime is given. */
    public static final String TOKEN_EXPIRY_TAG = "@token-expiry";
    /** Scenarios that need an update published on the server: selected only when the kit is told what it offers. */
    public static final String NEEDS_UPDATE_TAG = "@needs-update";
    /** Scenarios that check update signatures: selected only when the kit is told the signing key. */
    public static final String SIGNED_TAG = "@signed";

    /**
     * The step definitions' package, named after a class in it so a rename cannot leave Cucumber
     * looking in the wrong place. It is apart from this API package so that the module exports
     * no glue.
     */
    private static final String GLUE_PACKAGE = Hooks.class.getPackageName();

    private static final Object ONE_RUN_AT_A_TIME = new Object();

    private ConformanceKit() {}

    /**
     * Probes the server, runs the selected scenarios and returns a verdict per scenario.
     *
     * @throws KitException when the server cannot be reached, refuses the product keys, or no
     *     scenario is selected
     */
    public static KitReport run(KitOptions options) {
        synchronized (ONE_RUN_AT_A_TIME) {
            ScenarioCatalog catalog = ScenarioCatalog.ofKit();
            requireKnownIds(options.expectedFailures().keySet(), catalog);
            parseTags(tagExpression(options));
            RunContext context = new RunContext(options.server(), options.productKeys(), options.tokenTtl(),
                    options.requestTimeout(), options.out(), options.expectedUpdateTypes(), options.updateParams(),
                    options.caCertificate(), options.updateKey(), catalog, options.expectedFailures());
            RunContext.open(context);
            try {
                probe(context);
                KitReport report = launch(options, catalog);
                if (options.reportDir() != null) {
                    SummaryJson.write(report, options.server(), options.reportDir());
                }
                return report;
            } finally {
                RunContext.close();
                ResultListener.drain();
            }
        }
    }

    /** An expected failure that names no scenario is a mistake in the list, not a scenario to wait for. */
    private static void requireKnownIds(Set<String> ids, ScenarioCatalog catalog) {
        List<String> unknown = ids.stream().filter(id -> catalog.byId(id).isEmpty()).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new KitException("the expected failures name " + (unknown.size() == 1 ? "an ID" : "IDs")
                    + " that no scenario has: " + String.join(", ", unknown) + " (--list shows every scenario's ID)");
        }
    }

    /** The tag expression the run uses: the user's, less what the options cannot run. */
    public static String tagExpression(KitOptions options) {
        List<String> parts = new ArrayList<>();
        if (options.tags() != null && !options.tags().isBlank()) {
            parts.add("(" + options.tags() + ")");
        }
        if (options.tokenTtl() == null) {
            parts.add("not " + TOKEN_EXPIRY_TAG);
        }
        if (options.expectedUpdateTypes().isEmpty()) {
            parts.add("not " + NEEDS_UPDATE_TAG);
        }
        if (options.updateKey() == null) {
            parts.add("not " + SIGNED_TAG);
        }
        return String.join(" and ", parts);
    }

    private static KitReport launch(KitOptions options, ScenarioCatalog catalog) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(ScenarioCatalog.FEATURES_PACKAGE))
                .filters(EngineFilter.includeEngines("cucumber"))
                .configurationParameter("cucumber.glue", GLUE_PACKAGE)
                .configurationParameter("cucumber.filter.tags", tagExpression(options))
                .configurationParameter("cucumber.plugin", plugins(options.reportDir()))
                // Features run in the order of their file names: the rate-limit feature comes last.
                .configurationParameter("cucumber.execution.order", "lexical")
                .configurationParameter("cucumber.execution.parallel.enabled", "false")
                .configurationParameter("cucumber.publish.quiet", "true")
                .configurationParameter("cucumber.ansi-colors.disabled", "true");
        LauncherDiscoveryRequest discovery = request.build();
        Launcher launcher = LauncherFactory.create();
        TestPlan plan = launcher.discover(discovery);
        // The Cucumber engine applies the tag filter while executing, so count what it will run here.
        Expression filter = parseTags(tagExpression(options));
        long selected = plan.countTestIdentifiers(test -> test.isTest()
                && filter.evaluate(test.getTags().stream().map(tag -> "@" + tag.getName()).toList()));
        if (selected == 0) {
            throw new KitException("no scenario matches the tag expression " + tagExpression(options));
        }
        options.out().printf("Running %d scenarios against %s (tags: %s)%n", selected, options.server(),
                tagExpression(options));
        if (options.tokenTtl() == null) {
            options.out().println("The " + TOKEN_EXPIRY_TAG + " scenarios run only when the server's token "
                    + "lifetime is given (--token-ttl-seconds).");
        }
        if (options.expectedUpdateTypes().isEmpty()) {
            options.out().println("The " + NEEDS_UPDATE_TAG + " scenarios run only when the kit is told what the "
                    + "server offers (--expect-update TYPE --update-param KEY=VALUE).");
        }
        if (options.updateKey() == null) {
            options.out().println("The " + SIGNED_TAG + " scenarios run only when the kit is told the key the "
                    + "server's updates are signed by (--update-key \"<key id>:<public key>\").");
        }
        launcher.execute(plan);
        List<ScenarioResult> ran = ResultListener.drain();
        if (ran.size() != selected) {
            throw new KitException(selected + " scenarios were selected but " + ran.size()
                    + " ran: the kit itself is broken");
        }
        return new KitReport(ran, notRun(catalog, ran, options));
    }

    /** The catalog's scenarios that did not run, as skipped results. */
    private static List<ScenarioResult> notRun(ScenarioCatalog catalog, List<ScenarioResult> ran, KitOptions options) {
        Set<String> ranIds = ran.stream().map(ScenarioResult::id).collect(Collectors.toSet());
        List<ScenarioResult> skipped = new ArrayList<>();
        for (ScenarioCatalog.Entry e : catalog.entries()) {
            if (!ranIds.contains(e.id())) {
                skipped.add(new ScenarioResult(e.id(), e.title(), e.feature(), e.line(), e.tags(), "SKIPPED", null, null,
                        Duration.ZERO, options.expectedFailures().get(e.id())));
            }
        }
        return skipped;
    }

    private static Expression parseTags(String expression) {
        try {
            return TagExpressionParser.parse(expression);
        } catch (TagExpressionException e) {
            throw new KitException("not a tag expression: " + expression + " (" + e.getMessage() + ")");
        }
    }

    private static String plugins(Path reportDir) {
        String plugins = ResultListener.class.getName();
        if (reportDir == null) {
            return plugins;
        }
        try {
            Files.createDirectories(reportDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the report directory " + reportDir, e);
        }
        Path dir = reportDir.toAbsolutePath();
        return plugins + ", html:" + dir.resolve("cucumber.html") + ", junit:" + dir.resolve("cucumber-junit.xml")
                + ", json:" + dir.resolve("cucumber.json");
    }

    /**
     * Makes one real registration before any scenario, so that an unreachable server, a server
     * that is still refusing this client (429) or wrong product keys stop the run with one clear
     * message instead of failing every scenario.
     */
    private static void probe(RunContext context) {
        var keys = context.productKeys();
        Exchange exchange = new KitHttp(context).send("POST", "/register", Map.of("Content-Type", World.JSON),
                World.registerBody("gaus-conformance-probe", keys.accessKey(), keys.secretKey())
                        .getBytes(StandardCharsets.UTF_8));
        if (exchange.status() < 0) {
            throw new KitException("cannot reach the server at " + context.server() + ": " + exchange.error());
        }
        if (exchange.status() == 429) {
            throw new KitException("the server answers 429 Too Many Requests (Retry-After: "
                    + exchange.header("Retry-After").orElse("not given")
                    + "): it throttles this client's product key or address after earlier failed authentications; run again later");
        }
        if (exchange.status() == 401 || exchange.status() == 403) {
            throw new KitException("the server refuses the product keys (HTTP " + exchange.status()
                    + " to POST /register): check --product-access-key and --product-secret-key");
        }
    }
}

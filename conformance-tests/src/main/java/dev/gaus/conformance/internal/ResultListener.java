package dev.gaus.conformance.internal;

import dev.gaus.conformance.ScenarioResult;
import dev.gaus.conformance.Verdict;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Cucumber plugin that collects each scenario's verdict into the current run and prints a
 * progress line as each one finishes.
 */
public final class ResultListener implements ConcurrentEventListener {
    private static final List<ScenarioResult> RESULTS = new ArrayList<>();

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseFinished.class, this::finished);
    }

    private void finished(TestCaseFinished event) {
        RunContext context = RunContext.current();
        TestCase testCase = event.getTestCase();
        Result result = event.getResult();
        String path = testCase.getUri().toString();
        String feature = path.substring(path.lastIndexOf('/') + 1);
        int line = testCase.getLocation().getLine();
        String failure = null;
        if (result.getStatus() != Status.PASSED) {
            failure = describe(result, context.masker());
        }
        // The catalog read the same feature files, so every scenario that runs is in it.
        ScenarioCatalog.Entry entry = context.catalog().at(feature, line).orElseThrow(() ->
                new IllegalStateException("the scenario at " + feature + ":" + line + " is not in the kit's catalog"));
        ScenarioResult scenario = new ScenarioResult(entry.id(), testCase.getName(), feature, line, entry.tags(),
                result.getStatus().name(), failure, context.lastExchange(testCase.getId().toString()).orElse(null),
                result.getDuration(), context.expectedFailure(entry.id()).orElse(null));
        int number;
        synchronized (RESULTS) {
            RESULTS.add(scenario);
            number = RESULTS.size();
        }
        context.progress().printf("%4d %s %s %s%n", number, progressWord(scenario.verdict()), scenario.id(),
                scenario.name());
    }

    private static String progressWord(Verdict verdict) {
        return switch (verdict) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case EXPECTED_FAILURE -> "FAIL (expected)";
            case PASSING_EXPECTED_FAILURE -> "PASS (expected to fail)";
            case SKIPPED -> "SKIP";
        };
    }

    private static String describe(Result result, Masker masker) {
        Throwable error = result.getError();
        if (error == null) {
            return result.getStatus() == Status.UNDEFINED ? "a step has no definition in this kit"
                    : result.getStatus().name().toLowerCase(Locale.ROOT);
        }
        String message = error.getMessage() == null ? "" : error.getMessage();
        String text = error instanceof AssertionError ? message : error.getClass().getSimpleName() + ": " + message;
        return masker.mask(text);
    }

    /** Takes the results collected so far and starts a new collection. */
    public static List<ScenarioResult> drain() {
        synchronized (RESULTS) {
            List<ScenarioResult> results = List.copyOf(RESULTS);
            RESULTS.clear();
            return results;
        }
    }
}

package dev.gaus.conformance.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gaus.conformance.ConformanceKit;
import dev.gaus.conformance.KitOptions;
import dev.gaus.conformance.KitReport;
import dev.gaus.server.GausServer;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of the README's "Using the kit from code", verbatim: a package of its own and only
 * the exported API, as in an implementer's build, so the README cannot show code that no longer
 * compiles or passes.
 */
class ServerConformanceTest {
    @TempDir
    Path dataDir;

    @Test
    void server_passesTheConformanceKit() {
        try (GausServer server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dataDir).start()) {
            KitReport report = ConformanceKit.run(KitOptions.fromBootstrap(server.bootstrapFile())
                    .withTags("@id:register-answer or @id:authenticate-answer")
                    .withReportDir(dataDir.resolve("conformance-report")));

            assertEquals(2, report.scenarios().size());
            assertTrue(report.allPassed(), () -> report.failed().stream()
                    .map(s -> s.id() + " (" + s.location() + "): " + s.failureMessage().orElse(""))
                    .collect(Collectors.joining("\n")));
        }
    }
}

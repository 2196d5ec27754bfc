package dev.gaus.device.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a vendor ships with the library: its own jar and its runtime dependencies (sdk-core and
 * jackson-core; picocli is optional and only the CLI uses it) stay within 2.5 MB.
 */
class FootprintIT {
    private static final long LIMIT_BYTES = 2_500_000;

    @Test
    void libraryAndRuntimeDependencies_fitIn2_5MB() throws Exception {
        Path target = Path.of(System.getProperty("gaus.device.jar")).getParent();
        Path library;
        try (Stream<Path> jars = Files.list(target)) {
            library = jars.filter(p -> p.getFileName().toString().matches("sdk-device-[0-9.]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow();
        }
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        Path core = only(classpath, "sdk-core-");
        Path jackson = only(classpath, "jackson-core-");

        long total = Files.size(library) + Files.size(core) + Files.size(jackson);

        System.out.printf("sdk-device runtime footprint: %d bytes (%s %d, %s %d, %s %d)%n", total,
                library.getFileName(), Files.size(library), core.getFileName(), Files.size(core),
                jackson.getFileName(), Files.size(jackson));
        assertThat(total).isLessThanOrEqualTo(LIMIT_BYTES);
    }

    private static Path only(List<Path> classpath, String prefix) {
        List<Path> found = classpath.stream().filter(p -> p.getFileName().toString().startsWith(prefix)
                && p.getFileName().toString().endsWith(".jar")).toList();
        assertThat(found).as(prefix + "*.jar on the class path").hasSize(1);
        return found.get(0);
    }
}

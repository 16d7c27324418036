package dev.seedwatch.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a real binary (Debian's prometheus, prometheus-pushgateway, promtool) for integration tests. Missing on a
 * developer machine: the test is skipped with the install command. Missing under CI=true: the test fails.
 */
public final class RealBinary {

    private RealBinary() {
    }

    public static Path require(String name) {
        Optional<Path> found = Stream.concat(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)),
                Stream.of("/usr/bin", "/usr/local/bin"))
                .filter(s -> !s.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String message = name + " is not installed (apt-get install -y prometheus prometheus-pushgateway)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + "; CI must install it");
        }
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }
}

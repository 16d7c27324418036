package dev.seedwatch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's real {@code promtool} and captures what it printed (stdout and stderr together). */
public final class Promtool {

    public record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    /** {@code promtool args...} in {@code workDir}; fails the test if it does not finish within 5 minutes. */
    public static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, ProcessBuilder.Redirect.PIPE, args);
    }

    /** {@code promtool check metrics < file}: the metric names, HELP, TYPE and sample lines of an exposition. */
    public static Result checkMetrics(Path file) throws IOException, InterruptedException {
        return run(file.getParent(), ProcessBuilder.Redirect.from(file.toFile()), "check", "metrics");
    }

    private static Result run(Path workDir, ProcessBuilder.Redirect input, String... args)
            throws IOException, InterruptedException {
        Path binary = RealBinary.require("promtool");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("promtool", ".txt");
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectInput(input).redirectOutput(output.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), String.join(" ", command) + " (in " + workDir + ")\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}

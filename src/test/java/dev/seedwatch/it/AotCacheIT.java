package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.RealBinary;
import dev.seedwatch.testing.RealParts;
import dev.seedwatch.testing.RealParts.Started;

/**
 * The JDK 25 AOT cache as a user meets it: {@code bin/train-aot} trains one for a copy of the built app, and
 * {@code bin/seedwatch} then starts from it on that JDK; on JDK 17, or once a jar changed, it runs without it and
 * without a word about it.
 */
@ExtendWith(RealParts.class)
class AotCacheIT {

    @Started
    static FakeOpenAi fake;
    static Path jdk25;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        jdk25 = jdk25();
        fake.reply("steady", new Reply("Paris.", "fp_aot", "gpt-4o-mini-2024-07-18"));
    }

    /** A JDK 25+: {@code SEEDWATCH_JDK25}, setup-java's {@code JAVA_HOME_25_X64}, or Temurin under /usr/lib/jvm. */
    private static Path jdk25() {
        Stream<Path> candidates = Stream.of(System.getenv("SEEDWATCH_JDK25"), System.getenv("JAVA_HOME_25_X64"),
                "/usr/lib/jvm/temurin-25-jdk-amd64").filter(p -> p != null && !p.isBlank()).map(Path::of);
        Optional<Path> found = candidates.filter(p -> Files.isExecutable(p.resolve("bin/java"))).findFirst();
        if (found.isEmpty()) {
            throw RealBinary.missing("no JDK 25 (set SEEDWATCH_JDK25, or install Temurin 25)");
        }
        return found.get();
    }

    record Result(int exitCode, String output) {
    }

    private static Result run(Path workDir, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("SEEDWATCH_") || k.startsWith("JAVA_OPTS"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Process p = builder.redirectOutput(out.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 180 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** The built app copied with its files' times, without any cache a developer trained for target/. */
    private Path app() throws IOException {
        Path from = Path.of(System.getProperty("quarkus.app.path", "target/quarkus-app")).toAbsolutePath();
        Path to = dir.resolve("quarkus-app");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.getFileName().toString().startsWith("app.aot")) {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private Path suite() throws IOException {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: aot
                defaults: {seed: 1, temperature: 0, max-tokens: 20, replays: 2}
                targets: [{name: fake, base-url: "%s", model: gpt-4o-mini}]
                prompts: [{id: steady, messages: [{role: user, content: steady}]}]
                """.formatted(fake.baseUrl()));
        return suite;
    }

    private Result seedwatch(Path app, Path java, Path aotLog) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(Map.of("JAVA_HOME", java.toString(), "SEEDWATCH_JAR",
                app.resolve("quarkus-run.jar").toString()));
        if (aotLog != null) {
            env.put("JAVA_OPTS_APPEND", "-Xlog:aot=info:file=" + aotLog);
        }
        return run(dir, env, Path.of("bin/seedwatch").toAbsolutePath().toString(), "run", "--suite",
                suite().toString(), "--state-dir", dir.resolve("state").toString());
    }

    private static String log(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    @Test
    void aTrainedCacheIsUsedOnItsJdkAndLeftAloneOtherwise() throws Exception {
        Path app = app();
        Result trained = run(dir, Map.of("JAVA_HOME", jdk25.toString(), "SEEDWATCH_JAR",
                app.resolve("quarkus-run.jar").toString()), Path.of("bin/train-aot").toAbsolutePath().toString());
        assertThat(trained.exitCode()).as(trained.output()).isZero();
        assertThat(app.resolve("app.aot")).isNotEmptyFile();
        assertThat(app.resolve("app.aot.stamp")).isNotEmptyFile();

        Path used = dir.resolve("used.log");
        Result onJdk25 = seedwatch(app, jdk25, used);
        assertThat(onJdk25.exitCode()).as(onJdk25.output()).isZero();
        assertThat(log(used)).contains("Opened AOT cache " + app.resolve("app.aot"));

        // JDK 17 does not know the option: passing it would fail the start
        Result onJdk17 = seedwatch(app, Path.of(System.getProperty("java.home")), null);
        assertThat(onJdk17.exitCode()).as(onJdk17.output()).isZero();
        assertThat(onJdk17.output()).doesNotContain("AOT");

        // a rebuilt jar: the cache no longer matches, so the JVM is not asked to use it (and warn)
        try (Stream<Path> jars = Files.list(app.resolve("lib/main"))) {
            Path jar = jars.filter(f -> f.toString().endsWith(".jar")).findFirst().orElseThrow();
            Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 86_400_000));
        }
        Path stale = dir.resolve("stale.log");
        Result rebuilt = seedwatch(app, jdk25, stale);
        assertThat(rebuilt.exitCode()).as(rebuilt.output()).isZero();
        assertThat(log(stale)).doesNotContain("Opened AOT cache");
        assertThat(rebuilt.output()).doesNotContain("AOT").doesNotContain("CDS");
        assertThat(List.of(onJdk25, onJdk17, rebuilt)).allSatisfy(r -> assertThat(r.output()).contains("steady"));
    }
}

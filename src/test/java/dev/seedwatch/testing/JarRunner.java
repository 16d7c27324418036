package dev.seedwatch.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built jar ({@code target/quarkus-app/quarkus-run.jar}) as a user would, in its own process; or the
 * native executable, when the build that ran last made one (as {@code target/quarkus-artifact.properties} says,
 * {@code ./mvnw -Pnative verify}).
 */
public final class JarRunner {

    public record Result(int exitCode, String stdout, String stderr) {
        public String all() {
            return stdout + stderr;
        }
    }

    private final Path jar;
    private final Path workDir;
    private final Optional<Path> executable;

    public JarRunner(Path workDir) {
        this.jar = Path.of(System.getProperty("quarkus.app.path", "target/quarkus-app"), "quarkus-run.jar")
                .toAbsolutePath();
        this.workDir = workDir;
        this.executable = nativeExecutable();
        if (executable.isEmpty() && !Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw package (or verify) first");
        }
    }

    /** Whether this runs the native executable rather than the jar. */
    public boolean isNative() {
        return executable.isPresent();
    }

    public Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return finished(start(env, args), args);
    }

    public Process start(Map<String, String> env, String... args) throws IOException {
        return start(List.of(), env, args);
    }

    /**
     * @param jvmOptions options for the JVM, before {@code -jar} (a small heap, say); the native executable takes
     *        the {@code -X} and {@code -D} ones too
     */
    public Process start(List<String> jvmOptions, Map<String, String> env, String... args) throws IOException {
        return start(List.of(), jvmOptions, env, args);
    }

    /**
     * Runs the jar with files limited to {@code kilobytes} each ({@code ulimit -f}): a write past it fails as on a
     * full disk.
     */
    public Result runWithFileSizeLimit(int kilobytes, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return finished(start(List.of("sh", "-c", "ulimit -f " + kilobytes * 2 + " && exec \"$@\"", "sh"),
                List.of("-XX:-UsePerfData"), env, args), args);
    }

    /** Runs the jar as the last arguments of {@code wrapper}, a command that runs another (strace, say). */
    public Result runWrapped(List<String> wrapper, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return finished(start(wrapper, List.of(), env, args), args);
    }

    private Result finished(Process p, String... args) throws IOException, InterruptedException {
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            // SIGTERM first: seedwatch then writes what it measured and says where it stood, which is what a
            // failure on a CI machine has to show.
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            String output = result(p).all();
            throw new AssertionError("seedwatch " + String.join(" ", args) + " did not finish in 180 s; its output:\n"
                    + output.substring(Math.max(0, output.length() - 6000)));
        }
        return result(p);
    }

    private Process start(List<String> wrapper, List<String> jvmOptions, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        if (executable.isPresent()) {
            command.add(executable.get().toString());
            command.addAll(jvmOptions);
        } else {
            command.add(javaBinary());
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString()));
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SEEDWATCH_"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = builder.start();
        outputs.put(p, new Path[] { out, err });
        return p;
    }

    public Result result(Process p) throws IOException {
        Path[] files = outputs.remove(p);
        return new Result(p.exitValue(), Files.readString(files[0]), Files.readString(files[1]));
    }

    private final Map<Process, Path[]> outputs = new ConcurrentHashMap<>();

    /** The executable of a native build: {@code type=native} and its {@code path} in the artifact properties. */
    private static Optional<Path> nativeExecutable() {
        Path target = Path.of("target").toAbsolutePath();
        Properties artifact = new Properties();
        try (Reader in = Files.newBufferedReader(target.resolve("quarkus-artifact.properties"))) {
            artifact.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return "native".equals(artifact.getProperty("type")) ? Optional.of(target.resolve(artifact.getProperty("path")))
                : Optional.empty();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

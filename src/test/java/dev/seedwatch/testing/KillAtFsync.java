package dev.seedwatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the jar under strace, which kills it with SIGKILL as it enters its n-th {@code fsync} (strace's syscall
 * fault injection, {@code -e inject=fsync:signal=KILL:when=n}), and reads from strace's log which file that
 * {@code fsync} was for: a test then knows where the kill landed instead of hoping a timed one landed somewhere
 * useful. Needs Debian's {@code strace} ({@link RealBinary}).
 */
public final class KillAtFsync {

    /** An fsync that never returned ({@code = ?}): the thread that entered it, and the path of its descriptor. */
    private static final Pattern UNFINISHED_FSYNC = Pattern.compile("(?m)^(\\d+) fsync\\(\\d+<(.+)>\\)\\s+= \\?$");

    private KillAtFsync() {
    }

    /** Where the kill landed: the file (or directory) whose {@code fsync} the process had entered. */
    public record Landed(JarRunner.Result result, Path fsynced) {
    }

    /** Runs {@code args} killed at its {@code nth} fsync; a run that ends before it fails the test. */
    public static Landed run(JarRunner jar, Path workDir, int nth, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path strace = RealBinary.require("strace");
        Path log = Files.createTempFile(workDir, "strace", ".log");
        JarRunner.Result result = jar.runWrapped(List.of(strace.toString(), "-f", "-y", "-o", log.toString(),
                "-e", "trace=fsync", "-e", "inject=fsync:signal=KILL:when=" + nth, "--"), env, args);
        String trace = Files.readString(log);
        Matcher fsync = UNFINISHED_FSYNC.matcher(trace);
        if (!fsync.find() || !trace.contains("\n" + fsync.group(1) + " +++ killed by SIGKILL +++")) {
            throw new AssertionError("not killed at fsync " + nth + " (exit " + result.exitCode() + "):\n" + trace
                    + result.all());
        }
        return new Landed(result, Path.of(fsync.group(2)));
    }
}

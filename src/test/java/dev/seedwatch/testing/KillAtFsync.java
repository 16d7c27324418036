package dev.seedwatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the jar under strace, which kills it with SIGKILL as it enters its n-th {@code fsync} (strace's syscall
 * fault injection, {@code -e inject=fsync:signal=KILL:when=n}), and reads from strace's log which file that
 * {@code fsync} was for: a test then knows where the kill landed instead of hoping a timed one landed somewhere
 * useful. Needs Debian's {@code strace} ({@link RealBinary}).
 */
public final class KillAtFsync {

    /**
     * An fsync as strace logs it: the thread, the path of the descriptor, and either the result or, when another
     * thread's line came in between, {@code <unfinished ...>} (the result follows on a {@code resumed} line). strace
     * pads the thread column to five characters, so a four-digit thread id is followed by two spaces.
     */
    private static final Pattern FSYNC = Pattern.compile("(?m)^(\\d+) +fsync\\(\\d+<(.+?)>(?:\\).*| <unfinished \\.\\.\\.>)$");

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
        List<Path> killed = killedIn(trace);
        if (killed.size() != 1) {
            throw new AssertionError("not killed at fsync " + nth + " (exit " + result.exitCode() + "):\n" + trace
                    + result.all());
        }
        return new Landed(result, killed.get(0));
    }

    /** The files whose {@code fsync} a thread entered and never returned from, in strace's {@code -f -y} log. */
    static List<Path> killedIn(String trace) {
        return FSYNC.matcher(trace).results().filter(f -> neverReturned(trace, f)).map(f -> Path.of(f.group(2)))
                .toList();
    }

    /** Whether the thread never came back from the fsync: killed in it, its result {@code ?}. */
    private static boolean neverReturned(String trace, MatchResult fsync) {
        String thread = fsync.group(1);
        String outcome = fsync.group();
        if (outcome.endsWith("<unfinished ...>")) {
            Matcher resumed = Pattern.compile("(?m)^" + thread + " +<\\.\\.\\. fsync resumed>.*$").matcher(trace);
            outcome = resumed.find(fsync.end()) ? resumed.group() : "";
        }
        return outcome.matches(".*\\)\\s+= \\?")
                && Pattern.compile("(?m)^" + thread + " +\\+\\+\\+ killed by SIGKILL \\+\\+\\+$").matcher(trace).find();
    }
}

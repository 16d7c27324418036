package dev.seedwatch.suite;

/** One thing wrong with a suite file: where (file and field path) and why. */
public record SuiteProblem(String file, String path, String reason) {

    @Override
    public String toString() {
        return path == null || path.isEmpty() ? file + ": " + reason : file + ": " + path + ": " + reason;
    }
}

package dev.seedwatch.analysis;

/** One target of a run with its figures. */
public record TargetResult(String target, String type, String model, String baseUrl, TargetFigures figures) {
}

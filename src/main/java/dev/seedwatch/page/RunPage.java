package dev.seedwatch.page;

import java.util.List;

/**
 * What the run page shows, built from a run report (and the reports kept before it); every text in it is escaped
 * when rendered.
 *
 * @param changedPrompts prompts whose most common text (or answer, or golden comparison) changed
 */
public record RunPage(String suite, String runId, String startedAt, String outcome, int exitCode, boolean success,
        String duration, List<TargetView> targets, List<PromptView> prompts, List<String> problems,
        long changedPrompts) {

    /** A value of a target this run or the previous one; {@code status} is new, kept or gone. */
    public record Seen(String value, String status) {
    }

    public record TargetView(String name, String model, List<Seen> fingerprints, List<Seen> servedModels,
            String agreement, boolean backendChanged) {
    }

    /** A distinct reply: how many replays gave it, and what follows the prefix all replies share. */
    public record Reply(int count, String rest) {
    }

    /** A run of words of a word-level diff: {@code kind} is same, inserted or deleted. */
    public record Words(String kind, String text) {
    }

    public record Failure(int index, String reason, String error) {
    }

    public record Figure(String label, String value) {
    }

    /**
     * @param figures the prompt's figures as label and value, in the order shown
     * @param history an inline SVG of the prompt's last runs (numbers only, no reply text)
     */
    public record PromptView(String target, String prompt, String expect, boolean changed, List<Figure> figures,
            String commonPrefix, List<Reply> replies, int replays, List<Words> againstBaseline, String baselineRun,
            List<Failure> failures, String history) {
    }
}

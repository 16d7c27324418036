package dev.seedwatch.analysis;

import java.util.ArrayList;
import java.util.List;

import dev.seedwatch.suite.Expectation;

/**
 * What changed in a run, one line each: the one list {@code --fail-on-change} (exit 5) and {@code seedwatch demo}
 * read. A figure that is undefined (absent series) is no change.
 */
public final class Changes {

    private Changes() {
    }

    public static List<String> of(RunResult result) {
        List<String> changes = new ArrayList<>();
        for (TargetResult t : result.targets()) {
            changes.addAll(of(t));
        }
        for (PromptResult p : result.prompts()) {
            changes.addAll(of(p));
        }
        return List.copyOf(changes);
    }

    private static List<String> of(TargetResult t) {
        List<String> changes = new ArrayList<>();
        TargetFigures f = t.figures();
        if (f.fingerprint().changed().orElse(false)) {
            changes.add(t.target() + ": a system_fingerprint none of the recent runs saw (now "
                    + f.fingerprint().replays().keySet() + ")");
        }
        if (f.servedModel().changed().orElse(false)) {
            changes.add(t.target() + ": a served model none of the recent runs saw (now "
                    + f.servedModel().replays().keySet() + ")");
        }
        if (f.behaviour().changed().orElse(false)) {
            changes.add(t.target() + ": behaviour changed: " + f.behaviour().novel() + " of " + f.behaviour().compared()
                    + " compared deterministic prompts gave a reply none of the recent runs gave");
        }
        if (t.change() != null && t.change().hasReference() && t.change().detected()) {
            changes.add(t.target() + ": the model changed: the probes' evidence " + t.change().evidence().value()
                    + " reached 1/alpha = " + 1 / t.change().alpha() + " since the reference run "
                    + t.change().referenceRunId());
        }
        return changes;
    }

    /** What changed in one prompt: nothing for a nondeterministic one. */
    public static List<String> of(PromptResult p) {
        if (p.expect() != Expectation.DETERMINISTIC) {
            return List.of();
        }
        List<String> changes = new ArrayList<>();
        String name = p.target() + "/" + p.prompt();
        if (p.figures().drift().completionChanged().orElse(false)) {
            changes.add(name + ": the most common reply changed against the baseline");
        }
        if (p.answers() != null && p.answers().answerChanged().orElse(false)) {
            changes.add(name + ": the most common answer changed against the baseline (now "
                    + p.answers().mostCommonAnswer() + ")");
        }
        if (p.golden().changed().orElse(false)) {
            changes.add(name + ": the most common reply differs from the golden run's");
        }
        if (p.golden().answerChanged().orElse(false)) {
            changes.add(name + ": the most common answer differs from the golden run's");
        }
        return changes;
    }
}

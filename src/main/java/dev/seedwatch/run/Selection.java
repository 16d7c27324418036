package dev.seedwatch.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.seedwatch.suite.InvalidSuiteException;
import dev.seedwatch.suite.Prompt;
import dev.seedwatch.suite.RequestSettings;
import dev.seedwatch.suite.Suite;
import dev.seedwatch.suite.SuiteProblem;
import dev.seedwatch.suite.Target;

/**
 * The part of a suite an invocation runs ({@code --target}, {@code --prompt}; empty: all) and how often
 * ({@code --replays}: every prompt's replays). What is left out is not run, so its state stays as it was.
 */
public record Selection(Optional<Integer> replays, Set<String> targets, Set<String> prompts) {

    public static final Selection ALL = new Selection(Optional.empty(), Set.of(), Set.of());

    public Selection {
        targets = Set.copyOf(targets);
        prompts = Set.copyOf(prompts);
    }

    /** The suite cut down to the selection; a name that is not in the suite is an error naming its option. */
    public Suite apply(Suite suite) throws InvalidSuiteException {
        List<SuiteProblem> problems = new ArrayList<>();
        List<String> targetNames = suite.targets().stream().map(Target::name).toList();
        List<String> promptIds = suite.prompts().stream().map(Prompt::id).toList();
        targets.stream().filter(t -> !targetNames.contains(t)).sorted().forEach(t -> problems.add(new SuiteProblem(
                suite.file().toString(), "", "--target " + t + ": no such target (targets: " + targetNames + ")")));
        prompts.stream().filter(p -> !promptIds.contains(p)).sorted().forEach(p -> problems.add(new SuiteProblem(
                suite.file().toString(), "", "--prompt " + p + ": no such prompt (prompts: " + promptIds + ")")));
        if (!problems.isEmpty()) {
            throw new InvalidSuiteException(problems);
        }
        return new Suite(suite.file(), suite.name(),
                suite.targets().stream().filter(t -> targets.isEmpty() || targets.contains(t.name())).toList(),
                suite.embedding(),
                suite.prompts().stream().filter(p -> prompts.isEmpty() || prompts.contains(p.id()))
                        .map(this::withReplays).toList(),
                suite.warnings());
    }

    private Prompt withReplays(Prompt p) {
        if (replays.isEmpty()) {
            return p;
        }
        RequestSettings s = p.settings();
        return new Prompt(p.id(), p.expect(), p.messages(), new RequestSettings(s.seed(), s.temperature(), s.topP(),
                s.maxTokens(), s.maxCompletionTokens(), s.params(), replays.get(), s.loadProbe()), p.answer());
    }
}

package dev.seedwatch.analysis;

import java.util.Optional;

import dev.seedwatch.replay.PlannedRequest;

/** The golden figures of a run: pure functions of the golden run, this run's figures and the drift so far. */
final class GoldenComparison {

    private GoldenComparison() {
    }

    /**
     * @param distance null when embeddings are unavailable: the golden distance is then absent unless the texts
     *        are equal
     * @param drift the drift count the previous run left, null if none
     */
    static GoldenFigures of(Golden golden, PlannedRequest request, PromptFigures figures, AnswerFigures answers,
            TextDistance distance, GoldenDrift drift) {
        if (golden == null) {
            return GoldenFigures.skipped(GoldenStatus.NOTHING_PINNED, null);
        }
        Golden.Prompt pinned = golden.prompt(request.target().name(), request.prompt().id());
        if (pinned == null) {
            return GoldenFigures.skipped(GoldenStatus.NOT_PINNED, golden.runId());
        }
        if (!pinned.requestHash().equals(request.bodyHash())) {
            return GoldenFigures.skipped(GoldenStatus.REQUEST_CHANGED, golden.runId());
        }
        String common = figures.agreement().mostCommonText();
        if (common == null) {
            return GoldenFigures.skipped(GoldenStatus.NOTHING_TO_COMPARE, golden.runId());
        }
        boolean same = common.equals(pinned.text());
        Double d = same ? Double.valueOf(0.0)
                : distance == null ? null : Double.valueOf(distance.between(common, pinned.text()));
        Optional<Boolean> answerChanged = Optional.empty();
        if (answers != null && answers.mostCommonAnswer() != null && pinned.answerRule() != null
                && pinned.answerRule().equals(answers.rule())) {
            answerChanged = Optional.of(!answers.mostCommonAnswer().equals(pinned.answer()));
        }
        boolean differs = !same || answerChanged.orElse(false);
        int before = drift != null && golden.runId().equals(drift.goldenRunId()) ? drift.runs() : 0;
        return new GoldenFigures(GoldenStatus.COMPARED, golden.runId(), d, Optional.of(!same), answerChanged,
                differs ? before + 1 : 0);
    }

    static GoldenTargetFigures target(Golden golden, String target) {
        Golden.Target pinned = golden == null ? null : golden.targets().get(target);
        if (pinned == null) {
            return null;
        }
        return new GoldenTargetFigures(golden.runId(), golden.ranAt().toEpochMilli() / 1000.0, pinned.fingerprints());
    }
}

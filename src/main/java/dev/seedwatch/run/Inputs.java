package dev.seedwatch.run;

import java.util.ArrayList;
import java.util.List;

import dev.seedwatch.provider.Providers;
import dev.seedwatch.suite.InvalidSuiteException;
import dev.seedwatch.suite.Suite;
import dev.seedwatch.suite.SuiteLoader;
import dev.seedwatch.suite.Target;
import dev.seedwatch.support.Redactor;

/** What every command reads before it acts: the suite, and the credentials it resolved. */
public final class Inputs {

    private Inputs() {
    }

    /** The suite cut down to the targets, prompts and replays the command line selected. */
    public static Suite suite(RunSettings settings) throws InvalidSuiteException {
        return settings.selection().apply(new SuiteLoader(Providers.TYPES, System::getenv).load(settings.suite()));
    }

    /** What is wrong with the input, one line each. */
    public static List<String> problems(Exception e) {
        if (e instanceof InvalidSuiteException suite) {
            return suite.problems().stream().map(Object::toString).toList();
        }
        if (e instanceof RunSettings.InvalidSettingsException settings) {
            return settings.problems();
        }
        return List.of(e.getMessage());
    }

    /** Every credential the suite resolved, so that none can leak through an echoed error message. */
    static Redactor redactor(Suite suite) {
        List<String> secrets = new ArrayList<>();
        for (Target t : suite.targets()) {
            t.secretHeaders().values().values().forEach(v -> {
                secrets.add(v);
                if (v.startsWith("Bearer ")) {
                    secrets.add(v.substring("Bearer ".length()));
                }
            });
        }
        if (suite.embedding().apiKey() != null) {
            secrets.add(suite.embedding().apiKey());
        }
        return new Redactor(secrets);
    }
}

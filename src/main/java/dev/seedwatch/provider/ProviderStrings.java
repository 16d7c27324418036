package dev.seedwatch.provider;

import dev.seedwatch.support.ControlChars;
import dev.seedwatch.support.Redactor;

/**
 * What a successful reply's provider-controlled strings become before anything stores, labels or prints them. The
 * run's own secret values are redacted from all of them (a provider echoing the key must not put it in a label);
 * the fingerprint and the served model, which become metric labels and console cells, are also capped at
 * {@value #MAX_LABEL_CHARS} characters with their control characters escaped. The text keeps its control characters:
 * it is the measured thing, capped by the answer size, and only ever written as JSON.
 */
public final class ProviderStrings {

    /** Characters kept of a fingerprint or a served model (see docs/hostile.md). */
    public static final int MAX_LABEL_CHARS = 256;

    private ProviderStrings() {
    }

    static Completion clean(Completion c, Redactor redactor) {
        Fingerprint fingerprint = c.fingerprint() == null || c.fingerprint().value() == null ? c.fingerprint()
                : new Fingerprint(c.fingerprint().presence(), label(c.fingerprint().value(), redactor));
        return new Completion(redactor.secrets(c.text()), c.finishReason() == null ? null
                : label(c.finishReason(), redactor), fingerprint, label(c.servedModel(), redactor),
                c.promptTokens(), c.completionTokens(), c.tokens());
    }

    static String label(String value, Redactor redactor) {
        return value == null ? null : Redactor.cap(ControlChars.escape(redactor.secrets(value)), MAX_LABEL_CHARS);
    }
}

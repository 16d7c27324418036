package dev.seedwatch.export;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import dev.seedwatch.analysis.Changes;
import dev.seedwatch.analysis.PromptFigures;
import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.suite.Expectation;

/**
 * A run as JUnit XML ({@code --junit FILE}), so that CI systems show its findings natively: one test case per
 * target × prompt (class = suite.target, name = prompt), failed where the prompt changed against the baseline or the
 * golden run, or where a deterministic prompt's replies disagreed; an error where replays failed. A nondeterministic
 * prompt fails only for failed replays.
 */
public final class JunitReport {

    private JunitReport() {
    }

    public static String render(RunResult run) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            List<PromptResult> prompts = run.prompts();
            long failures = prompts.stream()
                    .filter(p -> !findings(p).isEmpty() && p.figures().counts().failed() == 0).count();
            long errors = prompts.stream().filter(p -> p.figures().counts().failed() > 0).count();
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "seedwatch." + run.suite());
            xml.writeAttribute("tests", Integer.toString(prompts.size()));
            xml.writeAttribute("failures", Long.toString(failures));
            xml.writeAttribute("errors", Long.toString(errors));
            xml.writeAttribute("timestamp", run.startedAt().toString());
            xml.writeAttribute("time", seconds(run.duration().toMillis() / 1000.0));
            for (PromptResult p : prompts) {
                testCase(xml, run.suite(), p);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return out + "\n";
        } catch (XMLStreamException e) {
            throw new IllegalStateException("JUnit XML could not be written: " + e.getMessage(), e);
        }
    }

    private static void testCase(XMLStreamWriter xml, String suite, PromptResult p) throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", clean(suite + "." + p.target()));
        xml.writeAttribute("name", clean(p.prompt()));
        PromptFigures f = p.figures();
        PromptFigures.Counts counts = f.counts();
        List<String> findings = findings(p);
        if (counts.failed() > 0) {
            xml.writeStartElement("error");
            xml.writeAttribute("message",
                    counts.failed() + " of " + counts.planned() + " replays failed " + counts.failures());
            xml.writeEndElement();
        } else if (!findings.isEmpty()) {
            xml.writeStartElement("failure");
            xml.writeAttribute("message", clean(String.join("; ", findings)));
            xml.writeAttribute("type", p.expect().label());
            xml.writeCharacters(clean("most common reply:\n" + f.agreement().mostCommonText()));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    /** What is wrong with a fully replayed prompt, one phrase each; empty when nothing is. */
    static List<String> findings(PromptResult p) {
        List<String> findings = new ArrayList<>(Changes.of(p));
        PromptFigures.Agreement agreement = p.figures().agreement();
        if (p.expect() == Expectation.DETERMINISTIC && p.figures().counts().complete() && !agreement.agreeing()) {
            findings.add(String.format(Locale.ROOT, "%s/%s: replies disagreed: %d distinct, %.2f equal to the most "
                    + "common", p.target(), p.prompt(), agreement.uniqueCompletions(), agreement.exactMatchRatio()));
        }
        return findings;
    }

    /** XML 1.0 cannot carry most control characters at all, even escaped. */
    private static String clean(String text) {
        return text == null ? "" : text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]", "\uFFFD");
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}

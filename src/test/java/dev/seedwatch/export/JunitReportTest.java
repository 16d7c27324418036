package dev.seedwatch.export;

import static dev.seedwatch.testing.Build.analyze;
import static dev.seedwatch.testing.Build.prompt;
import static dev.seedwatch.testing.Build.reply;
import static dev.seedwatch.testing.Build.runInfo;
import static dev.seedwatch.testing.Build.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.suite.Expectation;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.suite.Target;
import dev.seedwatch.testing.Build;

/** The JUnit XML of a run: what a CI system shows as passed, failed and errored. */
class JunitReportTest {

    @Test
    void disagreeingDeterministicRepliesFailAndFailedReplaysAreErrorsButAVaryingStoryPasses() throws Exception {
        Target t = target("t1").build();
        PlannedRequest split = PlannedRequest.of(t, prompt("split").replays(2).build());
        PlannedRequest story = PlannedRequest.of(t,
                prompt("story").expect(Expectation.NONDETERMINISTIC).replays(2).build());
        PlannedRequest steady = PlannedRequest.of(t, prompt("steady").replays(2).build());
        PlannedRequest broken = PlannedRequest.of(t, prompt("broken").replays(2).build());
        RunResult run = analyze(runInfo("ci", Shard.ALL, Instant.parse("2026-01-02T03:00:00Z")),
                List.of(split, story, steady, broken),
                List.of(reply(split, 0, "a\u0001b").build(), reply(split, 1, "c").build(),
                        reply(story, 0, "once").build(), reply(story, 1, "twice").build(),
                        reply(steady, 0, "same").build(), reply(steady, 1, "same").build(),
                        reply(broken, 0, "x").build(), Build.failed(broken, 1, 1,
                                FailureReason.AUTH, 401, "HTTP 401: bad key")));

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(JunitReport.render(run).getBytes(StandardCharsets.UTF_8)));

        Element suite = xml.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        Element splitCase = testCase(xml, "split");
        assertThat(failure(splitCase, "failure").getAttribute("message"))
                .isEqualTo("t1/split: replies disagreed: 2 distinct, 0.50 equal to the most common");
        assertThat(failure(splitCase, "failure").getTextContent()).contains("a\uFFFDb");
        assertThat(testCase(xml, "story").getChildNodes().getLength()).isZero();
        assertThat(testCase(xml, "steady").getChildNodes().getLength()).isZero();
        assertThat(failure(testCase(xml, "broken"), "error").getAttribute("message"))
                .isEqualTo("1 of 2 replays failed {auth=1}");
    }

    static Element testCase(Document xml, String name) {
        NodeList cases = xml.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").equals(name)) {
                assertThat(e.getAttribute("classname")).isEqualTo("ci.t1");
                return e;
            }
        }
        throw new AssertionError("no test case " + name);
    }

    static Element failure(Element testCase, String tag) {
        return (Element) testCase.getElementsByTagName(tag).item(0);
    }
}

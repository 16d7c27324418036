package dev.seedwatch.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.support.Json;
import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.RealParts;
import dev.seedwatch.testing.RealParts.Started;

/**
 * The page of a run with a fingerprint change, written by {@code seedwatch report} from the built jar and opened
 * in Debian's Chromium: what an on-call engineer sees, asserted on the rendered DOM.
 */
@ExtendWith(RealParts.class)
class RunPageBrowserIT {

    static final String MARKUP = "<script>document.title='owned'</script><b>bold</b>";
    static final String FOX = "Once upon a time there was a fox.";
    static final String BEAR = "Once upon a time there was a bear.";
    /** A fingerprint no phone-width column can hold unbroken. */
    static final String LONG_FP = "fp_" + "0123456789abcdef".repeat(4);

    static Path dir;
    static String pageUrl;
    @Started
    static ChromeDriver browser;
    @Started
    static FakeOpenAi fake;
    static JarRunner.Result console;

    @BeforeAll
    static void runTwiceAndOpenThePage() throws Exception {
        dir = Files.createTempDirectory("seedwatch-page-it");
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: page
                defaults: {seed: 1, temperature: 0, max-tokens: 50, replays: 3}
                targets: [{name: openai, base-url: "%s", model: gpt-4o-mini, concurrency: 1, logprobs: 2}]
                prompts:
                  - {id: steady, messages: [{role: user, content: steady}]}
                  - {id: markup, messages: [{role: user, content: markup}]}
                  - {id: moving, messages: [{role: user, content: moving}]}
                  - {id: split, messages: [{role: user, content: split}]}
                  - {id: creative, expect: nondeterministic, messages: [{role: user, content: creative}]}
                  - {id: rewrite, messages: [{role: user, content: rewrite}]}
                  - {id: answer, answer: {regex: "Answer: ([0-9]+)"}, messages: [{role: user, content: answer}]}
                  - {id: probe, load-probe: true, messages: [{role: user, content: probe}]}
                  - {id: first, probe: logprobs, messages: [{role: user, content: first}]}
                """.formatted(fake.baseUrl()));
        JarRunner jar = new JarRunner(dir);
        String state = dir.resolve("state").toString();
        String[] run = { "run", "--suite", suite.toString(), "--state-dir", state };
        backend(fake, "fp_a", "The crew reached Mars orbit on Monday.", FOX, FOX, FOX);
        firstToken(fake, -0.03);
        fake.reply("creative", new Reply("A poem about the sea.", "fp_a", "gpt-4o-mini-2024-07-18"));
        fake.reply("rewrite", new Reply("The cat sat on the mat. It was warm there.", "fp_a",
                "gpt-4o-mini-2024-07-18"));
        JarRunner.Result first = jar.run(Map.of(), run);
        assertThat(first.exitCode()).as(first.all()).isZero();
        JarRunner.Result pin = jar.run(Map.of(), "baseline", "pin", "--suite", suite.toString(), "--state-dir",
                state);
        assertThat(pin.exitCode()).as(pin.all()).isZero();
        fake.reset();
        backend(fake, LONG_FP, "The crew reached lunar orbit on Monday.", FOX, FOX, BEAR);
        firstToken(fake, -0.3);
        fake.reply("creative", new Reply("A song about the hills.", LONG_FP, "gpt-4o-mini-2024-07-18"));
        fake.reply("rewrite", new Reply("Dogs barked loudly all night. Nobody slept.", LONG_FP,
                "gpt-4o-mini-2024-07-18"));
        console = jar.run(Map.of(), run);
        assertThat(console.exitCode()).as(console.all()).isZero();
        JarRunner.Result report = jar.run(Map.of(), "report", "--state-dir", dir.resolve("state").toString(),
                "--out", dir.resolve("page.html").toString());
        assertThat(report.exitCode()).as(report.all()).isZero();
        byte[] page = Files.readAllBytes(dir.resolve("page.html"));
        // served from WireMock, so that the page's own address is the one request the browser may make
        fake.server().stubFor(get("/page.html").willReturn(aResponse()
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody(page)));
        pageUrl = "http://127.0.0.1:" + fake.port() + "/page.html";
        browser.manage().window().setSize(new Dimension(1280, 800));
        browser.get(pageUrl);
    }

    /** One run's answers: the same for steady and markup, {@code moving} as given, split's three replays in turn. */
    private static void backend(FakeOpenAi fake, String fingerprint, String moving, String... split) {
        fake.reply("steady", new Reply("The capital of France is Paris.", fingerprint, "gpt-4o-mini-2024-07-18"));
        fake.reply("markup", new Reply(MARKUP, fingerprint, "gpt-4o-mini-2024-07-18"));
        fake.reply("moving", new Reply(moving, fingerprint, "gpt-4o-mini-2024-07-18"));
        fake.reply("split", Arrays.stream(split)
                .map(t -> new Reply(t, fingerprint, "gpt-4o-mini-2024-07-18", true)).toArray(Reply[]::new));
        fake.reply("answer", new Reply("I think it is four.", fingerprint, "gpt-4o-mini-2024-07-18"));
        // one at a time (3 isolated replays) all alike; together (the burst) one differs
        String calm = "The sea is calm.";
        fake.reply("probe", Stream.of(calm, calm, calm, calm, "The sea is rough.", calm)
                .map(t -> new Reply(t, fingerprint, "gpt-4o-mini-2024-07-18")).toArray(Reply[]::new));
    }

    /** The logprobs probe's 16 replies: "Once" at {@code once} (± jitter), " There" behind it. */
    private static void firstToken(FakeOpenAi fake, double once) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            double jitter = (i % 4) * 0.0002;
            Map<String, Double> top = new LinkedHashMap<>();
            top.put("Once", once - jitter);
            top.put(" There", -3.5 + jitter);
            bodies.add(FakeOpenAi.firstTokenBody(top));
        }
        fake.replyBodies("first", bodies);
    }

    private static List<WebElement> sections() {
        return browser.findElements(By.cssSelector("section.prompt"));
    }

    private static WebElement section(String prompt) {
        return browser.findElement(By.cssSelector("section.prompt[data-prompt='" + prompt + "']"));
    }

    @Test
    void theChangedDeterministicPromptsComeFirstAndIsInViewWithoutScrolling() {
        List<WebElement> sections = sections();
        assertThat(sections.subList(0, 2)).extracting(s -> s.getAttribute("data-prompt"))
                .containsExactly("moving", "rewrite");
        assertThat(sections.subList(0, 2)).allSatisfy(s -> assertThat(s.getAttribute("class")).contains("changed"));
        assertThat(sections.get(0).getRect().getY()).as("top of the first prompt on a laptop screen").isLessThan(800);
        // the nondeterministic prompt changed too, as it is expected to: not counted, not marked, not first
        assertThat(browser.findElement(By.id("changed-count")).getText()).isEqualTo("2");
        assertThat(section("creative").getAttribute("class")).doesNotContain("changed");
        assertThat(sections.get(sections.size() - 1).getAttribute("data-prompt")).isEqualTo("creative");
    }

    @Test
    void aDetectedModelChangeComesFirstWithItsPValuesAndTheTokensThatMoved() {
        WebElement same = browser.findElement(By.id("same-model"));
        assertThat(same.getRect().getY()).isLessThan(browser.findElement(By.cssSelector("table.targets")).getRect()
                .getY());
        WebElement change = same.findElement(By.cssSelector(".model-change[data-target='openai']"));
        assertThat(change.findElement(By.cssSelector(".verdict")).getText()).startsWith("model changed: evidence ");
        assertThat(change.findElement(By.cssSelector("tr[data-test='logprobs']")).getText()).startsWith("logprobs ");
        assertThat(change.findElements(By.cssSelector("table.tokens code"))).extracting(WebElement::getText)
                .contains("Once");
    }

    @Test
    void aNearTotalRewriteIsDiffedBySentence() {
        WebElement diff = section("rewrite").findElement(By.cssSelector("pre.diff"));
        assertThat(diff.getAttribute("data-granularity")).isEqualTo("sentence");
        assertThat(diff.findElements(By.tagName("del"))).extracting(WebElement::getText)
                .containsExactly("The cat sat on the mat. It was warm there.");
        assertThat(diff.findElements(By.tagName("ins"))).extracting(WebElement::getText)
                .containsExactly("Dogs barked loudly all night. Nobody slept.");
    }

    @Test
    void theGoldenRunIsNamedAndWhatDriftedFromItSaysSo() {
        assertThat(section("moving").findElement(By.cssSelector(".golden.changed")).getText())
                .startsWith("golden run ").contains("reply changed");
        assertThat(section("steady").findElement(By.cssSelector(".golden")).getText())
                .endsWith("same as the golden run");
    }

    @Test
    void anAnswerRuleThatNeverMatchedIsAVisibleWarning() {
        assertThat(section("answer").findElement(By.cssSelector(".answer-warning")).getText())
                .contains("matched none of the 3 replies");
        assertThat(section("steady").findElements(By.cssSelector(".answer-warning"))).isEmpty();
    }

    @Test
    void theLoadProbeSetsTheIsolatedRepliesAgainstTheBurst() {
        WebElement probe = section("probe").findElement(By.cssSelector("table.probe"));
        assertThat(probe.findElement(By.cssSelector(".isolated")).getText()).isEqualTo("exact match 1.00, 1 distinct");
        assertThat(probe.findElement(By.cssSelector(".burst")).getText()).isEqualTo("exact match 0.67, 2 distinct");
        assertThat(probe.findElement(By.cssSelector(".verdict.sensitive")).getText()).startsWith("yes");
    }

    @Test
    void theSplitTokenAndTheTokenEachReplyTookThere() {
        WebElement split = section("split").findElement(By.cssSelector(".split"));
        // "Once upon a time there was a " is 7 tokens of the fake's one token per word
        assertThat(split.getText()).startsWith("replies part at token 7");
        assertThat(split.findElements(By.tagName("code"))).extracting(WebElement::getText)
                .containsExactly("fox.", "bear.");
    }

    @Test
    void theHistoryBarsHaveALegend() {
        assertThat(section("steady").findElement(By.cssSelector(".legend")).getText())
                .contains("exact-match ratio").contains("fingerprint changed");
    }

    @Test
    void theConsoleSaysWhatThePageSays() {
        assertThat(console.stdout()).contains("EXPECT").contains("GOLDEN")
                .contains("WARNING openai/answer: answer rule")
                .contains("load probe openai/probe: isolated exact 1.00 (1 distinct), burst exact 0.67 (2 distinct)")
                .contains("openai/split parts at token 7").contains("openai/split replies:")
                .contains("2× \"" + FOX + "\"").contains("golden run ");
    }

    @Test
    void theNewFingerprintIsMarkedAgainstTheOldOne() {
        WebElement target = browser.findElement(By.cssSelector("tr.target"));
        assertThat(target.findElement(By.cssSelector(".new")).getText()).isEqualTo(LONG_FP);
        assertThat(target.findElement(By.cssSelector(".gone")).getText()).isEqualTo("fp_a");
    }

    @Test
    void theDiffMarksTheDeletedAndTheInsertedWords() {
        WebElement diff = section("moving").findElement(By.cssSelector("pre.diff"));
        assertThat(diff.findElements(By.tagName("del"))).extracting(WebElement::getText).containsExactly("Mars");
        assertThat(diff.findElements(By.tagName("ins"))).extracting(WebElement::getText).containsExactly("lunar");
        assertThat(diff.getText()).isEqualTo("The crew reached Marslunar orbit on Monday.");
    }

    @Test
    void theCommonPrefixIsShownOnceAndEachReplyPartsWhereTheTextsDo() {
        List<WebElement> replies = section("split").findElements(By.cssSelector("pre.reply"));
        assertThat(replies).hasSize(2);
        assertThat(replies).allSatisfy(r -> assertThat(r.findElement(By.cssSelector(".prefix")).getText())
                .isEqualTo("Once upon a time there was a "));
        assertThat(replies).extracting(r -> r.findElement(By.cssSelector(".divergent")).getText())
                .containsExactly("fox.", "bear.");
        assertThat(replies).extracting(r -> r.getAttribute("data-count")).containsExactly("2", "1");
    }

    @Test
    void countsAddUpToTheReplays() {
        for (WebElement section : sections()) {
            int counted = section.findElements(By.cssSelector("pre.reply")).stream()
                    .mapToInt(r -> Integer.parseInt(r.getAttribute("data-count"))).sum()
                    + section.findElements(By.cssSelector(".failures li")).size();
            assertThat(counted).as(section.getAttribute("data-prompt"))
                    .isEqualTo(Integer.parseInt(section.getAttribute("data-replays")));
        }
    }

    @Test
    void aReplyWithMarkupIsShownAsText() {
        assertThat(section("markup").findElement(By.cssSelector("pre.reply")).getText()).contains(MARKUP);
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(section("markup").findElements(By.tagName("b")).stream().map(WebElement::getText))
                .doesNotContain("bold");
        assertThat(browser.getTitle()).doesNotContain("owned");
    }

    @Test
    void thePageAsksNoOtherHostForAnything() throws Exception {
        List<String> requested = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = Json.MAPPER.readTree(entry.getMessage()).path("message");
            String url = message.path("params").path("request").path("url").asText();
            // the browser's own pages (its new-tab page at start) and inline data are no requests of the page
            if (message.path("method").asText().equals("Network.requestWillBeSent") && !url.startsWith("chrome")
                    && !url.startsWith("data:")) {
                requested.add(url);
            }
        }
        assertThat(requested).isNotEmpty().allSatisfy(url -> assertThat(url).isEqualTo(pageUrl));
    }

    @Test
    void readableOnAPhoneAndOnADesktop() throws Exception {
        for (Dimension size : List.of(new Dimension(390, 844), new Dimension(1280, 800))) {
            browser.manage().window().setSize(size);
            byte[] png = browser.getScreenshotAs(OutputType.BYTES);
            Files.write(dir.resolve("page-" + size.getWidth() + ".png"), png);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            long inked = 0;
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    inked += (image.getRGB(x, y) & 0xffffff) == 0xffffff ? 0 : 1;
                }
            }
            assertThat(inked).as("non-white pixels at %dx%d", size.getWidth(), size.getHeight())
                    .isGreaterThan(500);
            // nothing wider than the screen: no sideways scrolling on a phone
            Number scrollWidth = (Number) browser.executeScript("return document.scrollingElement.scrollWidth");
            Number innerWidth = (Number) browser.executeScript("return window.innerWidth");
            assertThat(scrollWidth.intValue()).isLessThanOrEqualTo(innerWidth.intValue());
        }
    }
}

package dev.seedwatch.testing;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Starts the real parts an integration test talks to and stops them afterwards: every field annotated {@link Started}
 * gets one, by its type; a static field before the class's first test until after its last, an instance field
 * around each test.
 * <ul>
 * <li>{@link PushgatewayProcess}: Debian's Pushgateway, without persistence.</li>
 * <li>{@link PrometheusProcess}: Debian's Prometheus scraping the class's Pushgateway (which needs a {@code @Started}
 * field too) and evaluating the shipped alert rules, {@link #RULES}.</li>
 * <li>{@link LlamaServer}: llama.cpp's llama-server on the test model, with the slots and KV cache of
 * {@link KvCache} (4 slots sharing one cache without it).</li>
 * <li>{@link ChromeDriver}: Debian's headless Chromium driven by its chromedriver, logging every network event
 * ({@link LogType#PERFORMANCE}).</li>
 * <li>{@link FakeOpenAi}: WireMock acting as OpenAI.</li>
 * <li>{@link HostilePeer}: a peer that misbehaves below HTTP.</li>
 * </ul>
 * A binary that is missing skips the class on a developer machine and fails it under CI=true ({@link RealBinary}).
 * Logs, Prometheus' TSDB and Chromium's profile stay in a fresh {@code target/real-parts/<class>-*} directory.
 */
public final class RealParts implements BeforeAllCallback, BeforeEachCallback {

    /** The alert rules that k8s/ ships, which every started Prometheus evaluates. */
    public static final Path RULES = Path.of("k8s/monitoring/rules/seedwatch.rules.yml");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealParts.class);
    /** Start order: a Prometheus needs the Pushgateway it scrapes. */
    private static final List<Class<?>> ORDER = List.of(PushgatewayProcess.class, PrometheusProcess.class,
            LlamaServer.class, ChromeDriver.class, FakeOpenAi.class, HostilePeer.class);

    /** A field that this extension fills with a started part, stopped after the class (static) or the test. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Started {
    }

    /** The slots of a started {@link LlamaServer}, and whether they share one KV cache ({@code --kv-unified}). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface KvCache {
        int slots();

        boolean unified();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        startFields(context, null);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        startFields(context, context.getRequiredTestInstance());
    }

    /** The static fields ({@code instance} null) or the instance's fields, kept in the store of {@code context}. */
    private static void startFields(ExtensionContext context, Object instance) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        List<Field> fields = AnnotationSupport.findAnnotatedFields(testClass, Started.class).stream()
                .filter(f -> Modifier.isStatic(f.getModifiers()) == (instance == null))
                .sorted(Comparator.comparingInt(f -> order(f))).toList();
        Path workDir = null;
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        for (Field field : fields) {
            if (workDir == null) {
                Path parent = Files.createDirectories(Path.of("target", "real-parts"));
                workDir = Files.createTempDirectory(parent, testClass.getSimpleName() + "-").toAbsolutePath();
            }
            Object part = start(field, workDir, store);
            field.setAccessible(true);
            field.set(instance, part);
        }
    }

    private static int order(Field field) {
        int index = ORDER.indexOf(field.getType());
        if (index < 0) {
            throw new IllegalStateException("@Started field " + field + ": RealParts starts one of " + ORDER);
        }
        return index;
    }

    private static Object start(Field field, Path workDir, ExtensionContext.Store store) throws IOException {
        Class<?> type = field.getType();
        if (type == PushgatewayProcess.class) {
            return kept(store, type, new PushgatewayProcess(workDir.resolve("pushgateway.log")));
        }
        if (type == PrometheusProcess.class) {
            PushgatewayProcess pushgateway = Optional.ofNullable(store.get(PushgatewayProcess.class,
                    PushgatewayProcess.class)).orElseThrow(() -> new IllegalStateException(
                            "@Started " + field + " scrapes the class's Pushgateway: start one in the class too"));
            return kept(store, field, new PrometheusProcess(workDir.resolve("prometheus"),
                    URI.create(pushgateway.url()).getAuthority(), List.of(RULES)));
        }
        if (type == LlamaServer.class) {
            KvCache cache = field.getAnnotation(KvCache.class);
            LlamaServer.Setup setup = LlamaServer.Setup.of(LlamaServer.model());
            if (cache != null) {
                setup = new LlamaServer.Setup(setup.alias(), setup.model(), cache.slots(), cache.unified(),
                        Optional.empty(), setup.threads());
            }
            return kept(store, field, LlamaServer.start(setup));
        }
        if (type == ChromeDriver.class) {
            ChromeDriver browser = chromium(workDir.resolve("chromium-profile"));
            store.put(field, (AutoCloseable) browser::quit);
            return browser;
        }
        if (type == FakeOpenAi.class) {
            return kept(store, field, new FakeOpenAi());
        }
        return kept(store, field, new HostilePeer());
    }

    /** Kept in the class's or the test's store, which closes it when the class or the test is done. */
    private static <T extends AutoCloseable> T kept(ExtensionContext.Store store, Object key, T part) {
        store.put(key, part);
        return part;
    }

    private static ChromeDriver chromium(Path profile) {
        Path chromium = RealBinary.require("chromium");
        Path driver = RealBinary.require("chromedriver");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build(),
                options);
    }
}

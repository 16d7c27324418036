package dev.seedwatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * llama.cpp's real {@code llama-server} on 127.0.0.1 serving a real (tiny) model, an OpenAI-compatible backend for
 * integration tests.
 * <ul>
 * <li>Binary: {@code SEEDWATCH_LLAMA_SERVER}, else where {@code bin/build-llama-server} caches it,
 * {@code ${SEEDWATCH_CACHE:-$HOME/.cache/seedwatch}/llama-server-80fb11a/llama-server}.</li>
 * <li>Model: {@code SEEDWATCH_TEST_MODEL}, else {@code ../shared/models/stories260K.gguf} from the Maven base
 * directory (see the README beside it).</li>
 * </ul>
 * Either missing: the test is skipped on a developer machine and fails under CI=true ({@link RealBinary}).
 * <p>
 * Started with {@code -np <slots>} and a context of 512 tokens per slot ({@code -c 512 × slots}): the server
 * divides {@code -c} among its slots, and with the default 512 in all concurrent requests fail with "Context size
 * has been exceeded". The KV cache is either one per slot ({@code --no-kv-unified}) or one shared by all slots
 * ({@code --kv-unified}), always given explicitly. The server's stdout and stderr go to
 * {@code target/llama-server/<alias>-<port>.log}.
 */
public final class LlamaServer implements AutoCloseable {

    /** The llama.cpp commit that {@code bin/build-llama-server} builds (node-llama-cpp 3.21.1's bundle). */
    public static final String COMMIT = "80fb11a";
    public static final String DEFAULT_ALIAS = "stories260k";
    static final int CONTEXT_PER_SLOT = 512;

    private final Process process;
    private final int port;
    private final String alias;
    private final Path log;

    /**
     * What a server serves and how: the model file (the shared model or a {@link ModelCopies} copy), the alias
     * requests name, the parallel slots, one KV cache per slot or one shared, and a chat template other than the
     * model's own ({@code --chat-template}, one of llama.cpp's built-in names such as {@code chatml}), and the
     * compute threads ({@code -t}).
     */
    public record Setup(String alias, Path model, int slots, boolean unifiedKv, Optional<String> chatTemplate,
            int threads) {

        /** {@code model} as {@link #DEFAULT_ALIAS} on 4 slots sharing one KV cache ({@code -np 4 -kvu}), 2 threads. */
        public static Setup of(Path model) {
            return new Setup(DEFAULT_ALIAS, model, 4, true, Optional.empty(), 2);
        }

        public Setup withChatTemplate(String template) {
            return new Setup(alias, model, slots, unifiedKv, Optional.of(template), threads);
        }

        public Setup withThreads(int count) {
            return new Setup(alias, model, slots, unifiedKv, chatTemplate, count);
        }
    }

    private LlamaServer(Setup setup, Duration readyTimeout) throws IOException {
        int slots = setup.slots();
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1: " + slots);
        }
        Path binary = binary();
        this.alias = setup.alias();
        port = Ports.free();
        Path logDir = Files.createDirectories(Path.of("target", "llama-server"));
        log = logDir.resolve(alias + "-" + port + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "-m", setup.model().toString(),
                "--host", "127.0.0.1", "--port", String.valueOf(port),
                "-t", String.valueOf(setup.threads()),
                "--alias", alias,
                "-np", String.valueOf(slots),
                "-c", String.valueOf(CONTEXT_PER_SLOT * slots),
                setup.unifiedKv() ? "--kv-unified" : "--no-kv-unified"));
        setup.chatTemplate().ifPresent(template -> command.addAll(List.of("--chat-template", template)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // llama-server reads LLAMA_ARG_* as defaults for its options: only the command line counts here.
        builder.environment().keySet().removeIf(k -> k.startsWith("LLAMA_"));
        process = builder.start();
        try {
            Awaitility.await().atMost(readyTimeout).pollInterval(Duration.ofMillis(50))
                    .until(() -> !process.isAlive() || LocalHttp.status(url() + "/health") == 200);
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("llama-server did not become ready in " + readyTimeout + ":\n" + log(),
                    e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("llama-server exited with " + process.exitValue() + ":\n" + log());
        }
    }

    /** A server with {@code slots} parallel slots, one KV cache per slot or one shared ({@code unifiedKv}). */
    public static LlamaServer start(int slots, boolean unifiedKv) throws IOException {
        return start(DEFAULT_ALIAS, slots, unifiedKv);
    }

    public static LlamaServer start(String alias, int slots, boolean unifiedKv) throws IOException {
        return start(new Setup(alias, model(), slots, unifiedKv, Optional.empty(), 2));
    }

    public static LlamaServer start(Setup setup) throws IOException {
        return new LlamaServer(setup, Duration.ofSeconds(60));
    }

    /** The llama-server binary, or the test is skipped (developer machine) or failed (CI). */
    public static Path binary() {
        return RealBinary.require(builtPath("SEEDWATCH_LLAMA_SERVER", "llama-server"),
                "build it with bin/build-llama-server, or set SEEDWATCH_LLAMA_SERVER");
    }

    /**
     * Where a binary that {@code bin/build-llama-server} builds is: {@code variable} when set, else beside
     * {@code SEEDWATCH_LLAMA_SERVER} when that is set, else in the script's cache.
     */
    static Path builtPath(String variable, String name) {
        String env = System.getenv(variable);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String server = System.getenv("SEEDWATCH_LLAMA_SERVER");
        if (server != null && !server.isBlank()) {
            return Path.of(server).resolveSibling(name);
        }
        String cache = System.getenv("SEEDWATCH_CACHE");
        Path cacheRoot = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "seedwatch");
        return cacheRoot.resolve("llama-server-" + COMMIT).resolve(name);
    }

    /** The GGUF model file, or the test is skipped (developer machine) or failed (CI). */
    public static Path model() {
        String env = System.getenv("SEEDWATCH_TEST_MODEL");
        Path path = (env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared", "models",
                "stories260K.gguf")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw RealBinary.missing("model " + path + " is missing (shared/models beside the checkout, or set "
                    + "SEEDWATCH_TEST_MODEL)");
        }
        return path;
    }

    /** The OpenAI-compatible base URL, {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return url() + "/v1";
    }

    /** The server's root URL, {@code http://127.0.0.1:PORT} ({@code /health}, {@code /props}). */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The {@code --alias}: the model name requests give and responses carry. */
    public String alias() {
        return alias;
    }

    public Path logFile() {
        return log;
    }

    /** What the server logged so far, for failure messages. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

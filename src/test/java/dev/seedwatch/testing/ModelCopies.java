package dev.seedwatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Copies of the tiny test model ({@link LlamaServer#model()}, stored in F32) converted by llama.cpp's real
 * {@code llama-quantize} into {@code target/model-copies/}: what a provider serves behind the same name to save
 * memory. Made once per build (kept while {@code target/} lives), never committed.
 * <p>
 * Binary: {@code SEEDWATCH_LLAMA_QUANTIZE}, else beside {@code SEEDWATCH_LLAMA_SERVER}, else in the cache of
 * {@code bin/build-llama-server}. Missing: skipped on a developer machine, failed under CI=true ({@link RealBinary}).
 */
public final class ModelCopies {

    /** The {@code llama-quantize} type names; the tiny model's rows too short for a block type stay unquantized. */
    public enum Precision {
        F16, Q8_0, Q4_0
    }

    private ModelCopies() {
    }

    public static Path quantizeBinary() {
        return RealBinary.require(LlamaServer.builtPath("SEEDWATCH_LLAMA_QUANTIZE", "llama-quantize"),
                "build it with bin/build-llama-server, or set SEEDWATCH_LLAMA_QUANTIZE");
    }

    /** The model converted to {@code precision}, made now unless an earlier test made it. */
    public static synchronized Path of(Precision precision) throws IOException, InterruptedException {
        Path original = LlamaServer.model();
        Path dir = Files.createDirectories(Path.of("target", "model-copies")).toAbsolutePath();
        String name = original.getFileName().toString().replaceFirst("\\.gguf$", "");
        Path copy = dir.resolve(name + "-" + precision + ".gguf");
        if (Files.isRegularFile(copy)) {
            return copy;
        }
        Path partial = dir.resolve(copy.getFileName() + ".partial");
        Path log = dir.resolve(copy.getFileName() + ".log");
        Process process = new ProcessBuilder(List.of(quantizeBinary().toString(), original.toString(),
                partial.toString(), precision.name())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("llama-quantize to " + precision + " did not finish in 120 s");
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(partial)) {
            throw new IllegalStateException("llama-quantize to " + precision + " exited with "
                    + process.exitValue() + ":\n" + Files.readString(log));
        }
        // Renamed only when complete: a half-written copy is never taken for a made one.
        Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }
}

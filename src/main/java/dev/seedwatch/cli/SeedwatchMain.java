package dev.seedwatch.cli;

import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

import dev.seedwatch.embedding.LocalEmbedder;

/** Entry point: {@code seedwatch run | validate}. */
@QuarkusMain
public class SeedwatchMain implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        String command = args.length > 0 ? args[0] : "";
        if (command.equals("serve")) {
            // The HTTP listener is a runtime switch, off by default: only serve mode has endpoints.
            System.setProperty("quarkus.http.host-enabled", "true");
        }
        // serve keeps running, so the model (~0.4 s to load) is loaded once, during boot. A run loads it only when a
        // reply differs (EmbeddingWarmup): loading it during a 2-core boot would slow the boot for nothing when
        // every reply is unchanged. Not in a native executable (see README, Native).
        if (command.equals("serve") && !io.quarkus.runtime.ImageMode.current().isNativeImage()) {
            LocalEmbedder.preload();
        }
        if (command.equals("serve")) {
            // programmatic jobs need the scheduler started; run mode has no trigger at all
            System.setProperty("quarkus.scheduler.start-mode", "forced");
        }
        Quarkus.run(SeedwatchMain.class, args);
    }

    @Override
    public int run(String... args) {
        return new CommandLine(SeedwatchCommand.class, factory)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }
}

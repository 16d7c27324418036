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
        // The in-process model is not available in a native executable (see README, Native).
        if ((command.equals("run") || command.equals("serve")) && !io.quarkus.runtime.ImageMode.current().isNativeImage()) {
            // Loading the embedding model takes ~0.4 s: overlap it with Quarkus' boot and the first requests.
            LocalEmbedder.preload();
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

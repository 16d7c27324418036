package dev.seedwatch.cli;

import java.util.stream.IntStream;

import jakarta.inject.Inject;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smallrye.config.ConfigValidationException;
import picocli.CommandLine;

import dev.seedwatch.embedding.LocalEmbedder;
import dev.seedwatch.run.ExitCodes;

/** Entry point: {@code seedwatch run | validate | serve}. */
@QuarkusMain
public class SeedwatchMain implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        boolean serve = args.length > 0 && args[0].equals("serve");
        if (serve) {
            // the %serve profile: HTTP endpoints and the scheduler, which run mode has no use for
            String profile = System.getProperty("quarkus.profile", System.getenv("QUARKUS_PROFILE"));
            System.setProperty("quarkus.profile", profile == null || profile.isBlank() ? "serve" : profile + ",serve");
            // serve keeps running, so the model (~0.4 s to load) is loaded once, during boot. A run loads it only
            // when a reply differs (EmbeddingWarmup). Not in a native executable (see docs/deployment.md).
            if (!ImageMode.current().isNativeImage()) {
                LocalEmbedder.preload();
            }
        }
        Quarkus.run(SeedwatchMain.class, SeedwatchMain::exit, args);
    }

    /** A setting of the wrong type fails the boot: that is invalid input (exit 2), said with the property's name. */
    private static void exit(int code, Throwable failure) {
        LocalEmbedder.settle();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigValidationException invalid) {
                // SmallRye names the property and the value; the exception class it prefixes helps nobody
                InvalidInput.print(IntStream.range(0, invalid.getProblemCount()).mapToObj(i -> invalid.getProblem(i)
                        .getMessage().replaceFirst("^java\\.lang\\.IllegalArgumentException: ", "")).toList());
                ApplicationLifecycleManager.getDefaultExitCodeHandler().accept(ExitCodes.INVALID, null);
                return;
            }
        }
        ApplicationLifecycleManager.getDefaultExitCodeHandler().accept(code, failure);
    }

    @Override
    public int run(String... args) {
        return InvalidInput.install(new CommandLine(SeedwatchCommand.class, factory)
                .setCaseInsensitiveEnumValuesAllowed(true))
                .execute(args);
    }
}

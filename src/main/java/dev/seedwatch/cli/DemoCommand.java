package dev.seedwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.seedwatch.demo.Demo;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = { "Show what seedwatch does, with no key and no network: three runs against a provider "
                + "simulated on 127.0.0.1 whose backend changes silently before the third.",
            "Writes reports, pages and the metrics file as a real run would, then prints what changed." })
public class DemoCommand implements Callable<Integer> {

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "An empty or new directory for the demo's state (default: a new temporary directory)")
    Path stateDir;

    @Inject
    Demo demo;

    @Override
    public Integer call() throws IOException, InterruptedException, Demo.UnusableStateDirException {
        return demo.run(stateDir != null ? stateDir : Files.createTempDirectory("seedwatch-demo-"));
    }
}

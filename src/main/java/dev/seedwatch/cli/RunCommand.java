package dev.seedwatch.cli;

import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Replay the suite once, analyse, write report and state, export metrics, exit.")
public class RunCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Inject
    SeedwatchConfig config;

    @Inject
    RunPipeline pipeline;

    @Override
    public Integer call() {
        try {
            return pipeline.run(RunSettings.resolve(options, config, System::getenv));
        } catch (RunSettings.InvalidSettingsException e) {
            return RunPipeline.invalid(e);
        }
    }
}

package dev.seedwatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "seedwatch", mixinStandardHelpOptions = true, version = "seedwatch 0.1.0",
        description = "Replays seeded prompts against LLM APIs and measures whether they still answer the same way.",
        subcommands = { RunCommand.class, ValidateCommand.class, ServeCommand.class, ReportCommand.class,
                BaselineCommand.class, DemoCommand.class, HelpCommand.class },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:run complete, failures within --max-failure-ratio, exported",
                "1:more replays failed than allowed", "2:bad usage or invalid suite/settings; nothing sent",
                "3:measured, but export or state writing failed", "4:interrupted or past the run deadline",
                "5:run complete, and with --fail-on-change something changed" })
public class SeedwatchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: demo, run, validate, serve, report, baseline, help");
    }
}

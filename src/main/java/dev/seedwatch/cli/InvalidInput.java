package dev.seedwatch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.TypeConversionException;

import dev.seedwatch.demo.Demo;
import dev.seedwatch.run.ExitCodes;
import dev.seedwatch.run.Inputs;
import dev.seedwatch.run.RunSettings;
import dev.seedwatch.suite.InvalidSuiteException;

/**
 * How every command says that its input was invalid: each problem on a line of its own, exit 2, nothing sent. The
 * parser collects every option value that breaks its rule (so that all are said at once); any other parse error
 * (an unknown option, a missing value) is picocli's own, with the usage.
 */
final class InvalidInput implements IExecutionStrategy, IExecutionExceptionHandler {

    private final IExecutionStrategy commands = new RunLast();

    /** {@code commandLine} and its subcommands, collecting errors and answering invalid input as this says. */
    static CommandLine install(CommandLine commandLine) {
        InvalidInput invalid = new InvalidInput();
        collectErrors(commandLine);
        return commandLine.setExecutionStrategy(invalid).setExecutionExceptionHandler(invalid);
    }

    private static void collectErrors(CommandLine commandLine) {
        commandLine.getCommandSpec().parser().collectErrors(true);
        commandLine.getSubcommands().values().forEach(InvalidInput::collectErrors);
    }

    static void print(List<String> problems) {
        System.err.println("seedwatch: invalid input, nothing was sent:");
        problems.forEach(p -> System.err.println("  " + p));
    }

    @Override
    public int execute(ParseResult parseResult) {
        List<Exception> errors = new ArrayList<>();
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            errors.addAll(r.errors());
        }
        Optional<Exception> other = errors.stream().filter(e -> !(e.getCause() instanceof TypeConversionException))
                .findFirst();
        if (other.isPresent()) {
            throw other.get() instanceof ParameterException parameter ? parameter
                    : new ParameterException(parseResult.commandSpec().commandLine(), other.get().getMessage(),
                            other.get());
        }
        if (!errors.isEmpty()) {
            print(errors.stream().map(e -> e.getCause().getMessage()).toList());
            return ExitCodes.INVALID;
        }
        return commands.execute(parseResult);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult)
            throws Exception {
        if (e instanceof RunSettings.InvalidSettingsException || e instanceof InvalidSuiteException) {
            print(Inputs.problems(e));
            return ExitCodes.INVALID;
        }
        if (e instanceof Demo.UnusableStateDirException) {
            print(List.of(e.getMessage()));
            return ExitCodes.INVALID;
        }
        throw e;
    }
}

package dev.seedwatch.cli;

import java.net.URI;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import dev.seedwatch.run.SettingRules;
import dev.seedwatch.suite.Shard;

/**
 * The converters of the options whose values have rules: a value that breaks one fails the parse with the message of
 * {@link SettingRules}, which {@link InvalidInput} prints with every other such value of the command line.
 */
final class OptionValues {

    private OptionValues() {
    }

    private interface Rule<T> {
        T apply(String text) throws SettingRules.InvalidValueException;
    }

    private static <T> T convert(Rule<T> rule, String text) {
        try {
            return rule.apply(text);
        } catch (SettingRules.InvalidValueException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static final class Concurrency implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return OptionValues.convert(SettingRules::concurrency, text);
        }
    }

    static final class MaxFailureRatio implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            return OptionValues.convert(SettingRules::maxFailureRatio, text);
        }
    }

    static final class Replays implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return OptionValues.convert(SettingRules::replays, text);
        }
    }

    static final class ShardValue implements ITypeConverter<Shard> {
        @Override
        public Shard convert(String text) {
            return OptionValues.convert(SettingRules::shard, text);
        }
    }

    static final class Pushgateway implements ITypeConverter<URI> {
        @Override
        public URI convert(String text) {
            return OptionValues.convert(SettingRules::pushgateway, text);
        }
    }
}

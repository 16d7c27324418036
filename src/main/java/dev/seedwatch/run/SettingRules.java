package dev.seedwatch.run;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import dev.seedwatch.suite.Shard;

/**
 * The checks a setting passes whether an option or the configuration set it, each failing with the message that names
 * both ({@code --concurrency (seedwatch.concurrency): …}).
 */
public final class SettingRules {

    private SettingRules() {
    }

    /** A setting's value that does not pass its check: {@link #getMessage()} is the line to print. */
    public static final class InvalidValueException extends Exception {
        InvalidValueException(String message) {
            super(message);
        }
    }

    public static int concurrency(int value) throws InvalidValueException {
        if (value < 1 || value > 10_000) {
            throw new InvalidValueException(
                    "--concurrency (seedwatch.concurrency): must be between 1 and 10000, got " + value);
        }
        return value;
    }

    public static int concurrency(String text) throws InvalidValueException {
        try {
            return concurrency(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            throw new InvalidValueException(
                    "--concurrency (seedwatch.concurrency): must be a whole number, got '" + text + "'");
        }
    }

    /** @param text the value as it was written, said back in the message */
    public static double maxFailureRatio(double value, String text) throws InvalidValueException {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidValueException(
                    "--max-failure-ratio (seedwatch.max-failure-ratio): must be between 0 and 1, got " + text);
        }
        return value;
    }

    public static double maxFailureRatio(String text) throws InvalidValueException {
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidValueException(
                    "--max-failure-ratio (seedwatch.max-failure-ratio): must be a number, got '" + text + "'");
        }
        return maxFailureRatio(value, text);
    }

    public static int replays(String text) throws InvalidValueException {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidValueException("--replays: must be a whole number, got '" + text + "'");
        }
        if (value < 1 || value > 100_000) {
            throw new InvalidValueException("--replays: must be between 1 and 100000, got " + value);
        }
        return value;
    }

    public static Shard shard(String text) throws InvalidValueException {
        try {
            return Shard.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("--shard (seedwatch.shard): " + e.getMessage());
        }
    }

    /** An http(s) URL; blank is {@link Overrides#NO_PUSH}. */
    public static URI pushgateway(String text) throws InvalidValueException {
        if (text.isBlank()) {
            return Overrides.NO_PUSH;
        }
        try {
            URI uri = new URI(text.trim());
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new InvalidValueException(
                        "--pushgateway (seedwatch.pushgateway.url): must be an http(s) URL, got '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidValueException("--pushgateway (seedwatch.pushgateway.url): not a URL: " + e.getReason());
        }
    }

    /** The newest run's page below {@code seedwatch.external-url}: an http(s) URL without credentials. */
    static Optional<String> runPage(Optional<String> externalUrl) throws InvalidValueException {
        Optional<String> url = externalUrl.filter(s -> !s.isBlank());
        if (url.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.get().trim());
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                throw new InvalidValueException("seedwatch.external-url: must be an http(s) URL without credentials, got '"
                        + url.get() + "'");
            }
            return Optional.of(uri.toString().replaceAll("/+$", "") + "/runs/latest");
        } catch (URISyntaxException e) {
            throw new InvalidValueException("seedwatch.external-url: not a URL: " + e.getReason());
        }
    }
}

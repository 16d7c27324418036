package dev.seedwatch.suite;

/** An extra request header; its value is either written in the suite or read from an env var. */
public record Header(String name, String value, String valueEnv) {

    /** Hides header values: they often carry credentials. */
    @Override
    public String toString() {
        return "Header[" + name + "]";
    }
}

package dev.seedwatch.cli;

import java.util.List;

/** How every command says that its input was invalid (exit 2). */
final class Problems {

    private Problems() {
    }

    static void print(List<String> problems) {
        System.err.println("seedwatch: invalid input, nothing was sent:");
        problems.forEach(p -> System.err.println("  " + p));
    }
}

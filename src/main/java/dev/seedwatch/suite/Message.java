package dev.seedwatch.suite;

public record Message(String role, String content) {
}

package dev.seedwatch.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import dev.seedwatch.suite.FieldReader.Problems;
import dev.seedwatch.support.Json;

/**
 * A suite file read as a YAML tree, with two checks first. Its size: the YAML parser takes super-linear time on
 * huge strings, and serve reads the suite before every run. Its aliases: the YAML reader gives an alias
 * ({@code *sys}) as the anchor's name, not its value, so a prompt would be sent wrong without a word; and expanding
 * them would let a few lines grow to billions of nodes. A suite writes each value out.
 */
final class SuiteYaml {

    /** Bytes a suite file may have (see docs/hostile.md): hundreds of prompts with long documents fit. */
    static final long MAX_BYTES = 1 << 20;

    private SuiteYaml() {
    }

    /**
     * The tree of {@code file}; empty with the problem added when it cannot be read, is not YAML, is empty, too large
     * or holds an alias.
     */
    static Optional<JsonNode> read(Path file, Problems problems) {
        try {
            Optional<JsonNode> root = readChecked(file, problems);
            if (root.isPresent() && (root.get().isMissingNode() || root.get().isNull())) {
                problems.add("", "is empty");
                return Optional.empty();
            }
            return root;
        } catch (NoSuchFileException e) {
            problems.add("", "file not found");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            problems.add("", "not valid YAML" + where + ": " + yamlReason(e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add("", "cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> readChecked(Path file, Problems problems) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            problems.add("", "is " + size + " bytes, more than the " + MAX_BYTES + " a suite file may have");
            return Optional.empty();
        }
        String text = Files.readString(file);
        JsonNode root = Json.YAML.readTree(text);
        Optional<String> alias = firstAlias(text);
        if (alias.isPresent()) {
            problems.add(alias.get(), "is a YAML alias (*name); aliases are not supported: write the value out");
            return Optional.empty();
        }
        return Optional.of(root);
    }

    /** The path of the first alias in {@code text}, as problems name fields ({@code prompts[0].messages[1].content}). */
    private static Optional<String> firstAlias(String text) throws IOException {
        try (JsonParser parser = Json.YAML.createParser(text)) {
            while (parser.nextToken() != null) {
                if (((YAMLParser) parser).isCurrentAlias()) {
                    return Optional.of(path(parser.getParsingContext()));
                }
            }
        }
        return Optional.empty();
    }

    /** SnakeYAML's message repeats the location with a drawing of the line; keep its sentences only. */
    private static String yamlReason(String message) {
        return Arrays.stream(message.split("\\R"))
                .filter(l -> !l.isBlank() && !l.startsWith(" ") && !l.startsWith("\t"))
                .map(String::strip)
                .collect(Collectors.joining("; "))
                + (message.contains("Duplicate") ? ""
                        : message.contains("TAB") ? " (indent with spaces: YAML forbids tabs)"
                                : " (text with ': ', '#', '?', '{' or '}' needs quotes)");
    }

    private static String path(JsonStreamContext context) {
        StringBuilder out = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            String step = c.inArray() ? "[" + Math.max(0, c.getCurrentIndex()) + "]"
                    : (c.getParent() != null && c.getParent().inRoot() ? "" : ".") + c.getCurrentName();
            out.insert(0, step);
        }
        return out.toString();
    }
}

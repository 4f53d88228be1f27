package io.vishwaops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reading the user's files, with one-line errors that name the file. */
final class LocalFiles {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private LocalFiles() {
    }

    static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliException(CliException.BAD_FILE, file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new CliException(CliException.BAD_FILE, file + ": not readable");
        }
        return file;
    }

    /** A JSON or YAML document (by extension; JSON otherwise). */
    static JsonNode document(Path file) {
        existing(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            String text = Files.readString(file);
            JsonNode node = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML.readTree(text) : Gateway.JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new CliException(CliException.BAD_FILE, file + ": expected a JSON or YAML object");
            }
            return node;
        } catch (JacksonException e) {
            throw new CliException(CliException.BAD_FILE, file + ": not valid " + (name.endsWith(".yaml")
                    || name.endsWith(".yml") ? "YAML" : "JSON") + " (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new CliException(CliException.BAD_FILE, file + ": " + e.getMessage());
        }
    }

    /** The media type records in this file are sent as. */
    static String recordsMediaType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return "text/csv";
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return "application/x-ndjson";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        throw new CliException(CliException.BAD_FILE, file + ": records must be .csv, .json, .ndjson or .jsonl");
    }
}

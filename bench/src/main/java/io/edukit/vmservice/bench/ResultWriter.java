package io.edukit.vmservice.bench;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a run's report as {@code <scenario>-<timestamp>.json}, and the same as {@code <scenario>-latest.json}. */
final class ResultWriter {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ResultWriter() {
    }

    static Path write(RunReport report, Path directory, String timestamp) {
        String text = JSON.writeValueAsString(report) + "\n";
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(report.scenario() + "-" + timestamp + ".json");
            Files.writeString(file, text);
            Files.writeString(directory.resolve(report.scenario() + "-latest.json"), text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results into " + directory, e);
        }
    }
}

package org.r1j.pipeline.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON-lines file one record per line, the way every r1j dataset loader does: blank lines are skipped, and a
 * line that is not JSON, or that its format rejects, becomes a {@link LineIssue} ({@code file:line: why}) instead of
 * stopping the load, so one malformed line never costs the rest of the data.
 */
public final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {
    }

    /** Turns one line's JSON into a record, or rejects it with {@link BadLine} (or an IllegalArgumentException). */
    @FunctionalInterface
    public interface LineParser<T> {
        /** @param where "file:line", for messages that name their place */
        T parse(JsonNode node, String where) throws BadLine;
    }

    /** A line that parses as JSON but does not fit the format; its message says why. */
    public static final class BadLine extends Exception {
        public BadLine(String message) {
            super(message, null, false, false);
        }
    }

    /** {@link #read} of a UTF-8 file; {@code what} names it in the error when the file cannot be read. */
    public static <T> Loaded<T> load(Path file, String what, LineParser<T> parser) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString(), parser);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every line of {@code in} through {@code parser}; {@code name} is the file name the issues carry. */
    public static <T> Loaded<T> read(BufferedReader in, String name, LineParser<T> parser) throws IOException {
        List<T> items = new ArrayList<>();
        List<LineIssue> issues = new ArrayList<>();
        String line;
        for (int n = 1; (line = in.readLine()) != null; n++) {
            if (line.isBlank()) continue;
            try {
                items.add(parser.parse(JSON.readTree(line), name + ":" + n));
            } catch (JsonProcessingException e) {
                issues.add(new LineIssue(name, n, "not valid JSON: " + e.getOriginalMessage()
                        + " (column " + e.getLocation().getColumnNr() + ")"));
            } catch (BadLine | IllegalArgumentException e) {
                issues.add(new LineIssue(name, n, e.getMessage()));
            }
        }
        return new Loaded<>(items, issues);
    }
}

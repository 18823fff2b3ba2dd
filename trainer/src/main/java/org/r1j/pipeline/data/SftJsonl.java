package org.r1j.pipeline.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SFT data as JSON Lines {@code {"id": …, "prompt": …, "completion": …}}: what rejection sampling and distillation
 * write and the SFT stages read. Files are written atomically (temp file + rename) so a crash never leaves half a set.
 */
public final class SftJsonl {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SftJsonl() {
    }

    public static void write(Path file, List<SftExample> examples) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (SftExample e : examples) {
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("id", e.id());
                    row.put("prompt", e.prompt());
                    row.put("completion", e.completion());
                    w.write(JSON.writeValueAsString(row));
                    w.write('\n');
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static Loaded<SftExample> load(Path file) {
        List<SftExample> out = new ArrayList<>();
        List<LineIssue> issues = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            for (int n = 1; (line = in.readLine()) != null; n++) {
                if (line.isBlank()) continue;
                try {
                    JsonNode node = JSON.readTree(line);
                    if (!node.path("prompt").isTextual() || !node.path("completion").isTextual()) {
                        issues.add(new LineIssue(file.toString(), n, "needs string fields 'prompt' and 'completion'"));
                        continue;
                    }
                    out.add(new SftExample(node.path("id").asText(file + ":" + n), node.get("prompt").asText(),
                            node.get("completion").asText()));
                } catch (JsonProcessingException e) {
                    issues.add(new LineIssue(file.toString(), n, "not valid JSON: " + e.getOriginalMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new Loaded<>(out, issues);
    }
}

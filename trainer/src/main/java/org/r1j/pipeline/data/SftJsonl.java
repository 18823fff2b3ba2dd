package org.r1j.pipeline.data;

import org.r1j.io.AtomicFiles;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r1j.model.tokenize.ChatTemplate;
import org.r1j.model.tokenize.ChatTemplate.Message;

/**
 * SFT data as JSON Lines {@code {"id": …, "prompt": …, "completion": …}}: what rejection sampling and distillation
 * write and the SFT stages read. Files are written atomically (temp file + rename) so a crash never leaves half a set.
 * Chat lines {@code {"messages": [{role, content}, …]}} are read too: the last assistant turn is the completion and
 * the turns before it, rendered with the model's {@link ChatTemplate}, the prompt.
 */
public final class SftJsonl {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SftJsonl() {
    }

    /** Writes the examples as JSONL, atomically (a crash leaves the old file or the whole new one). */
    public static void write(Path file, List<SftExample> examples) {
        AtomicFiles.write(file, out -> {
            Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            for (SftExample e : examples) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("id", e.id());
                row.put("prompt", e.prompt());
                row.put("completion", e.completion());
                w.write(JSON.writeValueAsString(row));
                w.write('\n');
            }
            w.flush();
        });
    }

    public static Loaded<SftExample> load(Path file) {
        return load(file, ChatTemplate.NONE);
    }

    /** As {@link #load(Path)}, rendering chat lines with {@code chat}. */
    public static Loaded<SftExample> load(Path file, ChatTemplate chat) {
        List<SftExample> out = new ArrayList<>();
        List<LineIssue> issues = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            for (int n = 1; (line = in.readLine()) != null; n++) {
                if (line.isBlank()) continue;
                try {
                    JsonNode node = JSON.readTree(line);
                    if (node.has("messages")) {
                        String problem = chatExample(node.get("messages"), chat, file + ":" + n, out);
                        if (problem != null) issues.add(new LineIssue(file.toString(), n, problem));
                        continue;
                    }
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

    /** Adds the example a chat line holds; returns what is wrong with it instead, or null. */
    private static String chatExample(JsonNode messages, ChatTemplate chat, String id, List<SftExample> out) {
        if (!messages.isArray() || messages.isEmpty()) return "'messages' must be a non-empty list of {role, content}";
        List<Message> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (!m.path("role").isTextual() || !m.path("content").isTextual()) {
                return "messages[" + i + "] must be an object with string 'role' and 'content'";
            }
            turns.add(new Message(m.get("role").asText(), m.get("content").asText()));
        }
        Message last = turns.get(turns.size() - 1);
        if (!last.role().equals("assistant")) return "the last message must be the assistant's reply (the completion to learn)";
        out.add(new SftExample(id, chat.render(turns.subList(0, turns.size() - 1), true), last.content()));
        return null;
    }
}

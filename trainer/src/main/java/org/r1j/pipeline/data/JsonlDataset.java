package org.r1j.pipeline.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.r1j.dsl.lib.math.AnswerExtraction;
import org.r1j.pipeline.data.JsonLines.BadLine;

/**
 * Reads problems from JSON Lines with configurable field names ({@link DatasetFormat}). A line that is not a JSON
 * object, lacks a field or has no usable reference is skipped and reported with its line number; blank lines are
 * ignored. Every other top-level field is kept in {@link Problem#fields()}, so reward files can use it by name.
 */
public final class JsonlDataset {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonlDataset() {
    }

    public static Loaded<Problem> load(Path file, DatasetFormat format) {
        return JsonLines.load(file, "dataset", (node, where) -> parse(node, format, where));
    }

    public static Loaded<Problem> read(BufferedReader in, String name, DatasetFormat format) throws IOException {
        return JsonLines.read(in, name, (node, where) -> parse(node, format, where));
    }

    private static Problem parse(JsonNode node, DatasetFormat f, String where) throws BadLine {
        if (!node.isObject()) throw new BadLine("expected a JSON object, got " + node.getNodeType().name().toLowerCase());
        String id = f.idField() != null && node.hasNonNull(f.idField()) ? node.get(f.idField()).asText() : where;
        Map<String, Object> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> fields.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
        String question;
        String reference;
        if (f.messagesField() != null) {
            List<Map<String, String>> messages = messages(node.get(f.messagesField()), f.messagesField());
            question = last(messages, "user").orElseThrow(() -> new BadLine("no user message in '" + f.messagesField() + "'"));
            reference = f.answerField() != null && node.hasNonNull(f.answerField()) ? text(node, f.answerField())
                    : last(messages, "assistant").orElse("");
            fields.put(f.messagesField(), messages);
        } else {
            question = text(node, f.questionField());
            reference = reference(text(node, f.answerField()), f);
        }
        return new Problem(id, question, reference, fields);
    }

    private static String reference(String answer, DatasetFormat f) throws BadLine {
        return switch (f.reference()) {
            case RAW -> answer.strip();
            case GSM8K -> {
                int at = answer.lastIndexOf("####");
                if (at < 0) throw new BadLine("'" + f.answerField() + "' has no '#### answer' line (GSM8K style)");
                String r = answer.substring(at + 4).strip().replace(",", "");
                if (r.isEmpty()) throw new BadLine("'" + f.answerField() + "' has an empty '####' answer");
                yield r;
            }
            case BOXED -> AnswerExtraction.boxed(answer)
                    .orElseThrow(() -> new BadLine("'" + f.answerField() + "' has no \\boxed{…} answer (MATH style)"));
        };
    }

    private static String text(JsonNode node, String field) throws BadLine {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw new BadLine("missing field '" + field + "'");
        if (!v.isValueNode()) throw new BadLine("field '" + field + "' must be a string or number, got " + v.getNodeType().name().toLowerCase());
        return v.asText();
    }

    private static List<Map<String, String>> messages(JsonNode v, String field) throws BadLine {
        if (v == null || !v.isArray()) throw new BadLine("field '" + field + "' must be a list of {role, content}");
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode m = v.get(i);
            if (!m.isObject() || !m.path("role").isTextual() || !m.path("content").isTextual()) {
                throw new BadLine(field + "[" + i + "] must be an object with string 'role' and 'content'");
            }
            out.add(Map.of("role", m.get("role").asText(), "content", m.get("content").asText()));
        }
        return out;
    }

    private static Optional<String> last(List<Map<String, String>> messages, String role) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).get("role").equals(role)) return Optional.of(messages.get(i).get("content"));
        }
        return Optional.empty();
    }
}

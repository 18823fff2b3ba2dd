package org.r1j.dsl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.r1j.dsl.Sample;

/**
 * One JSONL line → {@link Sample}: {@code prompt}, {@code completion}, the reference from {@code reference},
 * {@code answer} or {@code solution} (first present), {@code completion_tokens}, every other field by name.
 * Chat-style values (a list of {role, content} messages, as TRL writes them) become their last message's content.
 * Public for {@code r1j spark score}, which reads its rows the same way.
 */
public final class SampleReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleReader() {}

    /** The sample, or throws IllegalArgumentException saying what is wrong with the line. */
    public static Sample read(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            int cut = m.indexOf(" (start marker");
            throw new IllegalArgumentException("not JSON: " + (cut > 0 ? m.substring(0, cut) : m).split("\n")[0]);
        }
        if (node == null || !node.isObject()) throw new IllegalArgumentException("not a JSON object");
        if (!node.has("completion")) throw new IllegalArgumentException("no \"completion\" field");
        String reference = null;
        for (String k : new String[] {"reference", "answer", "solution"}) {
            if (node.hasNonNull(k)) {
                reference = text(node.get(k));
                break;
            }
        }
        int tokens = node.path("completion_tokens").canConvertToInt() ? node.path("completion_tokens").asInt(-1) : -1;
        Map<String, Object> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) fields.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
        });
        return new Sample(text(node.get("prompt")), text(node.get("completion")), reference, fields, tokens);
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) return "";
        if (n.isTextual()) return n.asText();
        if (n.isArray() && n.size() > 0 && n.get(n.size() - 1).has("content")) return n.get(n.size() - 1).get("content").asText();
        return n.isValueNode() ? n.asText() : n.toString();
    }
}

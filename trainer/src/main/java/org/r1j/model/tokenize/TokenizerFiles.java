package org.r1j.model.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the tokenizer stored in a model directory: {@code tokenizer.json} in r1j's character layout becomes a
 * {@link CharTokenizer} (pure Java), any other Hugging Face {@code tokenizer.json} an {@link HfTokenizer}.
 * EOS and padding tokens come from {@code tokenizer_config.json} (HF's {@code eos_token}, {@code pad_token}).
 */
public final class TokenizerFiles {
    public static final String TOKENIZER_JSON = "tokenizer.json";
    public static final String TOKENIZER_CONFIG_JSON = "tokenizer_config.json";
    static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerFiles() {
    }

    /** The tokenizer of model directory {@code dir}, or of a {@code tokenizer.json} file given directly. */
    public static Tokenizer load(Path dirOrFile) {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(TOKENIZER_JSON) : dirOrFile;
        if (!Files.isRegularFile(file)) {
            throw new TokenizerException(file + ": file not found (a model directory needs tokenizer.json; "
                    + "make one with `r1j init-model --tokenizer char` or copy a Hugging Face tokenizer.json)");
        }
        JsonNode json = readJson(file);
        JsonNode config = readConfig(file.getParent());
        if (CharTokenizer.isCharLayout(json)) return CharTokenizer.fromJson(json, config, file);
        return HfTokenizer.load(file, json, config);
    }

    static JsonNode readJson(Path file) {
        try {
            JsonNode n = JSON.readTree(Files.readString(file));
            if (n == null || !n.isObject()) throw new TokenizerException(file + ": not a JSON object");
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TokenizerException(file + ": invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new TokenizerException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** tokenizer_config.json next to tokenizer.json, or an empty object when there is none. */
    static JsonNode readConfig(Path dir) {
        Path cfg = dir == null ? null : dir.resolve(TOKENIZER_CONFIG_JSON);
        return cfg != null && Files.isRegularFile(cfg) ? readJson(cfg) : JSON.createObjectNode();
    }

    /** A token named in tokenizer_config.json: either a plain string or {@code {"content": ...}}; null if absent. */
    static String tokenName(JsonNode config, String field) {
        JsonNode v = config.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return v.asText();
        return v.hasNonNull("content") ? v.get("content").asText() : null;
    }
}

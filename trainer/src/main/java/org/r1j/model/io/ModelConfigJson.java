package org.r1j.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.r1j.model.ModelConfig;

/**
 * {@link ModelConfig} ↔ Hugging Face {@code config.json}. Reading applies the defaults of transformers'
 * {@code Qwen2Config} / {@code LlamaConfig} for absent fields and rejects features the r1j decoder does not
 * implement (other activations, RoPE scaling, a head_dim that differs from hidden/heads), naming the field.
 * Writing produces a config that {@code AutoModelForCausalLM.from_pretrained} accepts.
 */
public final class ModelConfigJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelConfigJson() {
    }

    public static ModelConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": file not found (a model directory needs config.json)");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            return parse(text);
        } catch (CheckpointException e) {
            throw new CheckpointException(file + ": " + e.getMessage());
        }
    }

    /** Parses config.json text; errors name the offending field. */
    public static ModelConfig parse(String text) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CheckpointException("invalid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) throw new CheckpointException("config is not a JSON object");
        String type = n.path("model_type").asText("");
        boolean qwen = type.equals("qwen2");
        if (!qwen && !type.equals("llama")) {
            throw new CheckpointException("model_type '" + type + "' is not supported (r1j implements qwen2 and llama)");
        }
        String act = n.path("hidden_act").asText("silu");
        if (!act.equals("silu")) throw new CheckpointException("hidden_act '" + act + "' is not supported (only silu)");
        if (n.hasNonNull("rope_scaling")) {
            throw new CheckpointException("rope_scaling " + n.get("rope_scaling") + " is not supported (only plain RoPE)");
        }
        if (n.path("use_sliding_window").asBoolean(false)) {
            throw new CheckpointException("use_sliding_window=true is not supported");
        }
        int hidden = integer(n, "hidden_size", 4096);
        int heads = integer(n, "num_attention_heads", 32);
        if (heads <= 0 || hidden % heads != 0) {
            throw new CheckpointException("hidden_size " + hidden + " is not divisible by num_attention_heads " + heads);
        }
        if (n.hasNonNull("head_dim") && n.get("head_dim").asInt() != hidden / heads) {
            throw new CheckpointException("head_dim " + n.get("head_dim").asInt() + " differs from hidden_size / "
                    + "num_attention_heads = " + hidden / heads + "; not supported");
        }
        int kvHeads = integer(n, "num_key_value_heads", heads);
        if (kvHeads <= 0 || heads % kvHeads != 0) {
            throw new CheckpointException("num_attention_heads " + heads + " is not a multiple of num_key_value_heads " + kvHeads);
        }
        try {
            return config(n, qwen, type, hidden, heads, kvHeads);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(e.getMessage());
        }
    }

    private static ModelConfig config(JsonNode n, boolean qwen, String type, int hidden, int heads, int kvHeads) {
        return new ModelConfig(
                integer(n, "vocab_size", qwen ? 151936 : 32000),
                hidden,
                integer(n, "intermediate_size", qwen ? 22016 : 11008),
                integer(n, "num_hidden_layers", 32),
                heads,
                kvHeads,
                n.path("rms_norm_eps").asDouble(1e-6),
                n.path("rope_theta").asDouble(10000.0),
                integer(n, "max_position_embeddings", qwen ? 32768 : 2048),
                n.path("tie_word_embeddings").asBoolean(false),
                qwen || n.path("attention_bias").asBoolean(false), // Qwen2 always has q/k/v biases
                type,
                firstId(n, "bos_token_id"),
                firstId(n, "eos_token_id"));
    }

    /** config.json text for {@code cfg}, with the fields transformers needs to load it. */
    public static String toJson(ModelConfig cfg) {
        boolean qwen = cfg.modelType().equals("qwen2");
        ObjectNode n = JSON.createObjectNode();
        n.putArray("architectures").add(qwen ? "Qwen2ForCausalLM" : "LlamaForCausalLM");
        n.put("model_type", cfg.modelType());
        n.put("vocab_size", cfg.vocabSize());
        n.put("hidden_size", cfg.hiddenSize());
        n.put("intermediate_size", cfg.intermediateSize());
        n.put("num_hidden_layers", cfg.numHiddenLayers());
        n.put("num_attention_heads", cfg.numAttentionHeads());
        n.put("num_key_value_heads", cfg.numKeyValueHeads());
        n.put("hidden_act", "silu");
        n.put("rms_norm_eps", cfg.rmsNormEps());
        n.put("rope_theta", cfg.ropeTheta());
        n.put("max_position_embeddings", cfg.maxPositionEmbeddings());
        n.put("tie_word_embeddings", cfg.tieWordEmbeddings());
        if (!qwen) n.put("attention_bias", cfg.attentionBias());
        else n.put("use_sliding_window", false);
        if (cfg.bosTokenId() >= 0) n.put("bos_token_id", cfg.bosTokenId());
        if (cfg.eosTokenId() >= 0) n.put("eos_token_id", cfg.eosTokenId());
        n.put("attention_dropout", 0.0);
        n.put("initializer_range", 0.02);
        n.put("use_cache", true);
        n.put("torch_dtype", "float32");
        try {
            return JSON.writeValueAsString(n) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(ModelConfig cfg, Path file) {
        if (!cfg.modelType().equals("qwen2") && !cfg.modelType().equals("llama")) {
            throw new CheckpointException(file + ": model_type '" + cfg.modelType() + "' cannot be written (qwen2 or llama)");
        }
        AtomicFiles.writeString(file, toJson(cfg));
    }

    private static int integer(JsonNode n, String field, int dflt) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return dflt;
        if (!v.canConvertToInt()) throw new CheckpointException(field + " must be an integer, got " + v);
        return v.asInt();
    }

    /** bos/eos ids may be an int, a list (the first is used) or null (-1). */
    private static int firstId(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return -1;
        if (v.isArray()) return v.isEmpty() ? -1 : v.get(0).asInt();
        if (!v.canConvertToInt()) throw new CheckpointException(field + " must be an integer or a list, got " + v);
        return v.asInt();
    }
}

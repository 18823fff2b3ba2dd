package org.r1j.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.model.ModelConfig;
import org.r1j.model.ModelPresets;

class ModelConfigJsonTest {
    /** config.json of Qwen/Qwen2.5-0.5B-Instruct as published on the Hub. */
    static final String QWEN25_05B = """
            {"architectures": ["Qwen2ForCausalLM"], "attention_dropout": 0.0, "bos_token_id": 151643,
             "eos_token_id": 151645, "hidden_act": "silu", "hidden_size": 896, "initializer_range": 0.02,
             "intermediate_size": 4864, "max_position_embeddings": 32768, "max_window_layers": 21,
             "model_type": "qwen2", "num_attention_heads": 14, "num_hidden_layers": 24, "num_key_value_heads": 2,
             "rms_norm_eps": 1e-06, "rope_theta": 1000000.0, "sliding_window": 32768, "tie_word_embeddings": true,
             "torch_dtype": "bfloat16", "transformers_version": "4.43.1", "use_cache": true,
             "use_sliding_window": false, "vocab_size": 151936}
            """;

    @TempDir
    Path tmp;

    @Test
    void readsARealQwenConfig() {
        ModelConfig c = ModelConfigJson.parse(QWEN25_05B);
        assertEquals(new ModelConfig(151936, 896, 4864, 24, 14, 2, 1e-6, 1e6, 32768, true, true, "qwen2", 151643, 151645), c);
        assertEquals(64, c.headDim());
    }

    @Test
    void appliesHfDefaultsAndTakesTheFirstEosOfAList() {
        ModelConfig c = ModelConfigJson.parse("""
                {"model_type": "llama", "hidden_size": 64, "num_attention_heads": 4, "num_hidden_layers": 2,
                 "intermediate_size": 128, "vocab_size": 100, "eos_token_id": [128001, 128009]}""");
        assertEquals(4, c.numKeyValueHeads());              // defaults to num_attention_heads
        assertEquals(1e-6, c.rmsNormEps());
        assertEquals(10000.0, c.ropeTheta());
        assertEquals(2048, c.maxPositionEmbeddings());
        assertFalse(c.tieWordEmbeddings());
        assertFalse(c.attentionBias());
        assertEquals(-1, c.bosTokenId());
        assertEquals(128001, c.eosTokenId());
    }

    @Test
    void roundTripsThroughJson() {
        ModelConfig tiny = ModelPresets.tiny(103);
        assertEquals(tiny, ModelConfigJson.parse(ModelConfigJson.toJson(tiny)));
        ModelConfig llama = new ModelConfig(50, 24, 40, 2, 2, 1, 1e-5, 5e5, 64, false, false, "llama", 1, 2);
        assertEquals(llama, ModelConfigJson.parse(ModelConfigJson.toJson(llama)));
        assertTrue(ModelConfigJson.toJson(tiny).contains("\"architectures\" : [ \"Qwen2ForCausalLM\" ]"));
    }

    @Test
    void rejectsWhatTheDecoderDoesNotImplementNamingTheField() {
        String msg = assertThrows(CheckpointException.class, () -> ModelConfigJson.parse(
                QWEN25_05B.replace("\"use_cache\": true", "\"rope_scaling\": {\"type\": \"yarn\", \"factor\": 4}"))).getMessage();
        assertTrue(msg.contains("rope_scaling"), msg);
        msg = assertThrows(CheckpointException.class, () -> ModelConfigJson.parse(QWEN25_05B.replace("qwen2", "mistral"))).getMessage();
        assertTrue(msg.contains("model_type 'mistral'"), msg);
        msg = assertThrows(CheckpointException.class, () -> ModelConfigJson.parse(QWEN25_05B.replace("\"num_key_value_heads\": 2", "\"num_key_value_heads\": 3"))).getMessage();
        assertTrue(msg.contains("num_key_value_heads 3"), msg);
        msg = assertThrows(CheckpointException.class, () -> ModelConfigJson.parse(QWEN25_05B.replace("\"vocab_size\": 151936", "\"vocab_size\": \"big\""))).getMessage();
        assertTrue(msg.contains("vocab_size must be an integer"), msg);
        msg = assertThrows(CheckpointException.class, () -> ModelConfigJson.parse(QWEN25_05B.replace("\"vocab_size\": 151936", "\"vocab_size\": 0"))).getMessage();
        assertTrue(msg.contains("vocab_size must be > 0"), msg);
    }

    @Test
    void fileErrorsNameTheFile() throws Exception {
        Path f = tmp.resolve("config.json");
        assertTrue(assertThrows(CheckpointException.class, () -> ModelConfigJson.read(f)).getMessage().contains("config.json: file not found"));
        Files.writeString(f, "{\"model_type\": \"qwen2\", ");
        String msg = assertThrows(CheckpointException.class, () -> ModelConfigJson.read(f)).getMessage();
        assertTrue(msg.startsWith(f + ": invalid JSON"), msg);
    }
}

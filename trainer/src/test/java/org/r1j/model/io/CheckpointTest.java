package org.r1j.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.model.DecoderModel;
import org.r1j.model.ModelConfig;
import org.r1j.model.ModelPresets;
import org.r1j.model.tokenize.CharTokenizer;

class CheckpointTest {
    @TempDir
    Path tmp;

    @Test
    void saveThenLoadGivesTheSameWeightsConfigAndTokenizer() throws Exception {
        CharTokenizer tok = CharTokenizer.ascii();
        ModelConfig cfg = ModelPresets.tiny(tok.vocabSize());
        DecoderModel model = DecoderModel.random(cfg, 7);
        Path dir = tmp.resolve("m");
        Checkpoint.save(model, tok, dir);
        for (String f : new String[] {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertTrue(!Safetensors.header(dir.resolve("model.safetensors")).containsKey("lm_head.weight"), "tied head is not stored");
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("model.safetensors"))));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("tokenizer.json"))));

        LoadedModel back = Checkpoint.load(dir);
        assertEquals(cfg.vocabSize(), back.model().config().vocabSize());
        assertEquals(tok.eosId(), back.model().config().eosTokenId());
        Map<String, HostArray> a = model.stateDict(), b = back.model().stateDict();
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) assertEquals(a.get(name), b.get(name), name);
        assertTrue(back.tokenizer() instanceof CharTokenizer);
        assertArrayEquals(tok.encode("<think>1+2</think>"), back.tokenizer().encode("<think>1+2</think>"));
    }

    @Test
    void stopTokenIdsUnionConfigAndGenerationConfig() throws Exception {
        Files.writeString(tmp.resolve("config.json"), "{\"eos_token_id\": 151645}");
        Files.writeString(tmp.resolve("generation_config.json"), "{\"eos_token_id\": [151645, 151643], \"top_p\": 0.8}");
        assertArrayEquals(new int[] {151645, 151643}, Checkpoint.stopTokenIds(tmp));
    }

    @Test
    void shardedSaveLoadsBack() {
        CharTokenizer tok = CharTokenizer.ascii();
        DecoderModel model = DecoderModel.random(ModelPresets.tiny(tok.vocabSize()), 3);
        Path dir = tmp.resolve("sharded");
        Checkpoint.save(model, tok, dir, 40_000);
        assertTrue(Files.exists(dir.resolve(ShardedWeights.INDEX)));
        Map<String, HostArray> back = Checkpoint.loadModel(dir).stateDict();
        model.stateDict().forEach((k, v) -> assertEquals(v, back.get(k), k));
    }

    @Test
    void missingOrMisshapenTensorsAreNamed() throws Exception {
        CharTokenizer tok = CharTokenizer.ascii();
        ModelConfig cfg = ModelPresets.tiny(tok.vocabSize());
        Path dir = tmp.resolve("broken");
        Checkpoint.save(DecoderModel.random(cfg, 1), tok, dir);
        Map<String, HostArray> w = Safetensors.read(dir.resolve("model.safetensors")).tensors();
        var fewer = new java.util.LinkedHashMap<>(w);
        fewer.remove("model.layers.1.mlp.up_proj.weight");
        Safetensors.write(dir.resolve("model.safetensors"), fewer);
        String msg = assertThrows(CheckpointException.class, () -> Checkpoint.loadModel(dir)).getMessage();
        assertTrue(msg.contains("model.layers.1.mlp.up_proj.weight") && msg.contains("model.safetensors"), msg);

        Files.delete(dir.resolve("model.safetensors"));
        msg = assertThrows(CheckpointException.class, () -> Checkpoint.loadModel(dir)).getMessage();
        assertTrue(msg.contains("no weights"), msg);
        Files.delete(dir.resolve("config.json"));
        msg = assertThrows(CheckpointException.class, () -> Checkpoint.loadModel(dir)).getMessage();
        assertTrue(msg.contains("config.json: file not found"), msg);
    }

    @Test
    void readsTheTorchWrittenReferenceCheckpoint() {
        Path dir = ParityTest.goldenDir().resolve("qwen2-tied");
        DecoderModel m = Checkpoint.loadModel(dir);
        assertEquals(61, m.config().vocabSize());
        assertEquals(2, m.config().numKeyValueHeads());
        assertTrue(m.config().attentionBias());
        Map<String, HostArray> raw = Safetensors.read(dir.resolve("model.safetensors")).tensors();
        raw.forEach((k, v) -> assertEquals(v, m.stateDict().get(k), k));
    }
}

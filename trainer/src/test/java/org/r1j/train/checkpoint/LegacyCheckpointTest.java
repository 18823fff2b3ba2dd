package org.r1j.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.DecoderModel;
import org.r1j.model.ModelConfig;
import org.r1j.model.Parameters;
import org.r1j.model.backend.Tensor;
import org.r1j.model.io.Checkpoint;
import org.r1j.model.tokenize.CharTokenizer;
import org.r1j.optim.AdamW;
import org.r1j.optim.AdamWConfig;

/**
 * Checkpoints written by r1j before the neutral host arrays (main at cd37df1, when checkpoint IO went through ND4J
 * arrays) still load, to the same numbers: the committed fixture {@code legacy-cd37df1/} holds a Hugging Face model
 * directory ({@code model/}) and a training run's checkpoint ({@code run/checkpoints/step-000002/}: weights, AdamW
 * moments, reference model), and {@code expected.json} the logits that build computed from them. Made by
 * {@link #makeFixture} on that build ({@code -Dr1j.legacyFixture=DIR}); it uses only API both builds have.
 */
class LegacyCheckpointTest {
    /** Small enough to commit (a few KB), with an untied head and attention biases so every tensor kind is stored. */
    static final ModelConfig CONFIG = new ModelConfig(CharTokenizer.ascii().vocabSize(), 8, 16, 1, 2, 1, 1e-6, 10000,
            32, false, true, "qwen2", -1, -1);
    private static final int[][] TOKENS = {{5, 17, 33, 2, 9, 40}};
    private static final int[] LENGTHS = {6};
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path fixture() throws Exception {
        return Path.of(LegacyCheckpointTest.class.getResource("legacy-cd37df1").toURI());
    }

    @Test
    void aCheckpointWrittenBeforeHostArraysLoadsToTheSameNumbers() throws Exception {
        Map<String, float[]> expected = readExpected(fixture().resolve("expected.json"));
        Map<String, float[]> got = numbers(fixture());
        assertEquals(expected.keySet(), got.keySet());
        for (String k : expected.keySet()) assertArrayEquals(expected.get(k), got.get(k), 0f, k);
    }

    /** The fixture's numbers: logits of the HF directory's model, of the resumed policy, after one more AdamW step. */
    static Map<String, float[]> numbers(Path fixture) {
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put("hf_logits", logits(Checkpoint.loadModel(fixture.resolve("model"))));
        DecoderModel policy = DecoderModel.random(CONFIG, 99), ref = DecoderModel.random(CONFIG, 98);
        AdamW opt = new AdamW(policy.parameters(), policy.backend(), AdamWConfig.of(1e-2));
        Path cp = TrainingCheckpoint.latest(fixture.resolve("run")).orElseThrow();
        TrainerState state = TrainingCheckpoint.load(cp, policy, opt, ref);
        assertEquals(2, state.step());
        assertEquals(2, opt.stepCount());
        out.put("resumed_logits", logits(policy));
        out.put("ref_logits", logits(ref));
        setGrads(policy.parameters(), 3);
        opt.step();
        out.put("stepped_logits", logits(policy));
        return out;
    }

    private static float[] logits(DecoderModel m) {
        return m.logits(TOKENS, LENGTHS).toFloats();
    }

    /** Deterministic gradients, the same on every build: g[i] = 0.01 sin(salt + i) per tensor. */
    private static void setGrads(Parameters p, int salt) {
        for (String n : p.names()) {
            Tensor g = p.grad(n);
            float[] v = new float[Math.toIntExact(g.length())];
            for (int i = 0; i < v.length; i++) v[i] = (float) (0.01 * Math.sin(salt + i));
            Tensor staged = p.backend().fromHost(DataType.FLOAT, v, g.shape());
            p.backend().copy(g, staged);
            staged.close();
        }
    }

    private static Map<String, float[]> readExpected(Path file) throws Exception {
        Map<String, float[]> out = new LinkedHashMap<>();
        JSON.readTree(file.toFile()).fields().forEachRemaining(e -> {
            float[] v = new float[e.getValue().size()];
            for (int i = 0; i < v.length; i++) v[i] = Float.parseFloat(e.getValue().get(i).asText());
            out.put(e.getKey(), v);
        });
        return out;
    }

    /** Writes the fixture into {@code -Dr1j.legacyFixture=DIR} (run once, on main cd37df1's build). */
    @Test
    @EnabledIfSystemProperty(named = "r1j.legacyFixture", matches = ".+")
    void makeFixture() throws Exception {
        Path dir = Path.of(System.getProperty("r1j.legacyFixture"));
        Files.createDirectories(dir);
        CharTokenizer tok = CharTokenizer.ascii();
        DecoderModel policy = DecoderModel.random(CONFIG, 11), ref = DecoderModel.random(CONFIG, 12);
        AdamW opt = new AdamW(policy.parameters(), policy.backend(), AdamWConfig.of(1e-2));
        for (int s = 1; s <= 2; s++) {
            setGrads(policy.parameters(), s);
            opt.step();
        }
        Checkpoint.save(policy, tok, dir.resolve("model"));
        TrainingCheckpoint.save(dir.resolve("run"), new TrainerState("grpo", 2, 0, 4, 96, 11, Map.of("beta", 0.04)),
                policy, opt, ref);
        Map<String, float[]> numbers = numbers(dir);
        Map<String, String[]> text = new LinkedHashMap<>();
        numbers.forEach((k, v) -> {
            String[] s = new String[v.length];
            for (int i = 0; i < v.length; i++) s[i] = Float.toString(v[i]);
            text.put(k, s);
        });
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("expected.json").toFile(), text);
    }
}

package org.r1j.model.sample;

import org.r1j.model.backend.nd4j.HostArrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.r1j.model.DecoderModel;
import org.r1j.model.ForwardPass;
import org.r1j.model.TokenBatch;
import org.r1j.model.io.Checkpoint;
import org.r1j.model.tokenize.CharTokenizer;

/**
 * KV-cache generation (left-padded batched prefill + one-token decode steps) must agree with recomputing each
 * full sequence from scratch: the same greedy tokens (argmax of the full-sequence logits) and the same per-token
 * log-probs at the sampling temperature. Uses the PyTorch reference checkpoints, whose weights are large enough
 * for sharply peaked, non-trivial distributions.
 */
class KvCacheGenerationTest {
    static Path golden(String name) {
        for (Path p : new Path[] {Path.of("..", "tests", "reference", "golden", name), Path.of("tests", "reference", "golden", name)}) {
            if (Files.isDirectory(p)) return p;
        }
        throw new IllegalStateException("tests/reference/golden/" + name + " not found; HINT: run tests/reference/make_golden.py");
    }

    /** A char tokenizer with exactly {@code vocab} tokens, so every model id decodes. */
    static CharTokenizer tokenizerOf(int vocab) {
        List<String> alphabet = new ArrayList<>();
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (int i = 0; i < vocab - 3; i++) alphabet.add(String.valueOf(chars.charAt(i)));
        return new CharTokenizer(List.of("<pad>", "<eos>", "<unk>"), alphabet);
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen2-tied", "llama-untied"})
    void cachedGenerationEqualsFullRecompute(String name) {
        DecoderModel model = Checkpoint.loadModel(golden(name));
        CharTokenizer tok = tokenizerOf(model.config().vocabSize());
        List<String> prompts = List.of("abc", "Hello", "x", "QRSTuvwxyz");
        for (SamplingParams p : List.of(SamplingParams.greedy(9), new SamplingParams(0.8, 0.95, 20, 9, List.of(), 7))) {
            List<List<Generation>> out = new Generator(model, tok).generate(prompts, 2, p);
            double t = p.temperature() == 0 ? 1.0 : p.temperature();
            for (List<Generation> perPrompt : out) {
                for (Generation g : perPrompt) check(model, g, p.temperature() == 0, (float) t);
            }
        }
    }

    /** A prompt sampled alone or in a left-padded batch with longer prompts gives the same tokens (see Generator). */
    @ParameterizedTest
    @ValueSource(strings = {"qwen2-tied", "llama-untied"})
    void outputDoesNotDependOnBatchComposition(String name) {
        DecoderModel model = Checkpoint.loadModel(golden(name));
        CharTokenizer tok = tokenizerOf(model.config().vocabSize());
        for (SamplingParams p : List.of(SamplingParams.greedy(8), new SamplingParams(1.0, 1.0, 0, 8, List.of(), 3))) {
            Generation alone = new Generator(model, tok).generate(List.of("ab"), 2, p).get(0).get(1);
            Generation batched = new Generator(model, tok).generate(List.of("ab", "LONGERprompt", "xyz"), 2, p).get(0).get(1);
            org.junit.jupiter.api.Assertions.assertArrayEquals(alone.tokens(), batched.tokens());
            for (int i = 0; i < alone.tokens().length; i++) assertEquals(alone.logprobs()[i], batched.logprobs()[i], 1e-5);
        }
    }

    private static void check(DecoderModel model, Generation g, boolean greedy, float temperature) {
        int[] prompt = g.promptTokens(), completion = g.tokens();
        int[] seq = new int[prompt.length + completion.length];
        System.arraycopy(prompt, 0, seq, 0, prompt.length);
        System.arraycopy(completion, 0, seq, prompt.length, completion.length);
        TokenBatch batch = new TokenBatch(new int[][] {seq}, new int[] {prompt.length}, new int[] {seq.length});
        float[] full;
        try (ForwardPass pass = model.forward(batch, temperature, false)) {
            full = pass.logprobs()[0];
        }
        assertEquals(completion.length, full.length);
        for (int i = 0; i < completion.length; i++) {
            assertEquals(full[i], g.logprobs()[i], 1e-4, "log-prob of completion token " + i);
        }
        if (greedy) {
            INDArray logits = HostArrays.of(model.logits(new int[][] {seq}, new int[] {seq.length}));   // (1, T, V)
            for (int i = 0; i < completion.length; i++) {
                int argmax = logits.slice(0).getRow(prompt.length - 1 + i).argMax().getInt(0);
                assertEquals(argmax, completion[i], "greedy token " + i + " vs full-sequence argmax");
            }
        }
    }
}

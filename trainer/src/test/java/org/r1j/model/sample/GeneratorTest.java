package org.r1j.model.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.r1j.model.tokenize.CharTokenizer;

/** Generator logic against {@link TableLM}, whose logits are known. */
class GeneratorTest {
    final CharTokenizer tok = new CharTokenizer(List.of("<pad>", "<eos>", "<stop>"), List.of("a", "b", "c", "d", "e", "f", "g", "h", "!"));
    final int eos = tok.eosId();

    TableLM model() {
        TableLM m = new TableLM(tok.vocabSize(), 5);
        for (float[] row : m.table) {                 // never pick pad/eos/<stop> unless forced
            row[0] = row[1] = row[2] = -50;
        }
        return m;
    }

    static SamplingParams sample(double t, int max, long seed, String... stops) {
        return new SamplingParams(t, 1, 0, max, List.of(stops), seed);
    }

    @Test
    void greedyFollowsTheArgmaxChainAndFinishesOnLength() {
        TableLM m = model();
        Generation g = new Generator(m, tok).generate(List.of("ab"), 1, SamplingParams.greedy(6)).get(0).get(0);
        int prev = tok.encode("b")[0];
        for (int i = 0; i < 6; i++) {
            int best = 0;
            for (int v = 1; v < m.table[prev].length; v++) if (m.table[prev][v] > m.table[prev][best]) best = v;
            assertEquals(best, g.tokens()[i], "step " + i);
            prev = best;
        }
        assertEquals(FinishReason.LENGTH, g.finishReason());
        assertEquals(6, g.tokens().length);
        assertEquals(tok.decode(g.tokens()), g.text());
        assertArrayEquals(tok.encode("ab"), g.promptTokens());
    }

    @Test
    void aSliceNumberedFromItsStartDrawsWhatTheWholeListDraws() {
        TableLM m = model();
        List<String> prompts = List.of("ab", "ba", "cd", "dc", "ef", "fe");
        SamplingParams p = sample(1.0, 8, 42);
        List<List<Generation>> whole = new Generator(m, tok).generate(prompts, 3, p);
        List<List<Generation>> tail = new Generator(m, tok).numberedFrom(4).generate(prompts.subList(4, 6), 3, p);
        List<List<Generation>> unnumbered = new Generator(m, tok).generate(prompts.subList(4, 6), 3, p);
        boolean anyDiffers = false;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertArrayEquals(whole.get(4 + i).get(j).tokens(), tail.get(i).get(j).tokens(), "prompt " + (4 + i) + " sample " + j);
                anyDiffers |= !java.util.Arrays.equals(whole.get(4 + i).get(j).tokens(), unnumbered.get(i).get(j).tokens());
            }
        }
        assertTrue(anyDiffers, "without numberedFrom the slice draws prompt 0 and 1's streams");
        assertThrows(IllegalArgumentException.class, () -> new Generator(m, tok).numberedFrom(-1));
    }

    @Test
    void stopsOnEosKeepingItInTokensButNotInText() {
        TableLM m = model();
        int c = tok.encode("c")[0];
        int greedyAfterPrompt = argmax(m.table[tok.encode("a")[0]]);
        m.force(greedyAfterPrompt, eos);
        Generation g = new Generator(m, tok).generate(List.of("a"), 1, SamplingParams.greedy(10)).get(0).get(0);
        assertArrayEquals(new int[] {greedyAfterPrompt, eos}, g.tokens());
        assertEquals(FinishReason.STOP, g.finishReason());
        assertEquals(tok.decode(new int[] {greedyAfterPrompt}), g.text());
        assertEquals(0.0, g.logprobs()[1], 1e-6, "a forced token has probability ~1");
        assertNotEquals(c, -1);
    }

    @Test
    void extraStopTokensAndStopStringsEndWithStop() {
        TableLM m = model();
        int a = tok.encode("a")[0], b = tok.encode("b")[0], stop = tok.specialId("<stop>").getAsInt();
        m.force(a, b);
        m.force(b, a);
        // a -> b -> a -> b ...; the stop string "ba" appears after two generated tokens
        Generation g = new Generator(m, tok).generate(List.of("a"), 1, sample(0, 10, 0, "ba", "zzz")).get(0).get(0);
        assertEquals(FinishReason.STOP, g.finishReason());
        assertEquals("ba", g.text());
        assertArrayEquals(new int[] {b, a}, g.tokens());
        // a stop string spanning the prompt boundary does not count: only completion text is searched
        g = new Generator(m, tok).generate(List.of("b"), 1, sample(0, 3, 0, "ba!")).get(0).get(0);
        assertEquals(FinishReason.LENGTH, g.finishReason());
        assertEquals("aba", g.text());
        m.force(a, stop);
        g = new Generator(m, tok).withStopTokens(stop).generate(List.of("b"), 1, SamplingParams.greedy(5)).get(0).get(0);
        assertArrayEquals(new int[] {a, stop}, g.tokens());
        assertEquals(FinishReason.STOP, g.finishReason());
        // a marker token (like </answer>) is part of the text, so it works as a stop string
        g = new Generator(m, tok).generate(List.of("b"), 1, sample(0, 5, 0, "<stop>")).get(0).get(0);
        assertEquals("a<stop>", g.text());
        assertEquals(FinishReason.STOP, g.finishReason());
    }

    @Test
    void logprobsAreLogSoftmaxOfLogitsOverTemperature() {
        TableLM m = model();
        double t = 0.7;
        Generation g = new Generator(m, tok).generate(List.of("h"), 1, sample(t, 8, 11)).get(0).get(0);
        int prev = tok.encode("h")[0];
        for (int i = 0; i < g.tokens().length; i++) {
            double[] p = TokenChooserTest.softmax(m.table[prev], t);
            assertEquals(Math.log(p[g.tokens()[i]]), g.logprobs()[i], 1e-5);
            prev = g.tokens()[i];
        }
    }

    @Test
    void repetitionPenaltyShapesTheSamplingDistributionAndItsLogprobs() {
        TableLM m = model();
        double t = 0.7, penalty = 3;
        SamplingParams p = new SamplingParams(t, 1, 0, 8, List.of(), 11, 0, penalty);
        Generation g = new Generator(m, tok).generate(List.of("h"), 1, p).get(0).get(0);
        int[] prompt = tok.encode("h");
        int prev = prompt[prompt.length - 1];
        for (int i = 0; i < g.tokens().length; i++) {
            float[] row = m.table[prev].clone();
            int[] history = new int[prompt.length + i];
            System.arraycopy(prompt, 0, history, 0, prompt.length);
            System.arraycopy(g.tokens(), 0, history, prompt.length, i);
            TokenChooser.penalise(row, history, history.length, penalty);
            double[] q = TokenChooserTest.softmax(row, t);
            assertEquals(Math.log(q[g.tokens()[i]]), g.logprobs()[i], 1e-5, "token " + i + ": log-prob after the penalty");
            prev = g.tokens()[i];
        }
    }

    @Test
    void seededSamplingIsReproducibleAndIndependentOfBatchComposition() {
        TableLM m = model();
        SamplingParams p = sample(1.0, 12, 1234);
        List<String> prompts = List.of("abc", "h", "defg", "a");
        List<List<Generation>> all = new Generator(m, tok).generate(prompts, 3, p);
        List<List<Generation>> again = new Generator(m, tok).generate(prompts, 3, p);
        List<List<Generation>> oneRowAtATime = new Generator(m, tok).withMaxBatchRows(1).generate(prompts, 3, p);
        List<List<Generation>> firstAlone = new Generator(m, tok).generate(prompts.subList(0, 1), 3, p);
        assertEquals(4, all.size());
        for (int i = 0; i < prompts.size(); i++) {
            assertEquals(3, all.get(i).size());
            for (int j = 0; j < 3; j++) {
                assertArrayEquals(all.get(i).get(j).tokens(), again.get(i).get(j).tokens());
                assertArrayEquals(all.get(i).get(j).tokens(), oneRowAtATime.get(i).get(j).tokens());
                assertArrayEquals(all.get(i).get(j).logprobs(), oneRowAtATime.get(i).get(j).logprobs());
            }
        }
        for (int j = 0; j < 3; j++) assertArrayEquals(all.get(0).get(j).tokens(), firstAlone.get(0).get(j).tokens());
        // the n samples of one prompt differ, and another seed gives other samples
        List<String> texts = new ArrayList<>();
        all.get(0).forEach(g -> texts.add(g.text()));
        assertEquals(3, texts.stream().distinct().count(), texts.toString());
        List<List<Generation>> other = new Generator(m, tok).generate(prompts, 3, sample(1.0, 12, 99));
        assertNotEquals(all.get(0).get(0).text(), other.get(0).get(0).text());
    }

    @Test
    void rowsOfABatchStopIndependently() {
        TableLM m = model();
        int a = tok.encode("a")[0];
        m.force(a, eos);
        List<List<Generation>> out = new Generator(m, tok).generate(List.of("a", "b"), 1, SamplingParams.greedy(5));
        assertArrayEquals(new int[] {eos}, out.get(0).get(0).tokens());
        assertEquals("", out.get(0).get(0).text());
        assertEquals(FinishReason.STOP, out.get(0).get(0).finishReason());
        Generation second = out.get(1).get(0);
        assertTrue(second.finishReason() == FinishReason.LENGTH || second.tokens()[second.tokens().length - 1] == eos);
    }

    @Test
    void badRequestsAreRejectedClearly() {
        TableLM m = model();
        Generator gen = new Generator(m, tok);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> gen.generate(List.of(""), 1, SamplingParams.greedy(2)))
                .getMessage().contains("prompt 0 encodes to no tokens"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> gen.generate(List.of("a"), 0, SamplingParams.greedy(2)))
                .getMessage().contains("n must be >= 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> gen.generate(List.of("a"), 1, SamplingParams.greedy(5000)))
                .getMessage().contains("max_position_embeddings"));
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
        return best;
    }
}

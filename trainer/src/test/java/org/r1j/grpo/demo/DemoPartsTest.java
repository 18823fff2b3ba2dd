package org.r1j.grpo.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.r1j.pipeline.data.Slips;
import org.r1j.model.tokenize.CharTokenizer;
import org.r1j.pipeline.data.SftExample;

class DemoPartsTest {
    @Test
    void slipChangesOnlyTheLastAnswerDigit() {
        assertEquals("<think>9+3=12</think><answer>13</answer>", Slips.slip("<think>9+3=12</think><answer>12</answer>"));
        assertEquals("<think>x</think><answer>120</answer>", Slips.slip("<think>x</think><answer>129</answer>"));
        assertEquals("<think>x</think>", Slips.slip("<think>x</think>"));
    }

    @Test
    void slipRateIsTheShareOfChangedExamples() {
        List<SftExample> xs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) xs.add(new SftExample("e" + i, "q", "<think>w</think><answer>" + i + "</answer>"));
        assertSame(xs, Slips.inject(xs, 0, 1));
        long slipped = Slips.inject(xs, 0.5, 1).stream().filter(e -> e.id().endsWith("-slip")).count();
        assertTrue(slipped > 450 && slipped < 550, "about half: " + slipped);
        assertEquals(Slips.inject(xs, 0.5, 1), Slips.inject(xs, 0.5, 1), "seeded");
    }

    @Test
    void tagTokenizerKeepsReasoningMarkersButNotControlTokens() {
        CharTokenizer chars = CharTokenizer.ascii();
        TagTokenizer tok = TagTokenizer.r1(chars);
        int[] ids = chars.encode("<think>1+1=2</think><answer>2</answer>");
        int[] withEos = java.util.Arrays.copyOf(ids, ids.length + 1);
        withEos[ids.length] = chars.eosId();
        assertEquals("<think>1+1=2</think><answer>2</answer>", tok.decode(withEos, true));
        assertEquals(chars.vocabSize(), tok.vocabSize());
    }
}

package org.r1j.pipeline.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Imperfect cold-start data: in a share of the worked examples the working is right but the final answer is copied
 * with a slip (its last digit + 1, mod 10). A model fine-tuned on it learns to slip as often; a verifiable accuracy
 * reward is exactly what removes such imitated mistakes. Used by the demo and by the sft stage's {@code slip_rate}.
 */
public final class Slips {
    private Slips() {}

    /** The examples with a seeded share {@code rate} of them slipped (ids get "-slip"); rate 0 returns them as they are. */
    public static List<SftExample> inject(List<SftExample> examples, double rate, long seed) {
        if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException("slip_rate must be in [0, 1], got " + rate);
        if (rate <= 0) return examples;
        SplittableRandom rng = new SplittableRandom(seed ^ 0x51195L);
        List<SftExample> out = new ArrayList<>(examples.size());
        for (SftExample e : examples) {
            out.add(rng.nextDouble() < rate ? new SftExample(e.id() + "-slip", e.prompt(), slip(e.completion())) : e);
        }
        return out;
    }

    /** "…<answer>122</answer>" → "…<answer>123</answer>"; completions without an answer are kept. */
    public static String slip(String completion) {
        int open = completion.lastIndexOf("<answer>");
        int close = completion.lastIndexOf("</answer>");
        if (open < 0 || close <= open + "<answer>".length()) return completion;
        int last = close - 1;
        char c = completion.charAt(last);
        if (!Character.isDigit(c)) return completion;
        char slipped = (char) ('0' + (c - '0' + 1) % 10);
        return completion.substring(0, last) + slipped + completion.substring(close);
    }
}

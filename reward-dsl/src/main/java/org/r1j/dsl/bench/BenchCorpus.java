package org.r1j.dsl.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.r1j.dsl.Sample;

/**
 * The fixed benchmark corpus: ~1 KB R1-style completions (seeded, so every run sees the same text), adversarial
 * completions, and the math golden pairs. Public for {@code r1j bench spark}, which scores the same completions.
 */
public final class BenchCorpus {
    private static final String[] WORDS = ("the we so first compute then sum of both sides gives answer check value "
            + "equation solve for x step next finally because since therefore factor divide multiply term").split(" ");

    private BenchCorpus() {}

    /** {@code n} completions of about {@code chars} characters; one in five is malformed in some way. */
    public static List<Sample> completions(int n, int chars, long seed) {
        Random rnd = new Random(seed);
        List<Sample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int answer = rnd.nextInt(1000);
            StringBuilder think = new StringBuilder();
            int step = 1;
            while (think.length() < chars - 80) {
                if (rnd.nextInt(12) == 0) think.append("\nStep ").append(step++).append(": ");
                think.append(WORDS[rnd.nextInt(WORDS.length)]).append(' ');
                if (rnd.nextInt(15) == 0) think.append(rnd.nextInt(100)).append(" + ").append(rnd.nextInt(100)).append(' ');
            }
            String body = switch (i % 5) {
                case 0 -> think + "\n</think>\n<answer>\n\\boxed{" + answer + "}\n</answer>";      // no opening <think>
                case 1 -> "<think>\n" + think + "\n</think>\nThe answer is " + answer;            // no <answer>
                default -> "<think>\n" + think + "\n</think>\n<answer>\n\\boxed{" + answer + "}\n</answer>";
            };
            String reference = Integer.toString(i % 3 == 0 ? answer + 1 : answer);
            out.add(Sample.of("What is " + answer + "?", body, reference));
        }
        return out;
    }

    /** Inputs meant to hurt: 1 MB texts, deep nesting, inputs that make backtracking regexes explode. */
    static List<Sample> adversarial() {
        List<Sample> out = new ArrayList<>();
        String mb = "a".repeat(1 << 20);
        out.add(Sample.of("p", mb, "1"));
        out.add(Sample.of("p", "<think>\n" + "a".repeat((1 << 20) - 40) + "\n</think>\n<answer>\n1\n</answer>", "1"));
        out.add(Sample.of("p", "\\boxed{".repeat(100_000) + "1" + "}".repeat(100_000), "1"));
        out.add(Sample.of("p", "<think>".repeat(50_000) + "</think>".repeat(50_000), "1"));
        out.add(Sample.of("p", "(".repeat(200_000) + ")".repeat(200_000), "1"));
        out.add(Sample.of("p", "<think>\n" + "\n".repeat(200_000) + "x", "1"));
        out.add(Sample.of("p", "Step 1: ".repeat(30_000), "1"));
        out.add(Sample.of("p", "\\boxed{" + "\\frac{1}{".repeat(300) + "2" + "}".repeat(301), "\\frac{1}{2}"));
        out.add(Sample.of("p", "\\boxed{" + "9".repeat(1_500) + "}", "9".repeat(1_400)));
        out.add(Sample.of("p", "\\boxed{x^{" + "x^{".repeat(500) + "2" + "}".repeat(501) + "}", "x"));
        out.add(Sample.of("p", "\\boxed{(" + "1,".repeat(600) + "1)}", "(1,1)"));
        out.add(Sample.of("p", "word ".repeat(200_000), "1"));
        return out;
    }

    /** (predicted, gold, expected) rows of the math golden corpus, or empty when the resource is missing. */
    static List<String[]> golden() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = BenchCorpus.class.getResourceAsStream("/r1j/math-golden.tsv")) {
            if (in == null) return rows;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                if (f.length >= 3) rows.add(f);
            }
        }
        return rows;
    }
}

package org.r1j.grpo.demo;

import java.nio.file.Path;
import java.util.List;
import org.r1j.grpo.checkpoint.TrainingCheckpoint;
import org.r1j.model.DecoderModel;
import org.r1j.model.ForwardPass;
import org.r1j.model.ModelPresets;
import org.r1j.model.TokenBatch;
import org.r1j.model.sample.Generation;
import org.r1j.model.sample.Generator;
import org.r1j.model.sample.SamplingParams;
import org.r1j.model.tokenize.CharTokenizer;
import org.r1j.model.tokenize.Tokenizer;

/** Diagnostic (not a test): do sampler log-probs match the training forward's log-probs? */
public final class AlignCheck {
    public static void main(String[] a) {
        Tokenizer tok = TagTokenizer.r1(CharTokenizer.ascii());
        DecoderModel model = DecoderModel.random(ModelPresets.tiny(tok.vocabSize()), 1);
        TrainingCheckpoint.load(Path.of(a[0]), model, null, null);
        List<List<Generation>> gens = new Generator(model, tok).generate(List.of("37+85\n", "61-29\n"), 3,
                new SamplingParams(0.6, 1.0, 0, 40, List.of("</answer>"), 5));
        int b = 0;
        int[][] rows = new int[6][];
        int[] pl = new int[6], len = new int[6];
        int w = 0;
        for (List<Generation> g : gens) for (Generation x : g) {
            int[] r = new int[x.promptTokens().length + x.tokens().length];
            System.arraycopy(x.promptTokens(), 0, r, 0, x.promptTokens().length);
            System.arraycopy(x.tokens(), 0, r, x.promptTokens().length, x.tokens().length);
            rows[b] = r; pl[b] = x.promptTokens().length; len[b] = r.length; w = Math.max(w, r.length); b++;
        }
        int[][] t = new int[6][w];
        for (int i = 0; i < 6; i++) System.arraycopy(rows[i], 0, t[i], 0, rows[i].length);
        try (ForwardPass p = model.forward(new TokenBatch(t, pl, len), 0.6f, false)) {
            float[][] lp = p.logprobs();
            int i = 0;
            for (List<Generation> g : gens) for (Generation x : g) {
                double maxd = 0;
                for (int j = 0; j < x.tokens().length; j++) maxd = Math.max(maxd, Math.abs(x.logprobs()[j] - lp[i][j]));
                System.out.printf("%s | %s | maxdiff %.2e | gen %s%n fwd %s%n", tok.decode(x.promptTokens(), false).trim(), x.text(), maxd,
                        java.util.Arrays.toString(java.util.Arrays.copyOf(x.logprobs(), 6)), java.util.Arrays.toString(java.util.Arrays.copyOf(lp[i], 6)));
                i++;
            }
        }
    }
}

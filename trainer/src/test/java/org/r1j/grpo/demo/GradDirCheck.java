package org.r1j.grpo.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.r1j.grpo.checkpoint.TrainingCheckpoint;
import org.r1j.model.DecoderModel;
import org.r1j.model.ForwardPass;
import org.r1j.model.ModelPresets;
import org.r1j.model.Parameters;
import org.r1j.model.TokenBatch;
import org.r1j.model.tokenize.CharTokenizer;
import org.r1j.model.tokenize.Tokenizer;

/** Diagnostic: directional derivative of L = sum c[b] * logp[b][t] (per-row weights, ragged rows) vs backward. */
public final class GradDirCheck {
    public static void main(String[] a) {
        Tokenizer tok = TagTokenizer.r1(CharTokenizer.ascii());
        DecoderModel model = DecoderModel.random(ModelPresets.tiny(tok.vocabSize()), 1, DataType.DOUBLE);
        TrainingCheckpoint.load(Path.of(a[0]), model, null, null);
        List<String> texts = List.of("37+85\n<think>7+5=12,3+8+1=12</think><answer>122</answer>", "61-29\n<think>11-9=2</think><answer>32</answer>",
                "40+63\n<think>0+3=3</think><answer>13</answer>", "5-3\n<think>x</think>");
        int n = texts.size();
        int[][] rows = new int[n][];
        int w = 0;
        for (int i = 0; i < n; i++) { rows[i] = tok.encode(texts.get(i)); w = Math.max(w, rows[i].length); }
        int[][] t = new int[n][w];
        int[] pl = new int[n], len = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, t[i], 0, rows[i].length);
            pl[i] = texts.get(i).indexOf('\n') + 1;
            len[i] = rows[i].length;
        }
        TokenBatch batch = new TokenBatch(t, pl, len);
        double[] c = {2.0, -1.0, 0.5, -3.0};
        float temp = Float.parseFloat(a[1]);
        double l0;
        float[][] d;
        try (ForwardPass p = model.forward(batch, temp, true)) {
            float[][] lp = p.logprobs();
            d = new float[n][];
            l0 = 0;
            for (int i = 0; i < n; i++) {
                d[i] = new float[lp[i].length];
                for (int j = 0; j < lp[i].length; j++) { l0 += c[i] * lp[i][j]; d[i][j] = (float) c[i]; }
            }
            model.zeroGrad();
            p.backward(d);
        }
        Parameters ps = model.parameters();
        double g2 = 0;
        for (String name : ps.names()) { double nn = ps.grad(name).norm2Number().doubleValue(); g2 += nn * nn; }
        double eps = 1e-4 / Math.sqrt(g2);
        for (String name : ps.names()) ps.weight(name).addi(ps.grad(name).mul(eps));
        double l1 = 0;
        try (ForwardPass p = model.forward(batch, temp, false)) {
            float[][] lp = p.logprobs();
            for (int i = 0; i < n; i++) for (int j = 0; j < lp[i].length; j++) l1 += c[i] * lp[i][j];
        }
        System.out.printf("|g|^2 = %.6f, finite difference (L1-L0)/eps = %.6f, ratio %.4f%n", g2, (l1 - l0) / eps, (l1 - l0) / eps / g2);
    }
}

package org.r1j.grpo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.r1j.dsl.RewardProgram;
import org.r1j.dsl.Rewarder;
import org.r1j.grpo.checkpoint.TrainingCheckpoint;
import org.r1j.grpo.demo.TagTokenizer;
import org.r1j.model.DecoderModel;
import org.r1j.model.ForwardPass;
import org.r1j.model.ModelPresets;
import org.r1j.model.sample.Generation;
import org.r1j.model.sample.Generator;
import org.r1j.model.sample.SamplingParams;
import org.r1j.model.tokenize.CharTokenizer;
import org.r1j.model.tokenize.Tokenizer;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.task.ArithmeticTask;
import org.r1j.pipeline.task.Split;

/**
 * Diagnostic (not a test): signal-to-noise of the GRPO gradient at a checkpoint. K independent generation batches
 * (P prompts x G, T 0.6, disjoint prompts) give K gradients; prints the mean pairwise cosine and the share of
 * parameters whose gradient sign agrees between two batches (0.5 = no shared direction; Adam's first step is sign(g)).
 * Args: ckpt P G K
 */
public final class GradSnrCheck {
    public static void main(String[] a) {
        Tokenizer tok = TagTokenizer.r1(CharTokenizer.ascii());
        DecoderModel model = DecoderModel.random(ModelPresets.tiny(tok.vocabSize()), 1);
        TrainingCheckpoint.load(Path.of(a[0]), model, null, null);
        int P = Integer.parseInt(a[1]), G = Integer.parseInt(a[2]), K = Integer.parseInt(a[3]);
        ArithmeticTask task = new ArithmeticTask(1);
        Rewarder rw = task.rewarder(RewardProgram.compile(Path.of(System.getProperty("r1j.root", "..")).resolve("rewards/r1.reward")).orThrow());
        List<Problem> all = task.problems(Split.TRAIN, P * K);
        GrpoConfig cfg = GrpoConfig.builder().numGenerations(G).promptsPerStep(P).maxCompletionLength(40).temperature(0.6).build();
        GrpoLoss loss = GrpoLoss.of(cfg);
        double[][] g = new double[K][];
        for (int k = 0; k < K; k++) {
            List<Problem> problems = all.subList(k * P, (k + 1) * P);
            List<int[]> pt = new ArrayList<>();
            List<String> prompts = new ArrayList<>();
            for (Problem p : problems) { prompts.add(task.template().render(p)); pt.add(tok.encode(prompts.get(prompts.size() - 1))); }
            List<List<Generation>> gens = new Generator(model, tok).generateTokens(pt, G, new SamplingParams(0.6, 1, 0, 40, List.of("</answer>"), 100 + k));
            Rollout r = Rollout.of(problems, prompts, gens, rw, cfg);
            model.zeroGrad();
            try (ForwardPass p = model.forward(r.batch(), 0.6f, true)) {
                GrpoLoss.Result res = loss.compute(p.logprobs(), null, null, r.advantages().advantages(), r.mask(), r.activeTokens());
                p.backward(res.dLogprobs());
            }
            g[k] = model.parameters().flatGrads().toDoubleVector();
            model.zeroGrad();
        }
        double cos = 0, agree = 0;
        int pairs = 0;
        for (int i = 0; i < K; i++) for (int j = i + 1; j < K; j++) {
            double dot = 0, ni = 0, nj = 0;
            long same = 0, nz = 0;
            for (int t = 0; t < g[i].length; t++) {
                dot += g[i][t] * g[j][t]; ni += g[i][t] * g[i][t]; nj += g[j][t] * g[j][t];
                if (g[i][t] != 0 && g[j][t] != 0) { nz++; if (Math.signum(g[i][t]) == Math.signum(g[j][t])) same++; }
            }
            cos += dot / Math.sqrt(ni * nj); agree += (double) same / nz; pairs++;
        }
        System.out.printf(Locale.ROOT, "P=%d G=%d: mean pairwise cosine %.4f, sign agreement %.4f over %d pairs (%d params)%n",
                P, G, cos / pairs, agree / pairs, pairs, g[0].length);
    }
}

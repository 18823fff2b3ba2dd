package org.r1j.grpo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.r1j.optim.AdamW;
import org.r1j.optim.AdamWConfig;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.task.ArithmeticTask;
import org.r1j.pipeline.task.Split;

/** Diagnostic (not a test): does one GRPO update raise the log-probs of positive-advantage completions? Args: ckpt lr. */
public final class UpdateDirectionCheck {
    public static void main(String[] a) {
        Tokenizer tok = TagTokenizer.r1(CharTokenizer.ascii());
        DecoderModel model = DecoderModel.random(ModelPresets.tiny(tok.vocabSize()), 1);
        TrainingCheckpoint.load(Path.of(a[0]), model, null, null);
        ArithmeticTask task = new ArithmeticTask(1);
        Rewarder rw = task.rewarder(RewardProgram.compile(Path.of(System.getProperty("r1j.root", "..")).resolve("rewards/r1.reward")).orThrow());
        List<Problem> problems = task.problems(Split.TRAIN, 16);
        List<int[]> pt = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        for (Problem p : problems) { prompts.add(task.template().render(p)); pt.add(tok.encode(prompts.get(prompts.size() - 1))); }
        GrpoConfig cfg = GrpoConfig.builder().numGenerations(8).promptsPerStep(16).maxCompletionLength(40).temperature(0.6).build();
        List<List<Generation>> gens = new Generator(model, tok).generateTokens(pt, 8, new SamplingParams(0.6, 1, 0, 40, List.of("</answer>"), 3));
        Rollout r = Rollout.of(problems, prompts, gens, rw, cfg);
        GrpoLoss loss = GrpoLoss.of(cfg);
        float[][] lp0;
        try (ForwardPass p = model.forward(r.batch(), 0.6f, true)) {
            lp0 = p.logprobs();
            GrpoLoss.Result res = loss.compute(lp0, null, null, r.advantages().advantages(), r.mask(), r.activeTokens());
            p.backward(res.dLogprobs());
        }
        double lr = Double.parseDouble(a[1]);
        if (a.length > 2 && a[2].equals("sgd")) {
            for (String n : model.parameters().names()) model.parameters().weight(n).subi(model.parameters().grad(n).mul(lr));
        } else {
            new AdamW(model.parameters(), new AdamWConfig(lr, 0.9, 0.999, 1e-8, 0)).step(lr);
        }
        model.zeroGrad();
        float[][] lp1;
        try (ForwardPass p = model.forward(r.batch(), 0.6f, false)) { lp1 = p.logprobs(); }
        double surrogate = 0, pos = 0, neg = 0;
        int np = 0, nn = 0;
        for (int i = 0; i < r.size(); i++) {
            double d = 0;
            for (int j = 0; j < lp0[i].length; j++) d += lp1[i][j] - lp0[i][j];
            double A = r.advantages().advantages()[i];
            surrogate += A * d;
            if (A > 0) { pos += d; np++; } else if (A < 0) { neg += d; nn++; }
        }
        System.out.printf("accuracy %.3f; sum A*dlogp %.5f; mean dlogp(seq) A>0: %.5f (%d), A<0: %.5f (%d)%n",
                java.util.Arrays.stream(r.perReward()).mapToDouble(x -> x[1]).filter(x -> !Double.isNaN(x)).average().orElse(0),
                surrogate, pos / Math.max(1, np), np, neg / Math.max(1, nn), nn);
    }
}

package org.r1j.grpo.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.r1j.dsl.RewardProgram;
import org.r1j.dsl.Rewarder;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.grpo.GrpoConfig;
import org.r1j.grpo.GrpoTrainer;
import org.r1j.grpo.LossType;
import org.r1j.grpo.ScaleRewards;
import org.r1j.grpo.TrainingListener;
import org.r1j.grpo.StepMetrics;
import org.r1j.grpo.checkpoint.TrainingCheckpoint;
import org.r1j.model.DecoderModel;
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
 * Diagnostic (not a test): GRPO on the clean task from a cold-start checkpoint; every E steps, accuracy on a FIXED set of
 * training prompts (P x 8 samples, T 0.6, fixed seeds: paired across evaluations).
 * Args: ckpt lr steps temperature G prompts beta scale(group|batch|none) evalEvery evalPrompts [warmup]
 */
public final class GrpoTrajectoryCheck {
    public static void main(String[] a) {
        Tokenizer tok = TagTokenizer.r1(CharTokenizer.ascii());
        DecoderModel model = DecoderModel.random(ModelPresets.tiny(tok.vocabSize()), 1);
        TrainingCheckpoint.load(Path.of(a[0]), model, null, null);
        ArithmeticTask task = new ArithmeticTask(1);
        Rewarder rw = task.rewarder(RewardProgram.compile(Path.of(System.getProperty("r1j.root", "..")).resolve("rewards/r1.reward")).orThrow());
        String mode = a.length > 11 ? a[11] : "real";
        Rewarder trainRw = !mode.equals("flip") ? rw : new Rewarder() {   // control: reward WRONG answers instead
            public List<String> rewardNames() { return rw.rewardNames(); }
            public double weight(String r) { return rw.weight(r); }
            public List<Score> scoreGroup(List<Sample> grp) {
                List<Score> out = new ArrayList<>();
                for (Score sc : rw.scoreGroup(grp)) {
                    double acc = sc.values().get("accuracy");
                    double tot = Double.isNaN(acc) ? sc.total() : sc.total() - acc + (1 - acc);
                    out.add(new Score(tot, sc.values(), sc.explanations()));
                }
                return out;
            }
        };
        double lr = Double.parseDouble(a[1]);
        int steps = Integer.parseInt(a[2]);
        double temp = Double.parseDouble(a[3]);
        int g = Integer.parseInt(a[4]), prompts = Integer.parseInt(a[5]);
        double beta = Double.parseDouble(a[6]);
        ScaleRewards scale = ScaleRewards.valueOf(a[7].toUpperCase(Locale.ROOT));
        int every = Integer.parseInt(a[8]), evalP = Integer.parseInt(a[9]);
        int warm = a.length > 10 ? Integer.parseInt(a[10]) : 0;
        List<Problem> train = task.problems(Split.TRAIN, 3000);
        List<Problem> evalSet = train.subList(0, evalP);
        GrpoConfig cfg = GrpoConfig.builder().numGenerations(g).promptsPerStep(prompts).maxCompletionLength(40).learningRate(lr)
                .temperature(temp).lossType(LossType.DAPO).beta(beta).scaleRewards(scale).maxSteps(steps).warmupSteps(warm).seed(1).build();
        GrpoTrainer t = new GrpoTrainer(model, tok, trainRw, train, task.template(), cfg).stopStrings(List.of("</answer>"));
        double[] acc = new double[1];
        int[] n = new int[1];
        t.addListener(new TrainingListener() {
            @Override public void onStep(StepMetrics m) {
                acc[0] += m.get("rewards/accuracy/mean"); n[0]++;
            }
        });
        long t0 = System.nanoTime();
        System.out.printf(Locale.ROOT, "step 0 eval-acc %.4f%n", eval(model, tok, rw, task, evalSet));
        for (int s = every; s <= steps; s += every) {
            acc[0] = 0; n[0] = 0;
            for (int k = 0; k < every; k++) t.trainStep();
            System.out.printf(Locale.ROOT, "step %d train-batch-acc(mean last %d) %.4f eval-acc %.4f (%.0fs)%n", s, every, acc[0] / n[0],
                    eval(model, tok, rw, task, evalSet), (System.nanoTime() - t0) / 1e9);
        }
    }

    static double eval(DecoderModel model, Tokenizer tok, Rewarder rw, ArithmeticTask task, List<Problem> ps) {
        List<int[]> pt = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Problem p : ps) { texts.add(task.template().render(p)); pt.add(tok.encode(texts.get(texts.size() - 1))); }
        List<List<Generation>> gens = new Generator(model, tok).generateTokens(pt, 8, new SamplingParams(0.6, 1, 0, 40, List.of("</answer>"), 777));
        double s = 0; int k = 0, unknown = 0;
        for (int i = 0; i < ps.size(); i++) {
            List<Sample> smp = new ArrayList<>();
            for (Generation x : gens.get(i)) smp.add(new Sample(texts.get(i), x.text(), ps.get(i).reference(), ps.get(i).fields(), x.tokens().length));
            for (Score sc : rw.scoreGroup(smp)) { double v = sc.values().get("accuracy"); if (Double.isNaN(v)) unknown++; else { s += v; k++; } }
        }
        if (unknown > 0) System.out.println("  eval: " + unknown + " unknown accuracy scores");
        return s / k;
    }
}

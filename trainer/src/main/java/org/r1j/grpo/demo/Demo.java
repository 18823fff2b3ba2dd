package org.r1j.grpo.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.r1j.dsl.Rewarder;
import org.r1j.grpo.GrpoConfig;
import org.r1j.grpo.GrpoTrainer;
import org.r1j.grpo.LossType;
import org.r1j.train.checkpoint.TrainingCheckpoint;
import org.r1j.train.record.ConsoleProgress;
import org.r1j.train.record.RunRecorder;
import org.r1j.model.DecoderModel;
import org.r1j.model.ModelPresets;
import org.r1j.model.io.Checkpoint;
import org.r1j.model.tokenize.CharTokenizer;
import org.r1j.model.tokenize.Tokenizer;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.Slips;
import org.r1j.pipeline.eval.EvalConfig;
import org.r1j.pipeline.eval.EvalResult;
import org.r1j.pipeline.eval.Evaluator;
import org.r1j.pipeline.eval.ModelSampler;
import org.r1j.pipeline.task.ArithmeticTask;
import org.r1j.pipeline.task.Split;
import org.r1j.train.SftConfig;
import org.r1j.train.SftTrainer;

/**
 * The demo: the R1 recipe in miniature on a CPU. A tiny random decoder (character tokenizer) is cold-started by SFT
 * on worked arithmetic, evaluated on held-out problems (pass@1 over k samples at temperature 0.6, top-p 0.95),
 * trained with GRPO on the rule rewards, and evaluated again with the same settings.
 */
public final class Demo {
    /** What the demo measured. */
    public record Outcome(EvalResult before, EvalResult after, Path runDir, double seconds) {
        public double gainPoints() {
            return 100 * (after.passAt1() - before.passAt1());
        }
    }

    private final DemoSettings s;
    private final Rewarder reward;
    private final String rewardName;
    private final Path out;
    private final PrintStream log;
    private Path coldStart;

    /**
     * @param reward     the GRPO reward program (the CLI passes rewards/r1.reward)
     * @param rewardName shown in the output
     * @param out        run directory (sft/ and grpo/ with metrics.csv, report.html, checkpoints)
     */
    public Demo(DemoSettings settings, Rewarder reward, String rewardName, Path out, PrintStream log) {
        this.s = settings;
        this.reward = reward;
        this.rewardName = rewardName;
        this.out = out;
        this.log = log;
    }

    /** Skips SFT and starts from the cold-start checkpoint a previous demo wrote ({@code <out>/sft/checkpoints/step-…}). */
    public Demo reuseColdStart(Path checkpoint) {
        this.coldStart = checkpoint;
        return this;
    }

    public Outcome run() {
        long t0 = System.nanoTime();
        Tokenizer tok = CharTokenizer.ascii(); // keeps the R1 markers in decoded text; saved with the models below
        ArithmeticTask task = new ArithmeticTask(s.seed());
        DecoderModel model = DecoderModel.random(ModelPresets.tiny(tok.vocabSize()), s.seed());
        log.printf(Locale.ROOT, "r1j demo: task %s (2-digit + and -), tiny decoder %,d parameters, char tokenizer (%d tokens)%n",
                task.name(), model.parameters().count(), tok.vocabSize());
        if (coldStart != null) {
            log.println("1/4 cold start: reusing " + coldStart);
            TrainingCheckpoint.load(coldStart, model, null, null);
        } else {
            coldStart(model, tok, task);
        }
        Path sftModel = out.resolve("sft").resolve("model");
        Checkpoint.save(model, tok, sftModel);

        EvalConfig evalConfig = new EvalConfig(s.evalK(), 0.6, 0.95, s.maxCompletionLength(), true, List.of("</answer>"), s.seed() + 99);
        Evaluator evaluator = new Evaluator(evalConfig, task.checker(), task.template());
        List<Problem> heldOut = task.problems(Split.TEST, s.evalProblems());
        log.printf(Locale.ROOT, "2/4 evaluate the cold-start model on %d held-out problems (k=%d, temperature 0.6, top-p 0.95)%n",
                heldOut.size(), s.evalK());
        EvalResult before = evaluator.evaluate(new ModelSampler(model, tok), heldOut);
        log.println("    " + before.summary());

        log.printf(Locale.ROOT, "3/4 GRPO with %s: %d steps x %d prompts x %d completions, temperature %s%s%n", rewardName,
                s.grpoSteps(), s.promptsPerStep(), s.numGenerations(), s.grpoTemperature(),
                s.evalEvery() > 0 ? "; held-out pass@1 every " + s.evalEvery() + " steps" : "");
        GrpoConfig cfg = GrpoConfig.builder().numGenerations(s.numGenerations()).promptsPerStep(s.promptsPerStep())
                .maxCompletionLength(s.maxCompletionLength()).learningRate(s.grpoLr()).temperature(s.grpoTemperature())
                .lossType(LossType.DAPO).beta(s.beta()).maxSteps(s.grpoSteps()).warmupSteps(s.grpoWarmupSteps()).seed(s.seed())
                .logCompletionsSteps(5).numCompletionsToLog(4).outputDir(out.resolve("grpo")).build();
        GrpoTrainer gt = new GrpoTrainer(model, tok, task.rewarder(reward), task.problems(Split.TRAIN, 3000), task.template(), cfg)
                .stopStrings(List.of("</answer>"));
        gt.addListener(ConsoleProgress.stdout());
        HeldOutCurve curve = new HeldOutCurve(evaluator, () -> new ModelSampler(model, tok), heldOut,
                Math.max(1, s.evalEvery()), log);
        curve.add(0, before);
        if (s.evalEvery() > 0) gt.addListener(curve);
        if (gt.train().interrupted()) throw new DemoInterrupted("GRPO");

        Path grpoModel = out.resolve("grpo").resolve("model");
        Checkpoint.save(model, tok, grpoModel);
        log.println("4/4 evaluate the GRPO model with the same settings");
        EvalResult after = evaluator.evaluate(new ModelSampler(model, tok), heldOut);
        log.println("    " + after.summary());
        double secs = (System.nanoTime() - t0) / 1e9;
        RunRecorder rec = gt.recorder().orElseThrow();
        curve.add(s.grpoSteps(), after);
        curve.writeCsv(out.resolve("grpo").resolve("eval.csv"));
        rec.chart(curve.chart());
        rec.summary("task", "arithmetic (2-digit + and -), " + heldOut.size() + " held-out problems, k=" + s.evalK()
                + ", temperature 0.6, top-p 0.95");
        rec.summary("pass@1 before → after", pct(before.passAt1()) + " → " + pct(after.passAt1()));
        rec.summary("cons@" + s.evalK() + " before → after", pct(before.consAtK()) + " → " + pct(after.consAtK()));
        rec.summary("greedy before → after", pct(before.greedyAccuracy()) + " → " + pct(after.greedyAccuracy()));
        rec.summary("wall time", String.format(Locale.ROOT, "%.0f s", secs));
        rec.writeReport();
        Outcome o = new Outcome(before, after, out, secs);
        log.printf(Locale.ROOT, "%npass@1 on held-out problems: %s -> %s (%+.1f points); greedy %s -> %s%n",
                pct(before.passAt1()), pct(after.passAt1()), o.gainPoints(), pct(before.greedyAccuracy()), pct(after.greedyAccuracy()));
        log.printf(Locale.ROOT, "report: %s (metrics.csv and completions.csv beside it); took %.0f s%n",
                rec.reportHtml().toAbsolutePath(), secs);
        String prompt = task.template().render(heldOut.get(0));
        log.printf(Locale.ROOT, "models: %s and %s (Hugging Face layout); try:%n  ./r1j generate --model %s --prompt $'%s'"
                        + " --stop '</answer>' --max-new-tokens %d --temperature 0.6%n",
                sftModel, grpoModel, grpoModel, prompt.replace("\\", "\\\\").replace("\n", "\\n")
                        .replace("'", "\\'"), s.maxCompletionLength());
        return o;
    }

    private void coldStart(DecoderModel model, Tokenizer tok, ArithmeticTask task) {
        log.printf(Locale.ROOT, "1/4 cold start: SFT on %d worked examples (%s), %d steps%n", s.coldStartExamples(),
                s.slipRate() > 0 ? String.format(Locale.ROOT, "%.0f%% with a slip in the final answer", 100 * s.slipRate())
                        : "all correct", s.sftSteps());
        SftConfig sft = new SftConfig(s.sftLr(), s.sftBatch(), s.sftSteps(), Math.min(20, s.sftSteps() / 10), "cosine",
                0.0, 1.0, 256, s.seed(), 0, out.resolve("sft"));
        SftTrainer st = new SftTrainer(model, tok, Slips.inject(task.coldStart(s.coldStartExamples()), s.slipRate(), s.seed()), sft);
        st.addListener(ConsoleProgress.stdout());
        if (st.train().interrupted()) throw new DemoInterrupted("cold start");
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * x);
    }

    /** The demo was stopped by an interrupt (Ctrl-C). */
    public static final class DemoInterrupted extends RuntimeException {
        DemoInterrupted(String stage) {
            super("interrupted during " + stage);
        }
    }
}

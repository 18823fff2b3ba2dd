package org.r1j.pipeline.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.r1j.dsl.Rewarder;
import org.r1j.grpo.GrpoConfig;
import org.r1j.grpo.LossType;
import org.r1j.model.io.LoadedModel;
import org.r1j.pipeline.eval.EvalConfig;
import org.r1j.pipeline.eval.InRunEval;
import org.r1j.pipeline.run.ModelSpec;
import org.r1j.pipeline.run.Pipeline;
import org.r1j.pipeline.run.SftStage;
import org.r1j.pipeline.task.ArithmeticTask;
import org.r1j.pipeline.task.Split;
import org.r1j.train.SftConfig;

/**
 * The demo: the R1 recipe in miniature on a CPU, as a {@link Pipeline} of four stages. A tiny random decoder
 * (character tokenizer) is cold-started by SFT on worked arithmetic ({@code sft/}), evaluated on held-out problems
 * (pass@1 over k samples at temperature 0.6, top-p 0.95), trained with GRPO on the rule rewards with the same
 * evaluation every {@code evalEvery} steps ({@code grpo/}: {@code eval.csv} and the report's first chart), and
 * evaluated again with the same settings and sampling seeds.
 */
public final class Demo {
    /**
     * What the demo measured on the held-out problems (fractions), read from the GRPO stage's curve: its first point
     * is the cold start, its last the final model.
     */
    public record Outcome(double passBefore, double passAfter, double greedyBefore, double greedyAfter, Path runDir, double seconds) {
        public double gainPoints() {
            return 100 * (passAfter - passBefore);
        }
    }

    /** Stage folders under the run directory. */
    public static final String SFT = "sft", EVAL_BEFORE = "eval-cold-start", GRPO = "grpo", EVAL_AFTER = "eval-grpo";

    private final DemoSettings s;
    private final Rewarder reward;
    private final String rewardName;
    private final Path out;
    private final PrintStream log;

    /**
     * @param reward     the GRPO reward program (the CLI passes rewards/r1.reward)
     * @param rewardName shown in the output
     * @param out        run directory (sft/ and grpo/ with metrics.csv, report.html, checkpoints and model/)
     */
    public Demo(DemoSettings settings, Rewarder reward, String rewardName, Path out, PrintStream log) {
        this.s = settings;
        this.reward = reward;
        this.rewardName = rewardName;
        this.out = out;
        this.log = log;
    }

    /** The demo's stages: cold start SFT → eval → GRPO with in-run eval → eval. */
    public Pipeline pipeline() {
        ArithmeticTask task = new ArithmeticTask(s.seed());
        EvalConfig eval = new EvalConfig(s.evalK(), 0.6, 0.95, s.maxCompletionLength(), true, List.of("</answer>"), s.seed() + 99);
        // the same protocol, problems and sampling seeds during GRPO: step 0 is the cold start, the last step the final model
        InRunEval curve = new InRunEval(s.evalEvery() > 0 ? s.evalEvery() : s.grpoSteps(), true, s.evalProblems(), eval.k(),
                eval.temperature(), eval.topP(), eval.maxNewTokens(), eval.seed(), "", null, false);
        SftConfig sft = new SftConfig(s.sftLr(), s.sftBatch(), s.sftSteps(), Math.min(20, s.sftSteps() / 10), "cosine",
                0.0, 1.0, 256, s.seed(), 0, null);
        GrpoConfig grpo = GrpoConfig.builder().set(GrpoConfig::numGenerations, s.numGenerations()).set(GrpoConfig::promptsPerStep, s.promptsPerStep())
                .set(GrpoConfig::maxCompletionLength, s.maxCompletionLength()).set(GrpoConfig::learningRate, s.grpoLr()).set(GrpoConfig::temperature, s.grpoTemperature())
                .set(GrpoConfig::lossType, LossType.DAPO).set(GrpoConfig::beta, s.beta()).set(GrpoConfig::maxSteps, s.grpoSteps()).set(GrpoConfig::warmupSteps, s.grpoWarmupSteps()).set(GrpoConfig::seed, s.seed())
                .set(GrpoConfig::logCompletionsSteps, 5).set(GrpoConfig::numCompletionsToLog, 4).build();
        Path parent = out.getParent() == null ? Path.of("") : out.getParent();
        return Pipeline.builder(out.getFileName().toString(), task, reward, ModelSpec.random("tiny", s.seed())).runsDir(parent).brief()
                .sft(sft, SftStage.COLD_START, s.coldStartExamples(), s.slipRate())
                .as(SFT, String.format(Locale.ROOT, "cold start: SFT on %d worked examples (%s), %d steps", s.coldStartExamples(),
                        s.slipRate() > 0 ? String.format(Locale.ROOT, "%.0f%% with a slip in the final answer", 100 * s.slipRate())
                                : "all correct", s.sftSteps()))
                .eval(eval, s.evalProblems())
                .as(EVAL_BEFORE, String.format(Locale.ROOT, "evaluate the cold-start model on %d held-out problems (k=%d, temperature 0.6, top-p 0.95)",
                        s.evalProblems(), s.evalK()))
                .grpo(grpo, 3000, curve)
                .as(GRPO, String.format(Locale.ROOT, "GRPO with %s: %d steps x %d prompts x %d completions, temperature %s%s", rewardName,
                        s.grpoSteps(), s.promptsPerStep(), s.numGenerations(), s.grpoTemperature(),
                        s.evalEvery() > 0 ? "; held-out pass@1 every " + s.evalEvery() + " steps" : ""))
                .eval(eval, s.evalProblems())
                .as(EVAL_AFTER, "evaluate the GRPO model with the same settings")
                .build();
    }

    public Outcome run() {
        long t0 = System.nanoTime();
        Pipeline p = pipeline();
        ArithmeticTask task = new ArithmeticTask(s.seed());
        LoadedModel fresh = ModelSpec.random("tiny", s.seed()).open(task.extraCharacters());
        log.printf(Locale.ROOT, "r1j demo: task %s (2-digit + and -), tiny decoder %,d parameters, char tokenizer (%d tokens)%n",
                task.name(), fresh.model().parameters().count(), fresh.tokenizer().vocabSize());
        fresh.model().close();   // opened for its size only
        Pipeline.Result r = p.run(log, false);
        if (r.interrupted() != null) throw new DemoInterrupted("interrupted during stage " + (r.stages().size() + 1) + " of 4");
        double secs = (System.nanoTime() - t0) / 1e9;
        List<String> curve = readLines(out.resolve(GRPO).resolve("eval.csv"));   // step,pass@1,cons@k,greedy
        String[] first = curve.get(1).split(","), last = curve.get(curve.size() - 1).split(",");
        Outcome o = new Outcome(Double.parseDouble(first[1]), Double.parseDouble(last[1]), Double.parseDouble(first[3]),
                Double.parseDouble(last[3]), out, secs);
        log.printf(Locale.ROOT, "%npass@1 on held-out problems: %s -> %s (%+.1f points); greedy %s -> %s%n",
                pct(o.passBefore()), pct(o.passAfter()), o.gainPoints(), pct(o.greedyBefore()), pct(o.greedyAfter()));
        log.printf(Locale.ROOT, "report: %s (metrics.csv and completions.csv beside it); took %.0f s%n",
                out.resolve(GRPO).resolve("report.html").toAbsolutePath(), secs);
        Path sftModel = out.resolve(SFT).resolve("model"), grpoModel = out.resolve(GRPO).resolve("model");
        String prompt = task.template().render(task.problems(Split.TEST, s.evalProblems()).get(0));
        log.printf(Locale.ROOT, "models: %s and %s (Hugging Face layout); try:%n  ./r1j generate --model %s --prompt $'%s'"
                        + " --stop '</answer>' --max-new-tokens %d --temperature 0.6%n",
                sftModel, grpoModel, grpoModel, prompt.replace("\\", "\\\\").replace("\n", "\\n")
                        .replace("'", "\\'"), s.maxCompletionLength());
        return o;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the held-out curve " + file + ": " + e.getMessage(), e);
        }
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * x);
    }

    /** The demo was stopped by an interrupt (Ctrl-C). */
    public static final class DemoInterrupted extends RuntimeException {
        DemoInterrupted(String what) {
            super(what);
        }
    }
}

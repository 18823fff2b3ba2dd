package org.r1j.pipeline.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.r1j.grpo.GrpoConfig;
import org.r1j.grpo.GrpoTrainer;
import org.r1j.train.checkpoint.TrainingCheckpoint;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.eval.InRunEval;
import org.r1j.train.StepEvaluation;
import org.r1j.pipeline.task.Split;
import tech.tablesaw.api.Table;

/**
 * GRPO on the task's training problems with the task's reward (R1-Zero from a base model; R1's reasoning RL after
 * the cold start and again after the SFT round).
 *
 * @param config   GRPO hyper-parameters (output_dir is set to the stage folder)
 * @param problems how many training problems to draw from the task
 * @param eval     held-out evaluation during the stage ({@link InRunEval#OFF} by default)
 */
public record GrpoStage(GrpoConfig config, int problems, InRunEval eval) implements Stage {
    public GrpoStage {
        if (eval == null) eval = InRunEval.OFF;
        if (problems < 1) throw new IllegalArgumentException("grpo problems must be >= 1, got " + problems);
    }

    /** A grpo stage without in-run evaluation. */
    public GrpoStage(GrpoConfig config, int problems) {
        this(config, problems, InRunEval.OFF);
    }

    @Override
    public String kind() {
        return "grpo";
    }

    @Override
    public boolean trainsModel() {
        return true;
    }

    @Override
    public Map<String, String> run(RunContext ctx, Path dir) throws StageInterrupted {
        List<Problem> train = ctx.task.problems(Split.TRAIN, problems);
        GrpoConfig cfg = config.toBuilder().set(GrpoConfig::outputDir, dir).build();
        ctx.detail(String.format(Locale.ROOT, "    %d steps x %d prompts x %d completions, lr %.2g, beta %s, loss %s",
                cfg.maxSteps(), cfg.promptsPerStep(), cfg.numGenerations(), cfg.learningRate(), cfg.beta(),
                cfg.lossType().trlName()));
        GrpoTrainer trainer = new GrpoTrainer(ctx.model(), ctx.tokenizer(), ctx.rewarder, train, ctx.task.template(), cfg)
                .stopStrings(List.of("</answer>"));
        try {
            trainer.addListener(ctx.progress());
            StepEvaluation evaluation = StageEvaluation.create(ctx, dir, eval, cfg.maxCompletionLength());
            trainer.evaluation(evaluation);
            if (ctx.resume && TrainingCheckpoint.latest(dir).isPresent() && trainer.resume()) {
                ctx.log.println("    resumed at step " + trainer.step());
            }
            GrpoTrainer.Result r = trainer.train();
            if (r.interrupted()) {
                trainer.recorder().ifPresent(rec -> rec.writeReport());
                throw new StageInterrupted("grpo");
            }
            Map<String, String> out = new LinkedHashMap<>();
            out.put("steps", Integer.toString(r.lastStep()));
            trainer.recorder().ifPresent(rec -> {
                Table m = rec.metricsTable();
                if (m.columnNames().contains("reward") && m.rowCount() > 0) {
                    // rows of training steps only (an eval_on_start row has no reward)
                    double[] reward = java.util.Arrays.stream(m.numberColumn("reward").asDoubleArray()).filter(x -> !Double.isNaN(x)).toArray();
                    int n = Math.min(5, reward.length);
                    double first = java.util.Arrays.stream(reward, 0, n).average().orElse(Double.NaN);
                    double last = java.util.Arrays.stream(reward, reward.length - n, reward.length).average().orElse(Double.NaN);
                    out.put("reward (first → last 5 steps)", String.format(Locale.ROOT, "%.3f → %.3f", first, last));
                }
            });
            if (r.skippedSteps() > 0) out.put("skipped_steps", Integer.toString(r.skippedSteps()));
            StageEvaluation.report(evaluation, dir, trainer.recorder(), "GRPO", out);
            trainer.recorder().ifPresent(rec -> rec.writeReport());
            return out;
        } finally {
            trainer.close();   // the optimiser state and the reference model in the backend's memory
        }
    }
}

package org.r1j.pipeline.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.r1j.pipeline.eval.EvalConfig;
import org.r1j.pipeline.eval.EvalResult;
import org.r1j.pipeline.eval.Evaluator;
import org.r1j.pipeline.eval.ModelSampler;
import org.r1j.pipeline.task.Split;

/**
 * Evaluates the current model on held-out problems as the R1 paper reports it; writes the per-problem table to
 * {@code eval.csv}. Put one before and one after a training stage to see what it changed (same problems, same seed).
 *
 * @param config   k, sampling and length settings
 * @param problems how many TEST problems to evaluate on
 */
public record EvalStage(EvalConfig config, int problems) implements Stage {
    public EvalStage {
        if (problems < 1) throw new IllegalArgumentException("eval problems must be >= 1, got " + problems);
    }

    @Override
    public String kind() {
        return "eval";
    }

    @Override
    public boolean trainsModel() {
        return false;
    }

    @Override
    public Map<String, String> run(RunContext ctx, Path dir) {
        Evaluator evaluator = new Evaluator(config, ctx.task.checker(), ctx.task.template());
        EvalResult r = evaluator.evaluate(new ModelSampler(ctx.model(), ctx.tokenizer()), ctx.task.problems(Split.TEST, problems));
        ctx.log.println("    " + r.summary());
        r.perProblem().write().csv(dir.resolve("eval.csv").toFile());
        Map<String, String> out = new LinkedHashMap<>();
        out.put("pass@1", pct(r.passAt1()));
        out.put("pass@1_stderr", String.format(Locale.ROOT, "%.2f%%", 100 * r.passAt1StdErr()));
        out.put("cons@" + r.k(), pct(r.consAtK()));
        out.put("pass@" + r.k(), pct(r.passAtK()));
        if (!Double.isNaN(r.greedyAccuracy())) out.put("greedy", pct(r.greedyAccuracy()));
        if (!Double.isNaN(r.languageConsistency())) out.put("language_consistency", pct(r.languageConsistency()));
        out.put("problems", Integer.toString(r.problems()));
        return out;
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * x);
    }
}

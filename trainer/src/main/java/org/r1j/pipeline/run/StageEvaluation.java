package org.r1j.pipeline.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.r1j.model.CausalLM;
import org.r1j.model.Parameters;
import org.r1j.model.io.Checkpoint;
import org.r1j.pipeline.eval.BestModel;
import org.r1j.pipeline.eval.EvalResult;
import org.r1j.pipeline.eval.Evaluator;
import org.r1j.pipeline.eval.InRunEval;
import org.r1j.pipeline.eval.ModelSampler;
import org.r1j.pipeline.eval.PeriodicEvaluation;
import org.r1j.pipeline.task.Split;
import org.r1j.train.StepEvaluation;
import org.r1j.train.record.RunRecorder;

/** Builds a training stage's {@link PeriodicEvaluation} from its {@link InRunEval} settings, and reports on it. */
final class StageEvaluation {
    private StageEvaluation() {
    }

    /** The stage's in-run evaluation over the task's TEST problems, {@code best/} in the stage folder; NONE when off. */
    static StepEvaluation create(RunContext ctx, Path dir, InRunEval settings, int stageMaxTokens) {
        if (!settings.enabled()) return StepEvaluation.NONE;
        Evaluator evaluator = new Evaluator(settings.evalConfig(stageMaxTokens, List.of("</answer>")), ctx.task.checker(), ctx.task.template());
        CausalLM model = ctx.model();
        BestModel best = settings.metricForBestModel().isEmpty() ? null
                : new BestModel(dir.resolve("best"), settings.metricForBestModel(), settings.higherIsBetter(),
                        to -> Checkpoint.save(model, ctx.saveTokenizer(), to));
        ctx.detail(String.format(Locale.ROOT, "    in-run eval every %d steps%s on %d held-out problems, k=%d, temperature %s, top-p %s%s",
                settings.evalSteps(), settings.evalOnStart() ? " and at the start" : "", settings.evalProblems(),
                settings.numGenerationsEval(), settings.evalTemperature(), settings.evalTopP(),
                best == null ? "" : "; best/ by " + best.metric()));
        return new PeriodicEvaluation(settings, evaluator, ctx.task.problems(Split.TEST, settings.evalProblems()),
                () -> new ModelSampler(model, ctx.tokenizer()), best, from -> loadInto(model, from), ctx.log);
    }

    /** Copies the weights saved in {@code dir} into {@code model}, in place (the trainer and pipeline keep using it). */
    static void loadInto(CausalLM model, Path dir) {
        Parameters saved = Checkpoint.loadModel(dir).parameters();
        Parameters target = model.parameters();
        target.copyFrom(saved);
    }

    /**
     * Records what the in-run evaluation measured: the curve as {@code eval.csv} in the stage folder (step, pass@1,
     * cons@k, greedy), the report's curve title and summary lines (first → last evaluation), and the last evaluation
     * and the best step for the stage's results line.
     *
     * @param stageName "SFT" or "GRPO", for the chart's title
     */
    static void report(StepEvaluation e, Path dir, Optional<RunRecorder> recorder, String stageName, Map<String, String> out) {
        if (!(e instanceof PeriodicEvaluation p) || p.results().isEmpty()) return;
        int first = p.results().firstKey(), last = p.results().lastKey();
        EvalResult a = p.results().get(first), b = p.results().get(last);
        p.writeCurve(dir.resolve("eval.csv"));
        recorder.ifPresent(rec -> {
            rec.evalCurveTitle("held-out pass@1 during " + stageName + " (" + p.problems().size() + " problems)");
            rec.summary("held-out evaluation", String.format(Locale.ROOT, "%d problems, k=%d, temperature %s, top-p %s, steps %s",
                    p.problems().size(), a.k(), p.settings().evalTemperature(), p.settings().evalTopP(), p.results().keySet()));
            String span = first == 0 ? " before → after" : " step " + first + " → " + last;
            rec.summary("pass@1" + span, pct(a.passAt1()) + " → " + pct(b.passAt1()));
            rec.summary("cons@" + a.k() + span, pct(a.consAtK()) + " → " + pct(b.consAtK()));
            if (!Double.isNaN(a.greedyAccuracy())) rec.summary("greedy" + span, pct(a.greedyAccuracy()) + " → " + pct(b.greedyAccuracy()));
        });
        out.put("eval/pass@1", String.format(Locale.ROOT, "%.1f%% ± %.1f (step %d)", 100 * b.passAt1(), 100 * b.passAt1StdErr(), last));
        if (p.best() != null && p.best().step() >= 0) {
            out.put("best", String.format(Locale.ROOT, "step %d, %s %.4f", p.best().step(), p.best().metric(), p.best().value()));
        }
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * x);
    }
}

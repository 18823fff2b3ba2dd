package org.r1j.pipeline.eval;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.r1j.io.AtomicFiles;
import org.r1j.pipeline.data.Problem;
import org.r1j.train.StepEvaluation;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * {@link InRunEval} at work: on the due steps it evaluates the model being trained on the same held-out problems
 * with the same sampling seeds, returns the {@code eval/*} metrics for the step's row, logs one line, and keeps
 * {@link BestModel best/} current. At the end it can load the best weights back ({@code load_best_model_at_end}).
 */
public final class PeriodicEvaluation implements StepEvaluation {
    private final InRunEval settings;
    private final Evaluator evaluator;
    private final List<Problem> problems;
    private final Supplier<CompletionSampler> sampler;
    private final PrintStream log;
    private final BestModel best;
    private final Consumer<java.nio.file.Path> loadBest;
    private final java.util.TreeMap<Integer, EvalResult> results = new java.util.TreeMap<>();

    /**
     * @param sampler  samples from the model as it is now (the trainer updates it in place)
     * @param best     where to keep the best model, or null when {@code metric_for_best_model} is off
     * @param loadBest loads a saved model directory into the model being trained (for load_best_model_at_end)
     */
    public PeriodicEvaluation(InRunEval settings, Evaluator evaluator, List<Problem> problems, Supplier<CompletionSampler> sampler,
                              BestModel best, Consumer<java.nio.file.Path> loadBest, PrintStream log) {
        if (!settings.metricForBestModel().isEmpty() && best == null) throw new IllegalArgumentException("metric_for_best_model needs a best/ folder");
        this.settings = settings;
        this.evaluator = evaluator;
        this.problems = List.copyOf(problems);
        this.sampler = sampler;
        this.best = best;
        this.loadBest = loadBest;
        this.log = log;
    }

    /**
     * Evaluation every {@code steps} steps (and after the last) with {@code evaluator}'s protocol, logged to stdout, no
     * best checkpoint: for a trainer built by hand, {@code trainer.evaluation(PeriodicEvaluation.every(50, ...))}.
     */
    public static PeriodicEvaluation every(int steps, Evaluator evaluator, List<Problem> problems, Supplier<CompletionSampler> sampler) {
        return new PeriodicEvaluation(InRunEval.every(steps, problems.size(), 1), evaluator, problems, sampler, null, dir -> { }, System.out);
    }

    /** Due before training (eval_on_start), at every eval_steps-th step, and at the last step when eval_steps > 0. */
    public boolean due(int step, int maxSteps) {
        if (step == 0) return settings.evalOnStart();
        if (settings.evalSteps() == 0) return false;
        return step % settings.evalSteps() == 0 || step == maxSteps;
    }

    @Override
    public Map<String, Double> after(int step, int maxSteps) {
        if (!due(step, maxSteps)) return Map.of();
        EvalResult r = evaluator.evaluate(sampler.get(), problems);
        results.put(step, r);
        Map<String, Double> m = r.metrics("eval/");
        boolean newBest = best != null && best.offer(step, m);
        log.printf(Locale.ROOT, "    step %d: held-out %s%s%n", step, r.summary(), newBest ? " (best so far: saved to best/)" : "");
        return m;
    }

    @Override
    public void finish(boolean interrupted) {
        if (interrupted || !settings.loadBestModelAtEnd() || best == null || best.step() < 0) return;
        loadBest.accept(best.dir());
        log.printf(Locale.ROOT, "    load_best_model_at_end: weights of step %d (%s %.4f)%n", best.step(), best.metric(), best.value());
    }

    /** What each evaluation of this session measured, by step (in step order). */
    public java.util.SortedMap<Integer, EvalResult> results() {
        return java.util.Collections.unmodifiableSortedMap(results);
    }

    public InRunEval settings() {
        return settings;
    }

    /** The problems every evaluation uses. */
    public List<Problem> problems() {
        return problems;
    }

    /** The evaluations as a table: step, pass@1, cons@k, greedy (fractions), in step order. */
    public Table curve() {
        IntColumn steps = IntColumn.create("step");
        DoubleColumn passAt1 = DoubleColumn.create("pass@1"), consAtK = DoubleColumn.create("cons@k"), greedy = DoubleColumn.create("greedy");
        results.forEach((step, r) -> {
            steps.append(step);
            passAt1.append(r.passAt1());
            consAtK.append(r.consAtK());
            greedy.append(r.greedyAccuracy());
        });
        return Table.create("held-out evaluation", steps, passAt1, consAtK, greedy);
    }

    /** {@link #curve} as CSV, written atomically (a training stage's {@code eval.csv}). */
    public void writeCurve(java.nio.file.Path file) {
        java.io.StringWriter csv = new java.io.StringWriter();
        curve().write().csv(csv);
        AtomicFiles.writeString(file, csv.toString());
    }

    /** The best-model keeper, or null when off. */
    public BestModel best() {
        return best;
    }
}

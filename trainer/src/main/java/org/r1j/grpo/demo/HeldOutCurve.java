package org.r1j.grpo.demo;

import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.r1j.train.StepMetrics;
import org.r1j.train.TrainingListener;
import org.r1j.io.AtomicFiles;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.eval.CompletionSampler;
import org.r1j.pipeline.eval.EvalResult;
import org.r1j.pipeline.eval.Evaluator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.plotly.components.Figure;

/**
 * Held-out pass@1 during GRPO: every {@code every} steps the model is evaluated on the same held-out problems with
 * the same protocol as before and after (the R1 paper's k samples at T 0.6, top-p 0.95, fixed sampling seeds), so
 * the demo's report shows the curve, not just its two ends. Rows: step, pass@1, cons@k, greedy.
 */
final class HeldOutCurve implements TrainingListener {
    private final Evaluator evaluator;
    private final Supplier<CompletionSampler> sampler;
    private final List<Problem> problems;
    private final int every;
    private final PrintStream log;
    private final IntColumn steps = IntColumn.create("step");
    private final DoubleColumn passAt1 = DoubleColumn.create("pass@1"), consAtK = DoubleColumn.create("cons@k"),
            greedy = DoubleColumn.create("greedy");

    /** @param every evaluate after steps every, 2 every, ... (before the last: the caller evaluates the final model) */
    HeldOutCurve(Evaluator evaluator, Supplier<CompletionSampler> sampler, List<Problem> problems, int every, PrintStream log) {
        if (every < 1) throw new IllegalArgumentException("evaluation interval must be >= 1 step, got " + every);
        this.evaluator = evaluator;
        this.sampler = sampler;
        this.problems = problems;
        this.every = every;
        this.log = log;
    }

    /** Adds a point measured outside training (the cold start at step 0, the final model at the last step). */
    void add(int step, EvalResult r) {
        steps.append(step);
        passAt1.append(r.passAt1());
        consAtK.append(r.consAtK());
        greedy.append(r.greedyAccuracy());
    }

    @Override
    public void onStep(StepMetrics m) {
        if (m.step() % every != 0 || m.step() >= m.maxSteps()) return;
        EvalResult r = evaluator.evaluate(sampler.get(), problems);
        add(m.step(), r);
        log.printf(Locale.ROOT, "    step %d: held-out %s%n", m.step(), r.summary());
    }

    Table table() {
        return Table.create("held-out evaluation during GRPO", steps, passAt1, consAtK, greedy);
    }

    Figure chart() {
        return LinePlot.create("held-out pass@1 during GRPO (" + problems.size() + " problems)", table(), "step", "pass@1");
    }

    /** The curve as CSV (step, pass@1, cons@k, greedy), written atomically. */
    void writeCsv(Path file) {
        StringWriter csv = new StringWriter();
        table().write().csv(csv);
        AtomicFiles.writeString(file, csv.toString());
    }
}

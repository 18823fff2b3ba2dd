package org.r1j.sweep;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.r1j.io.AtomicFiles;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The runs of a sweep and what each measured: one row per run with its settings, status, final and best held-out
 * pass@1 with standard errors, cons@k, greedy and wall time ({@code results.csv}); and the means per axis value.
 */
public final class SweepResults {
    private final SweepPlan plan;
    private final List<SweepOutcome> outcomes;

    SweepResults(SweepPlan plan, List<SweepOutcome> outcomes) {
        this.plan = plan;
        this.outcomes = List.copyOf(outcomes);
    }

    public SweepPlan plan() { return plan; }
    public List<SweepOutcome> outcomes() { return outcomes; }

    public long count(SweepOutcome.Status s) {
        return outcomes.stream().filter(o -> o.status() == s).count();
    }

    /**
     * One row per run: {@code run}, one column per axis (its short name), {@code status}, {@code pass@1 ± s.e.}
     * (text, in %), then numbers as fractions: {@code pass@1}, {@code pass@1_stderr}, {@code best_pass@1},
     * {@code best_step}, {@code cons@k}, {@code greedy}, and {@code seconds}, {@code error}.
     */
    public Table table() {
        Table t = Table.create(plan.spec().name() + " results");
        t.addColumns(StringColumn.create("run", outcomes.stream().map(o -> o.run().name()).toList()));
        for (SweepAxis a : plan.spec().axes()) {
            t.addColumns(StringColumn.create(columnName(a), outcomes.stream().map(o -> SweepRun.display(o.run().settings().get(a.key()))).toList()));
        }
        t.addColumns(StringColumn.create("status", outcomes.stream().map(o -> o.status().label()).toList()),
                StringColumn.create("pass@1 ± s.e.", outcomes.stream().map(o -> plusMinus(o.metrics().finalPassAt1(), o.metrics().finalStdErr())).toList()),
                number("pass@1", o -> o.metrics().finalPassAt1()), number("pass@1_stderr", o -> o.metrics().finalStdErr()),
                number("best_pass@1", o -> o.metrics().bestPassAt1()),
                IntColumn.create("best_step", outcomes.stream().mapToInt(o -> o.metrics().bestStep()).toArray()),
                number("cons@k", o -> o.metrics().finalConsAtK()), number("greedy", o -> o.metrics().finalGreedy()),
                number("seconds", o -> Math.round(o.seconds() * 10) / 10.0),
                StringColumn.create("error", outcomes.stream().map(SweepOutcome::error).toList()));
        return t;
    }

    /**
     * The mean final pass@1 of the finished runs for each value of one axis (over the other axes and seeds), with the
     * standard error of that mean: the spread between runs when there are several, else the one run's own.
     */
    public Table byAxis(SweepAxis axis) {
        Map<String, List<SweepOutcome>> groups = new LinkedHashMap<>();
        for (Object v : axis.values()) groups.put(SweepRun.display(v), new ArrayList<>());
        for (SweepOutcome o : outcomes) {
            if (o.status() == SweepOutcome.Status.DONE && !Double.isNaN(o.metrics().finalPassAt1())) {
                groups.get(SweepRun.display(o.run().settings().get(axis.key()))).add(o);
            }
        }
        StringColumn value = StringColumn.create(columnName(axis));
        IntColumn runs = IntColumn.create("runs");
        DoubleColumn mean = DoubleColumn.create("mean pass@1"), se = DoubleColumn.create("stderr");
        groups.forEach((v, list) -> {
            value.append(v);
            runs.append(list.size());
            double[] x = list.stream().mapToDouble(o -> o.metrics().finalPassAt1()).toArray();
            double m = x.length == 0 ? Double.NaN : java.util.Arrays.stream(x).average().orElse(Double.NaN);
            mean.append(m);
            se.append(x.length == 1 ? list.get(0).metrics().finalStdErr() : org.r1j.pipeline.eval.StandardError.ofMean(x));
        });
        return Table.create("final pass@1 by " + axis.key(), value, runs, mean, se);
    }

    public void writeCsv(Path file) {
        StringWriter w = new StringWriter();
        table().write().csv(w);
        AtomicFiles.writeString(file, w.toString());
    }

    String columnName(SweepAxis a) {
        long same = plan.spec().axes().stream().filter(b -> b.shortName().equals(a.shortName())).count();
        return same > 1 ? a.key() : a.shortName();
    }

    /** "41.2% ± 3.1" (fractions in), "41.2%" without a standard error, "-" without a value. */
    public static String plusMinus(double p, double se) {
        if (Double.isNaN(p)) return "-";
        return Double.isNaN(se) ? String.format(Locale.ROOT, "%.1f%%", 100 * p) : String.format(Locale.ROOT, "%.1f%% ± %.1f", 100 * p, 100 * se);
    }

    private DoubleColumn number(String name, java.util.function.ToDoubleFunction<SweepOutcome> f) {
        return DoubleColumn.create(name, outcomes.stream().mapToDouble(f).toArray());
    }
}

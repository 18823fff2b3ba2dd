package org.r1j.kernel.display;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.r1j.train.StepMetrics;
import org.r1j.train.TrainingListener;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;

/**
 * A training run as one live output: progress bar, latest metrics and a reward chart, redrawn in place at most
 * {@link #MAX_UPDATES_PER_SECOND} times a second (and once at the end), never a flood of output.
 *
 * <pre>{@code
 * var live = new TrainingDisplay();
 * trainer.addListener(live);
 * trainer.train();
 * live.table()          // every step's metrics as a Tablesaw table
 * }</pre>
 */
public final class TrainingDisplay implements TrainingListener {
    /** Redraws per second at most: smooth enough to watch, cheap for the browser and the saved notebook. */
    public static final double MAX_UPDATES_PER_SECOND = 4;
    /**
     * Seconds between redraws of the chart's static image (JFreeChart, ~20 ms each): it is for the saved notebook,
     * while the live view is plotly; the last redraw always gets a fresh one.
     */
    static final double STATIC_IMAGE_SECONDS = 5;
    /** Metrics listed under the bar, when present; all rewards/* means are charted. */
    static final List<String> HEADLINE = List.of("reward", "reward_std", "kl", "loss", "entropy",
            "completions/mean_length", "grad_norm", "learning_rate");

    private final DisplaySink sink;
    private final LongSupplier nanoClock;
    private final List<StepMetrics> steps = new ArrayList<>();
    private String displayId;
    private String stage = "";
    private int maxSteps;
    private long startNanos;
    private long lastDrawNanos;
    private String status = "running";
    private StepMetrics lastEval;      // the latest step with held-out evaluation (eval_steps), shown until the next
    private String chartPng;
    private long chartPngNanos;

    /** For cells: shows through the kernel. */
    public TrainingDisplay() {
        this(Notebook.sink(), System::nanoTime);
    }

    public TrainingDisplay(DisplaySink sink, LongSupplier nanoClock) {
        this.sink = sink;
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized void onStart(String stage, int firstStep, int maxSteps) {
        this.stage = stage;
        this.maxSteps = maxSteps;
        this.startNanos = nanoClock.getAsLong();
        sink.loadCharts();
        displayId = sink.display(view());
        lastDrawNanos = startNanos;
    }

    @Override
    public synchronized void onStep(StepMetrics metrics) {
        steps.add(metrics);
        if (!Double.isNaN(metrics.get("eval/pass@1"))) lastEval = metrics;
        maxSteps = Math.max(maxSteps, metrics.maxSteps());
        long now = nanoClock.getAsLong();
        if (displayId == null) {
            onStart(metrics.stage(), metrics.step(), metrics.maxSteps());
        } else if (now - lastDrawNanos >= 1e9 / MAX_UPDATES_PER_SECOND) {
            redraw(now);
        }
    }

    @Override
    public synchronized void onEnd(int lastStep, boolean interrupted) {
        status = interrupted ? "interrupted at step " + lastStep : "finished";
        if (displayId != null) {
            redraw(nanoClock.getAsLong());
        }
    }

    private void redraw(long now) {
        lastDrawNanos = now;
        org.r1j.kernel.background.Background.reportProgress(stage + " " + progressText(steps.isEmpty() ? 0 : steps.get(steps.size() - 1).step()));
        sink.updateDisplay(displayId, view());
    }

    /** Every step's metrics so far: a {@code step} column, then one column per metric. */
    public synchronized Table table() {
        Set<String> names = new LinkedHashSet<>();
        steps.forEach(s -> names.addAll(s.values().keySet()));
        Table t = Table.create(stage.isEmpty() ? "metrics" : stage + " metrics");
        t.addColumns(IntColumn.create("step", steps.stream().mapToInt(StepMetrics::step).toArray()));
        for (String name : names) {
            t.addColumns(DoubleColumn.create(name, steps.stream().mapToDouble(s -> s.get(name)).toArray()));
        }
        return t;
    }

    /** The reward chart: the total reward and each reward's mean per step. */
    public synchronized Figure chart() {
        Map<String, double[]> series = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        names.add("reward");
        steps.forEach(s -> s.values().keySet().stream().filter(k -> k.startsWith("rewards/") && k.endsWith("/mean")).forEach(names::add));
        double[] x = steps.stream().mapToDouble(StepMetrics::step).toArray();
        for (String name : names) {
            series.put(name, steps.stream().mapToDouble(s -> s.get(name)).toArray());
        }
        List<ScatterTrace> traces = new ArrayList<>();
        series.forEach((name, y) -> traces.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(name).build()));
        Layout layout = Layout.builder().title("rewards per step").height(320).width(720)
                .xAxis(Axis.builder().title("step").build()).yAxis(Axis.builder().title("mean reward").build()).build();
        return new Figure(layout, traces.toArray(new ScatterTrace[0]));
    }

    /** The whole view: HTML (with the chart's static image inside), text, and the chart as image/png. */
    private Html view() {
        long now = nanoClock.getAsLong();
        boolean last = !status.equals("running");
        if (steps.size() >= 2 && (chartPng == null || last || now - chartPngNanos >= STATIC_IMAGE_SECONDS * 1e9)) {
            chartPng = FigureImage.pngBase64(chart());
            chartPngNanos = now;
        }
        return new Html(html(chartPng), text(), chartPng);
    }

    String html() {
        return html(steps.size() >= 2 ? FigureImage.pngBase64(chart()) : null);
    }

    private String html(String chartPng) {
        StepMetrics last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        int done = last == null ? 0 : last.step();
        StringBuilder html = new StringBuilder("<div class=\"r1j-training\" style=\"font-family:sans-serif\">");
        html.append("<div><b>").append(TableHtml.escape(stage)).append("</b> ")
                .append("<progress value=\"").append(done).append("\" max=\"").append(Math.max(maxSteps, 1)).append("\" style=\"width:300px\"></progress> ")
                .append(TableHtml.escape(progressText(done))).append("</div>");
        if (last != null) {
            html.append("<table style=\"font-size:smaller\"><tr>");
            headline(last).forEach((k, v) -> html.append("<th>").append(TableHtml.escape(k)).append("</th>"));
            html.append("</tr><tr>");
            headline(last).forEach((k, v) -> html.append("<td>").append(format(v)).append("</td>"));
            html.append("</tr></table>");
            if (lastEval != null) html.append("<div>").append(TableHtml.escape(evalLine())).append("</div>");
            if (steps.size() >= 2) {
                html.append(FigureHtml.withImage(chart(), chartPng));
            }
        }
        return html.append("</div>").toString();
    }

    String text() {
        StepMetrics last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        StringBuilder text = new StringBuilder(stage + " " + progressText(last == null ? 0 : last.step()));
        if (last != null) {
            headline(last).forEach((k, v) -> text.append("  ").append(k).append('=').append(format(v)));
        }
        if (lastEval != null) text.append("\n").append(evalLine());
        return text.toString();
    }

    /** "held-out at step 40: pass@1 41.2% ± 3.1, cons@k 50.0%, greedy 47.0%, format 98.0%". */
    private String evalLine() {
        StepMetrics e = lastEval;
        return String.format(Locale.ROOT, "held-out at step %d: pass@1 %.1f%% ± %.1f, cons@k %.1f%%, greedy %.1f%%, format %.1f%%",
                e.step(), 100 * e.get("eval/pass@1"), 100 * e.get("eval/pass@1_stderr"), 100 * e.get("eval/cons@k"),
                100 * e.get("eval/greedy"), 100 * e.get("eval/format"));
    }

    private String progressText(int done) {
        double seconds = (nanoClock.getAsLong() - startNanos) / 1e9;
        String eta = done > 0 && done < maxSteps ? String.format(Locale.ROOT, ", ~%.0f s left", seconds / done * (maxSteps - done)) : "";
        return String.format(Locale.ROOT, "step %d/%d, %.1f s%s (%s)", done, maxSteps, seconds, eta, status);
    }

    private static Map<String, Double> headline(StepMetrics m) {
        Map<String, Double> shown = new LinkedHashMap<>();
        for (String name : HEADLINE) {
            if (m.values().containsKey(name)) {
                shown.put(name, m.get(name));
            }
            if (name.equals("reward")) {
                m.values().forEach((k, v) -> {
                    if (k.startsWith("rewards/") && k.endsWith("/mean")) {
                        shown.put(k, v);
                    }
                });
            }
        }
        return shown;
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}

package org.r1j.kernel.display;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.r1j.kernel.background.Background;
import org.r1j.kernel.background.BackgroundJob;
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
 * A training run as a live view: a Stop button, a status output (progress bar, latest metrics, how to stop) redrawn
 * in place at most {@link #MAX_UPDATES_PER_SECOND} times a second, and a reward chart. Each status update carries
 * only the chart's new points ({@link ChartFeed}); the whole chart, with its static image for saved notebooks, is
 * sent again only every {@link #CHART_REDRAW_SECONDS} and at the end. The Stop button (an ipywidgets button) stops
 * training after its step in flight, with a checkpoint, as {@code %stop NAME} or an interrupt do.
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
     * Seconds between full redraws of the chart with its static image (JFreeChart, ~20 ms each): they are for the
     * saved notebook and grow with the run, while the live view gets new points only; the end always redraws.
     */
    static final double CHART_REDRAW_SECONDS = 60;
    /** Metrics listed under the bar, when present; all rewards/* means are charted. */
    static final List<String> HEADLINE = List.of("reward", "reward_std", "kl", "loss", "entropy",
            "completions/mean_length", "grad_norm", "learning_rate");

    private final DisplaySink sink;
    private final LongSupplier nanoClock;
    private final List<StepMetrics> steps = new ArrayList<>();
    private final String chartDiv = FigureHtml.newId();   // one element id for the run: new points go to it
    private String statusId;
    private String chartId;
    private WidgetButton stopButton;
    private String stage = "";
    private int maxSteps;
    private long startNanos;
    private long lastDrawNanos;
    private long chartDrawNanos;
    private String status = "running";
    private StepMetrics lastEval;      // the latest step with held-out evaluation (eval_steps), shown until the next
    private List<String> drawnSeries = List.of(); // the chart's traces as last drawn in full
    private int sentPoints;            // points the page's chart has: drawn in full or sent as new points
    private volatile Thread trainingThread;
    private volatile BackgroundJob job;
    private volatile boolean stopAsked;
    private Path lastCheckpoint;

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
        trainingThread = Thread.currentThread();
        job = Background.currentJob();
        sink.loadCharts();
        if (stopButton == null) {
            stopButton = WidgetButton.show(sink, "Stop " + stage, "stop after the step in flight, with a checkpoint",
                    "(a Stop button shows where Jupyter widgets are installed) " + howToStop(), "stopping after this step ...",
                    this::stop);
        }
        if (statusId == null) {
            statusId = sink.display(statusView(""));
            chartId = sink.display(chartPlaceholder());
        }
        lastDrawNanos = startNanos;
    }

    @Override
    public synchronized void onStep(StepMetrics metrics) {
        steps.add(metrics);
        if (!Double.isNaN(metrics.get("eval/pass@1"))) lastEval = metrics;
        maxSteps = Math.max(maxSteps, metrics.maxSteps());
        long now = nanoClock.getAsLong();
        if (statusId == null) {
            onStart(metrics.stage(), metrics.step(), metrics.maxSteps());
        } else if (now - lastDrawNanos >= 1e9 / MAX_UPDATES_PER_SECOND) {
            redraw(now, false);
        }
    }

    @Override
    public synchronized void onCheckpoint(int step, Path dir) {
        lastCheckpoint = dir;
    }

    @Override
    public synchronized void onEnd(int lastStep, boolean interrupted) {
        status = interrupted ? "interrupted at step " + lastStep : "finished";
        if (statusId != null) {
            redraw(nanoClock.getAsLong(), true);
        }
        if (stopButton != null) {
            stopButton.close("");
            stopButton = null;
        }
    }

    /** Asks the training to stop after its step in flight (the trainer then writes a checkpoint); from the button. */
    public void stop() {
        stopAsked = true;
        BackgroundJob j = job;
        Thread t = trainingThread;
        if (j != null) {
            j.stop();
        } else if (t != null) {
            t.interrupt(); // the trainer checks the flag after each step, as on Ctrl-C (GracefulStop)
        }
    }

    /** Whether the Stop button (or {@link #stop()}) asked this run to stop. */
    public boolean stopRequested() {
        return stopAsked;
    }

    private void redraw(long now, boolean last) {
        lastDrawNanos = now;
        Background.reportProgress(stage + " " + progressText(lastStep()));
        List<String> series = seriesNames();
        String points = "";
        if (steps.size() >= 2 && (last || drawnSeries.isEmpty() || !series.equals(drawnSeries)
                || now - chartDrawNanos >= CHART_REDRAW_SECONDS * 1e9)) {
            drawChart(now, series);
        } else if (!drawnSeries.isEmpty() && sentPoints < steps.size()) {
            points = newPoints();
        }
        sink.updateDisplayDelta(statusId, statusView(points));
    }

    /** The whole chart, with its static image, replacing the chart output. */
    private void drawChart(long now, List<String> series) {
        Figure figure = chart();
        String png = FigureImage.pngBase64(figure);
        String html = FigureHtml.html(figure, chartDiv, png, ChartFeed.afterDraw(chartDiv, steps.size()));
        sink.updateDisplay(chartId, new Html(html, "rewards per step: " + steps.size() + " steps (a chart)", png));
        drawnSeries = series;
        sentPoints = steps.size();
        chartDrawNanos = now;
    }

    /** The points the page's chart does not have yet, as a script for the status output. */
    private String newPoints() {
        List<StepMetrics> fresh = steps.subList(sentPoints, steps.size());
        double[] x = fresh.stream().mapToDouble(StepMetrics::step).toArray();
        List<double[]> ys = new ArrayList<>();
        for (String name : drawnSeries) {
            ys.add(fresh.stream().mapToDouble(s -> s.get(name)).toArray());
        }
        String script = ChartFeed.batch(chartDiv, sentPoints, x, ys);
        sentPoints = steps.size();
        return script;
    }

    private int lastStep() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).step();
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
        List<String> names = seriesNames();
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

    /** The charted series: the total reward, then each reward's mean, in the order they first appeared. */
    private List<String> seriesNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add("reward");
        steps.forEach(s -> s.values().keySet().stream().filter(k -> k.startsWith("rewards/") && k.endsWith("/mean")).forEach(names::add));
        return List.copyOf(names);
    }

    /** Until the second step: an empty chart output, so the status stays above it. */
    private static Html chartPlaceholder() {
        return new Html("<div class=\"r1j-chart-pending\"></div>", "");
    }

    /** The status output: bar, metrics, held-out line, how to stop; {@code points} the chart's new points (a script). */
    private Html statusView(String points) {
        return new Html(html() + points, text());
    }

    /** How to stop this run, in words: the button, or what works without widgets. */
    private String howToStop() {
        BackgroundJob j = job;
        return "To stop after the step in flight (with a checkpoint): the Stop button, or "
                + (j != null ? "%stop " + j.name() : "interrupt the kernel (■)");
    }

    String html() {
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
        }
        if (running()) {
            html.append("<div style=\"font-size:smaller;color:#666\">").append(TableHtml.escape(howToStop())).append("</div>");
        } else if (lastCheckpoint != null) {
            html.append("<div style=\"font-size:smaller\">checkpoint: ").append(TableHtml.escape(lastCheckpoint.toString())).append("</div>");
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
        if (running()) {
            text.append("\n").append(howToStop());
        } else if (lastCheckpoint != null) {
            text.append("\ncheckpoint: ").append(lastCheckpoint);
        }
        return text.toString();
    }

    /** "held-out at step 40: pass@1 41.2% ± 3.1, cons@k 50.0%, greedy 47.0%, format 98.0%". */
    private String evalLine() {
        StepMetrics e = lastEval;
        return String.format(Locale.ROOT, "held-out at step %d: pass@1 %.1f%% ± %.1f, cons@k %.1f%%, greedy %.1f%%, format %.1f%%",
                e.step(), 100 * e.get("eval/pass@1"), 100 * e.get("eval/pass@1_stderr"), 100 * e.get("eval/cons@k"),
                100 * e.get("eval/greedy"), 100 * e.get("eval/format"));
    }

    private boolean running() {
        return status.equals("running");
    }

    private String progressText(int done) {
        double seconds = (nanoClock.getAsLong() - startNanos) / 1e9;
        String eta = done > 0 && done < maxSteps ? String.format(Locale.ROOT, ", ~%.0f s left", seconds / done * (maxSteps - done)) : "";
        String state = running() && stopAsked ? "stopping after this step" : status;
        return String.format(Locale.ROOT, "step %d/%d, %.1f s%s (%s)", done, maxSteps, seconds, eta, state);
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

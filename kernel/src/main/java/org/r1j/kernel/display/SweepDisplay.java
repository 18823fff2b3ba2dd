package org.r1j.kernel.display;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.r1j.train.StepMetrics;
import org.r1j.sweep.SweepListener;
import org.r1j.sweep.SweepOutcome;
import org.r1j.sweep.SweepReport;
import org.r1j.sweep.SweepResults;
import org.r1j.sweep.SweepRun;
import tech.tablesaw.plotly.components.Figure;

/**
 * A sweep as one live output: every run's state (pending, its stage and step while it trains, then pass@1 ± s.e.
 * or its error) and the comparison charts, which fill in as runs finish. Redrawn in place at most
 * {@link TrainingDisplay#MAX_UPDATES_PER_SECOND} times a second, and at every run's end.
 *
 * <pre>{@code
 * Table results = sweep.run(new SweepDisplay());
 * }</pre>
 */
public final class SweepDisplay implements SweepListener {
    private final DisplaySink sink;
    private final LongSupplier nanoClock;
    private final Map<String, String> state = new LinkedHashMap<>();
    private SweepResults latest;
    private String chartsHtml = "";
    private String firstPng;          // the first chart's static image, also sent as image/png   // redrawn only when a run ends (the charts, with their images, cost ~50 ms)
    private String displayId;
    private long lastDrawNanos;

    /** For cells: shows through the kernel. */
    public SweepDisplay() {
        this(Notebook.sink(), System::nanoTime);
    }

    public SweepDisplay(DisplaySink sink, LongSupplier nanoClock) {
        this.sink = sink;
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized void onPlan(SweepResults pending) {
        latest = pending;
        pending.outcomes().forEach(o -> state.put(o.run().name(), "pending"));
        sink.loadCharts();
        displayId = sink.display(new Html(html(), text(), firstPng));
        lastDrawNanos = nanoClock.getAsLong();
    }

    @Override
    public synchronized void onRunStart(SweepRun run) {
        state.put(run.name(), "starting");
        redraw(false);
    }

    @Override
    public synchronized void onStep(SweepRun run, StepMetrics m) {
        String eval = Double.isNaN(m.get("eval/pass@1")) ? "" : String.format(Locale.ROOT, ", eval pass@1 %.1f%%", 100 * m.get("eval/pass@1"));
        state.put(run.name(), String.format(Locale.ROOT, "%s step %d/%d%s", m.stage(), m.step(), m.maxSteps(), eval));
        redraw(false);
    }

    @Override
    public synchronized void onRunEnd(SweepOutcome o, SweepResults soFar) {
        latest = soFar;
        chartsHtml = charts(soFar);
        state.put(o.run().name(), o.status() == SweepOutcome.Status.DONE
                ? String.format(Locale.ROOT, "done: pass@1 %s, %.0f s", SweepResults.plusMinus(o.metrics().finalPassAt1(), o.metrics().finalStdErr()), o.seconds())
                : o.status().label() + ": " + o.error());
        redraw(true);
    }

    @Override
    public synchronized void onEnd(SweepResults results) {
        latest = results;
        chartsHtml = charts(results);
        redraw(true);
    }

    private void redraw(boolean now) {
        if (displayId == null) return;
        long t = nanoClock.getAsLong();
        if (!now && t - lastDrawNanos < 1e9 / TrainingDisplay.MAX_UPDATES_PER_SECOND) return;
        lastDrawNanos = t;
        sink.updateDisplay(displayId, new Html(html(), text(), firstPng));
    }

    String html() {
        StringBuilder h = new StringBuilder("<div class=\"r1j-sweep\" style=\"font-family:sans-serif\"><b>sweep ")
                .append(TableHtml.escape(latest.plan().spec().name())).append("</b>: ").append(TableHtml.escape(latest.plan().describe()))
                .append("<table style=\"font-size:smaller\"><tr><th>run</th><th>state</th></tr>");
        state.forEach((run, s) -> h.append("<tr><td>").append(TableHtml.escape(run)).append("</td><td>").append(TableHtml.escape(s)).append("</td></tr>"));
        h.append("</table>");
        return h.append(chartsHtml).append("</div>").toString();
    }

    private String charts(SweepResults r) {
        StringBuilder h = new StringBuilder();
        firstPng = null;
        // one chart, the held-out pass@1 curves of all runs, filling in as runs finish: one chart per output keeps
        // one static image per chart on pages without scripts; the rest is in SweepReport.charts and report.html
        for (Figure f : SweepReport.charts(r).stream().limit(1).toList()) {
            firstPng = FigureImage.pngBase64(f);
            h.append(FigureHtml.withImage(f, firstPng));
        }
        return h.toString();
    }

    String text() {
        StringBuilder t = new StringBuilder("sweep " + latest.plan().spec().name());
        state.forEach((run, s) -> t.append("\n  ").append(run).append(": ").append(s));
        return t.toString();
    }
}

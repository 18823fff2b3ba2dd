package org.r1j.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.r1j.train.record.ErrorBarTrace;
import org.r1j.train.record.ReportWriter;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * The sweep's {@code report.html}: every run's held-out pass@1 curve (± 1 s.e.) and reward curve on shared axes, the
 * final pass@1 of each run with its error bar, the mean per value of each axis, and the results table. Each run's
 * own report.html (per stage) stays in its folder.
 */
public final class SweepReport {
    private SweepReport() {
    }

    /** The charts, in the report's order (a notebook can show them too). */
    public static List<Figure> charts(SweepResults results) {
        List<Figure> out = new ArrayList<>();
        List<Trace> curves = new ArrayList<>(), rewards = new ArrayList<>();
        for (SweepOutcome o : results.outcomes()) {
            RunMetrics m = o.metrics();
            if (!m.curve().isEmpty()) {
                curves.add(new ErrorBarTrace(ErrorBarTrace.Kind.LINE, o.run().name(), m.curve().stream().map(RunMetrics.Point::step).toList(),
                        m.curve().stream().mapToDouble(p -> 100 * p.passAt1()).toArray(), m.curve().stream().mapToDouble(p -> 100 * p.stdErr()).toArray()));
            }
            if (m.reward().length > 0) {
                double[] x = java.util.Arrays.stream(m.rewardSteps()).asDoubleStream().toArray();
                rewards.add(ScatterTrace.builder(x, m.reward()).mode(ScatterTrace.Mode.LINE).name(o.run().name()).build());
            }
        }
        if (!curves.isEmpty()) out.add(figure("held-out pass@1 during training (± 1 s.e.)", "step", "pass@1 (%)", curves));
        if (!rewards.isEmpty()) out.add(figure("mean reward per GRPO step", "step", "reward", rewards));
        List<SweepOutcome> done = results.outcomes().stream().filter(o -> !Double.isNaN(o.metrics().finalPassAt1())).toList();
        if (!done.isEmpty()) {
            out.add(figure("final held-out pass@1 per run (± 1 s.e.)", "run", "pass@1 (%)", List.of(new ErrorBarTrace(ErrorBarTrace.Kind.BAR,
                    "pass@1", done.stream().map(o -> o.run().name()).toList(), done.stream().mapToDouble(o -> 100 * o.metrics().finalPassAt1()).toArray(),
                    done.stream().mapToDouble(o -> 100 * o.metrics().finalStdErr()).toArray()))));
            for (SweepAxis axis : results.plan().spec().axes()) {
                if (axis.values().size() < 2) continue;
                Table t = results.byAxis(axis);
                out.add(figure("final pass@1 by " + axis.key() + " (mean over the other settings, ± 1 s.e.)", axis.key(), "pass@1 (%)",
                        List.of(new ErrorBarTrace(ErrorBarTrace.Kind.BAR, "mean pass@1", t.stringColumn(0).asList(),
                                t.doubleColumn("mean pass@1").asDoubleColumn().multiply(100).asDoubleArray(),
                                t.doubleColumn("stderr").asDoubleColumn().multiply(100).asDoubleArray()))));
            }
        }
        return out;
    }

    public static void write(Path file, SweepResults results, double seconds) {
        StringBuilder body = new StringBuilder();
        SweepPlan plan = results.plan();
        body.append("<h1>sweep ").append(ReportWriter.esc(plan.spec().name())).append("</h1>\n<p>")
                .append(ReportWriter.esc(plan.describe())).append(String.format(Locale.ROOT, "; %d done, %d failed, %d not finished; %.0f s this session",
                        results.count(SweepOutcome.Status.DONE), results.count(SweepOutcome.Status.FAILED),
                        results.count(SweepOutcome.Status.INTERRUPTED) + results.count(SweepOutcome.Status.PENDING), seconds)).append("</p>\n");
        body.append("<div class='grid'>\n");
        int i = 0;
        for (Figure f : charts(results)) {
            String div = "chart" + (i++);
            body.append("<div class='cell'>").append(f.divString(div)).append(f.asJavascript(div)).append("</div>\n");
        }
        body.append("</div>\n<h2>Runs</h2>\n").append(html(results.table()));
        for (SweepOutcome o : results.outcomes()) {
            if (!o.error().isEmpty()) {
                body.append("<p><b>").append(ReportWriter.esc(o.run().name())).append("</b> ").append(o.status().label()).append(": ")
                        .append(ReportWriter.esc(o.error())).append("</p>\n");
            }
        }
        String page = "<!DOCTYPE html>\n<html lang='en'><head><meta charset='UTF-8'><title>sweep " + ReportWriter.esc(plan.spec().name())
                + "</title>\n<script src='" + ReportWriter.PLOTLY + "'></script>\n<style>body{font-family:sans-serif;margin:1em 2em}"
                + ".grid{display:flex;flex-wrap:wrap}.cell{width:48%;min-width:460px}"
                + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}</style>\n"
                + "</head><body>\n" + body + "</body></html>\n";
        org.r1j.io.AtomicFiles.writeString(file, page);
    }

    private static Figure figure(String title, String x, String y, List<Trace> traces) {
        Layout layout = Layout.builder().title(title).height(380).width(620)
                .xAxis(Axis.builder().title(x).build()).yAxis(Axis.builder().title(y).build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    private static String html(Table t) {
        StringBuilder s = new StringBuilder("<table><tr>");
        for (String c : t.columnNames()) {
            if (c.equals("error")) continue;
            s.append("<th>").append(ReportWriter.esc(c)).append("</th>");
        }
        s.append("</tr>\n");
        for (int r = 0; r < t.rowCount(); r++) {
            s.append("<tr>");
            for (String c : t.columnNames()) {
                if (c.equals("error")) continue;
                Object v = t.column(c).get(r);
                String text = v instanceof Double d ? (Double.isNaN(d) ? "-" : c.equals("seconds") || c.equals("best_step") ? String.format(Locale.ROOT, "%.0f", d)
                        : String.format(Locale.ROOT, "%.3f", d)) : String.valueOf(v);
                s.append("<td>").append(ReportWriter.esc(text)).append("</td>");
            }
            s.append("</tr>\n");
        }
        return s.append("</table>\n").toString();
    }
}

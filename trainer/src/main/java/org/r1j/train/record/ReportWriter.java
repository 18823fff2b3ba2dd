package org.r1j.train.record;

import org.r1j.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.r1j.train.StepMetrics.CompletionRecord;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.plotly.components.Figure;

/**
 * {@code report.html}: one Plotly chart per metric group (Tablesaw's jsplot), a summary block and the last sampled
 * completions. Plotly.js comes from its CDN (pinned 2.x, the line tablesaw-jsplot targets); the data is inline.
 */
public final class ReportWriter {
    public static final String PLOTLY = "https://cdn.plot.ly/plotly-2.35.3.min.js";

    /** Charts in this order, each drawn when the table has the column. */
    private static final List<String> CHARTS = List.of("reward", "reward_std", "frac_reward_zero_std", "loss", "kl",
            "entropy", "completions/mean_length", "completions/clipped_ratio", "clip_ratio/region_mean", "grad_norm",
            "cispo_clip_ratio", "dynamic_sampling/num_gen_batches", "dynamic_sampling/dropped_groups",
            "sampling/sampling_logp_difference/max", "sampling/importance_sampling_ratio/mean",
            "learning_rate", "num_tokens", "time/generate", "time/reward", "time/logprobs", "time/backward",
            "time/optimizer", "step_time");

    private ReportWriter() {}

    /**
     * @param summary extra lines shown at the top (e.g. "pass@1 before 0.31 → after 0.52")
     */
    public static String html(String title, Table metrics, List<CompletionRecord> completions, Map<String, String> summary) {
        return html(title, metrics, completions, summary, List.of());
    }

    /** As above, with {@code extra} charts first. */
    public static String html(String title, Table metrics, List<CompletionRecord> completions, Map<String, String> summary,
                              List<Figure> extra) {
        return html(title, metrics, completions, summary, extra, EVAL_CURVE_TITLE);
    }

    /** The held-out evaluation chart's title unless a stage names it. */
    public static final String EVAL_CURVE_TITLE = "held-out evaluation during the run";

    /**
     * As above; the held-out evaluation curve (the {@code eval/*} columns, with error bars) comes after {@code extra}
     * and before the training metrics, titled {@code evalTitle}.
     */
    public static String html(String title, Table metrics, List<CompletionRecord> completions, Map<String, String> summary,
                              List<Figure> extra, String evalTitle) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(esc(title)).append("</h1>\n");
        if (!summary.isEmpty()) {
            body.append("<table class='summary'>");
            summary.forEach((k, v) -> body.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>"));
            body.append("</table>\n");
        }
        List<String> names = new ArrayList<>();
        for (String c : metrics.columnNames()) {
            if (c.startsWith("rewards/") && c.endsWith("/mean")) names.add(c);
        }
        for (String c : CHARTS) {
            if (metrics.columnNames().contains(c)) names.add(names.isEmpty() || !c.equals("reward") ? names.size() : 0, c);
        }
        int i = 0;
        body.append("<div class='grid'>\n");
        List<Figure> figures = new ArrayList<>(extra);
        EvalCurveChart.of(metrics, evalTitle).ifPresent(figures::add);
        for (Figure f : figures) {
            String div = "chart" + (i++);
            body.append("<div class='cell'>").append(f.divString(div)).append(f.asJavascript(div)).append("</div>\n");
        }
        for (String c : names) {
            if (c.startsWith("eval/")) continue;   // drawn above, with error bars
            if (metrics.rowCount() == 0 || metrics.doubleColumn(c).countMissing() == metrics.rowCount()) continue;
            Figure f = LinePlot.create(c, metrics, "step", c);
            String div = "chart" + (i++);
            body.append("<div class='cell'>").append(f.divString(div)).append(f.asJavascript(div)).append("</div>\n");
        }
        body.append("</div>\n");
        body.append("<h2>Sampled completions (last ").append(Math.min(completions.size(), 40)).append(")</h2>\n");
        body.append(completionsHtml(completions.subList(Math.max(0, completions.size() - 40), completions.size())));
        return "<!DOCTYPE html>\n<html lang='en'><head><meta charset='UTF-8'><title>" + esc(title) + "</title>\n"
                + "<script src='" + PLOTLY + "'></script>\n<style>body{font-family:sans-serif;margin:1em 2em}"
                + ".grid{display:flex;flex-wrap:wrap}.cell{width:48%;min-width:420px}"
                + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;"
                + "text-align:left;vertical-align:top}td.c{font-family:monospace;white-space:pre-wrap}</style>\n"
                + "</head><body>\n" + body + "</body></html>\n";
    }

    public static void write(Path file, String title, Table metrics, List<CompletionRecord> completions,
                             Map<String, String> summary, List<Figure> extra, String evalTitle) {
        AtomicFiles.writeString(file, html(title, metrics, completions, summary, extra, evalTitle));
    }

    private static String completionsHtml(List<CompletionRecord> rows) {
        if (rows.isEmpty()) return "<p>none recorded</p>\n";
        List<String> rewards = new ArrayList<>(rows.get(rows.size() - 1).rewards().keySet());
        StringBuilder s = new StringBuilder("<table><tr><th>step</th><th>prompt</th><th>completion</th>");
        rewards.forEach(r -> s.append("<th>").append(esc(r)).append("</th>"));
        s.append("<th>advantage</th></tr>\n");
        for (CompletionRecord r : rows) {
            s.append("<tr><td>").append(r.step()).append("</td><td class='c'>").append(esc(r.prompt()))
                    .append("</td><td class='c'>").append(esc(r.completion())).append("</td>");
            for (String n : rewards) {
                Double v = r.rewards().get(n);
                s.append("<td>").append(v == null || v.isNaN() ? "unknown" : String.format("%.3f", v)).append("</td>");
            }
            s.append("<td>").append(String.format("%.3f", r.advantage())).append("</td></tr>\n");
        }
        return s.append("</table>\n").toString();
    }

    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}

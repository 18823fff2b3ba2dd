package org.r1j.kernel.display;

import java.util.List;

/**
 * New points for a live Plotly chart, as a small script in a display update: the update carries only the points the
 * chart has not drawn ({@code Plotly.extendTraces}), not the whole figure again. Each batch says at which point it
 * starts, so the page skips what a full redraw of the chart already drew and waits (keeps the batch) when the chart
 * has not drawn the points before it yet; the chart's own script applies what waits once it is drawn.
 */
final class ChartFeed {
    private ChartFeed() {}

    /** Runs after the chart in div {@code divId} is drawn with {@code points} points: marks it, applies waiting batches. */
    static String afterDraw(String divId, int points) {
        return "var fed = document.getElementById('" + divId + "'); if (fed) { fed.r1jCount = " + points + "; }\n"
                + "window.r1jFeedApply = window.r1jFeedApply || function(id) {\n"
                + "  var div = document.getElementById(id), q = (window.r1jFeed || {})[id];\n"
                + "  if (!div || !q || div.r1jCount === undefined || typeof window.Plotly === 'undefined') { return; }\n"
                + "  while (q.length) {\n"
                + "    var d = q[0], skip = div.r1jCount - d.from;\n"
                + "    if (skip < 0) { return; }\n" // points before these are not drawn yet: the next full draw brings them
                + "    q.shift();\n"
                + "    if (skip >= d.x.length) { continue; }\n"
                + "    var xs = [], ys = [], idx = [];\n"
                + "    for (var t = 0; t < d.y.length; t++) { xs.push(d.x.slice(skip)); ys.push(d.y[t].slice(skip)); idx.push(t); }\n"
                + "    Plotly.extendTraces(div, {x: xs, y: ys}, idx);\n"
                + "    div.r1jCount += d.x.length - skip;\n"
                + "  }\n"
                + "};\n"
                + "window.r1jFeedApply('" + divId + "');";
    }

    /**
     * A script that hands points {@code from, from + 1, ...} to the chart in div {@code divId}.
     *
     * @param x      (N) the new points' x (steps)
     * @param series (traces, N) their y per trace, in the chart's trace order; NaN is a gap
     */
    static String batch(String divId, int from, double[] x, List<double[]> series) {
        StringBuilder js = new StringBuilder("<script type=\"text/javascript\">(function(){var f=(window.r1jFeed=window.r1jFeed||{});(f['")
                .append(divId).append("']=f['").append(divId).append("']||[]).push({from:").append(from).append(",x:");
        array(js, x);
        js.append(",y:[");
        for (int t = 0; t < series.size(); t++) {
            if (t > 0) js.append(',');
            array(js, series.get(t));
        }
        return js.append("]});if(window.r1jFeedApply){window.r1jFeedApply('").append(divId).append("');}})();</script>").toString();
    }

    private static void array(StringBuilder js, double[] values) {
        js.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) js.append(',');
            js.append(number(values[i]));
        }
        js.append(']');
    }

    /** Short numbers: integers as such, others to float precision (plenty for a chart); NaN and infinities as gaps. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "null";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Float.toString((float) v);
    }
}

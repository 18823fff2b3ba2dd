package org.r1j.kernel.display;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import tech.tablesaw.plotly.components.Figure;

/**
 * A Tablesaw {@link Figure} as notebook HTML: its static image ({@link FigureImage}), a div, and a script that, once
 * plotly.js is there, hides the image and draws the interactive chart into the div. Where no script runs (GitHub,
 * an untrusted notebook, nbconvert without JavaScript) the image stays.
 */
public final class FigureHtml {
    private static final AtomicLong NEXT = new AtomicLong();

    private FigureHtml() {}

    /** A fresh element id; letters and digits only (plotly's and tablesaw's JS break on hyphens). */
    static String newId() {
        return "r1jplot" + NEXT.incrementAndGet() + "x" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }

    public static String html(Figure figure) {
        return html(figure, newId(), FigureImage.pngBase64(figure));
    }

    /** @param pngBase64 the static image ({@link FigureImage#pngBase64}), or null for none */
    public static String withImage(Figure figure, String pngBase64) {
        return html(figure, newId(), pngBase64);
    }

    static String html(Figure figure, String id, String pngBase64) {
        return html(figure, id, pngBase64, "");
    }

    /** @param afterDraw JavaScript run right after the chart is drawn (its div is {@code document.getElementById(id)}) */
    static String html(Figure figure, String id, String pngBase64, String afterDraw) {
        String script = figure.asJavascript(id).replace("<script>", "").replace("</script>", "").strip();
        String image = pngBase64 == null ? "" : "<img id=\"" + id + "static\" class=\"r1j-chart-static\" alt=\"chart\" style=\"max-width:100%\" "
                + "src=\"data:image/png;base64," + pngBase64 + "\">\n";
        // Inside a function, tablesaw's `var layout = ...` stay local to this chart; drawing waits for plotly.js,
        // which an earlier output of the notebook loads.
        return "<div class=\"r1j-chart\">\n" + image + figure.divString(id)
                + "<script type=\"text/javascript\">\n(function(){\nfunction draw(){\n"
                + "if (typeof window.Plotly === 'undefined') { setTimeout(draw, 50); return; }\n"
                + "var still = document.getElementById('" + id + "static'); if (still) { still.style.display = 'none'; }\n"
                + script + (afterDraw.isEmpty() ? "" : "\n" + afterDraw)
                + "\n}\ndraw();\n})();\n</script></div>";
    }
}

package org.r1j.kernel.display;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import tech.tablesaw.plotly.components.Figure;

/** A Tablesaw {@link Figure} as notebook HTML: a div and a script that draws into it once plotly.js is there. */
public final class FigureHtml {
    private static final AtomicLong NEXT = new AtomicLong();

    private FigureHtml() {}

    /** A fresh element id; letters and digits only (plotly's and tablesaw's JS break on hyphens). */
    static String newId() {
        return "r1jplot" + NEXT.incrementAndGet() + "x" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }

    public static String html(Figure figure) {
        return html(figure, newId());
    }

    static String html(Figure figure, String id) {
        String script = figure.asJavascript(id).replace("<script>", "").replace("</script>", "").strip();
        // Inside a function, tablesaw's `var layout = ...` stay local to this chart; drawing waits for plotly.js,
        // which an earlier output of the notebook loads.
        return figure.divString(id)
                + "<script type=\"text/javascript\">\n(function(){\nfunction draw(){\n"
                + "if (typeof window.Plotly === 'undefined') { setTimeout(draw, 50); return; }\n"
                + script
                + "\n}\ndraw();\n})();\n</script>";
    }
}

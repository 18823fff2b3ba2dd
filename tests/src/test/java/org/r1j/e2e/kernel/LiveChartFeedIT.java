package org.r1j.e2e.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.train.StepMetrics;
import org.r1j.kernel.display.DisplaySink;
import org.r1j.kernel.display.Html;
import org.r1j.kernel.display.TrainingDisplay;
import org.r1j.kernel.protocol.CommListener;

/**
 * The training display's new-point scripts in a real browser (headless Chromium, plotly.js as bundled): the chart
 * drawn once at two points, then 48 status updates that carry one point each, end with every point drawn — also when
 * the updates arrive before the chart is drawn (they wait, and the chart applies them).
 */
class LiveChartFeedIT {
    @Test
    void newPointsExtendTheDrawnChartInABrowser(@TempDir Path work) throws Exception {
        Jupyter.require(Files.isExecutable(ChartScreenshotIT.CHROMIUM), "Chromium (" + ChartScreenshotIT.CHROMIUM + ")");
        try (InputStream in = TrainingDisplay.class.getResourceAsStream("plotly.min.js")) {
            Files.write(work.resolve("plotly.min.js"), in.readAllBytes());
        }
        // Two runs on one page: one whose updates follow its chart, one whose updates arrive before its chart is drawn.
        StringBuilder page = new StringBuilder("<html><body><script src=\"plotly.min.js\"></script>\n");
        List<String> inOrder = run();
        List<String> chartLast = run();
        inOrder.forEach(h -> page.append(h).append('\n'));
        chartLast.subList(1, chartLast.size()).forEach(h -> page.append(h).append('\n'));
        page.append(chartLast.get(0)).append('\n');
        page.append("<script>setTimeout(function(){var r=[];document.querySelectorAll('.r1j-chart div[id^=r1jplot]').forEach(function(d){"
                + "r.push(d.data.map(function(t){return t.x.length+':'+t.y[t.y.length-1];}).join(',')+' count='+d.r1jCount);});"
                + "document.body.setAttribute('data-result', r.join(' | '));}, 200);</script></body></html>");
        Path html = work.resolve("feed.html");
        Files.writeString(html, page);
        Jupyter.Result r = Jupyter.run(List.of(ChartScreenshotIT.CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--allow-file-access-from-files",
                "--virtual-time-budget=2000", "--dump-dom", html.toUri().toString()), Map.of(), 120);
        Matcher m = Pattern.compile("data-result=\"([^\"]*)\"").matcher(r.output());
        assertTrue(m.find(), "the page did not finish drawing:\n" + r.output().substring(0, Math.min(2000, r.output().length())));
        assertEquals("50:1,50:0.5 count=50 | 50:1,50:0.5 count=50", m.group(1));
    }

    /** A 50-step run's chart (drawn in full at two points) followed by its status updates, as HTML in order. */
    private static List<String> run() {
        List<String> shown = new ArrayList<>();
        DisplaySink sink = new DisplaySink() {
            public DisplayData render(Object value) { return new DisplayData(value.toString()); }
            public String display(Object value) { return "d" + shown.size(); }
            public void updateDisplay(String id, Object value) {
                if (value instanceof Html h && h.html().contains("Plotly.newPlot") && shown.isEmpty()) shown.add(h.html());
            }
            public void updateDisplayDelta(String id, Object value) {
                if (!shown.isEmpty()) shown.add(((Html) value).html());
            }
            public void loadCharts() {}
            public String openComm(String target, Map<String, Object> data, Map<String, Object> metadata, CommListener l) { return null; }
            public void sendComm(String commId, Map<String, Object> data) {}
            public void closeComm(String commId) {}
        };
        long[] now = {0};
        TrainingDisplay live = new TrainingDisplay(sink, () -> now[0]);
        live.onStart("grpo", 1, 50);
        for (int s = 1; s <= 50; s++) {
            now[0] += 250_000_000L; // every step is an update
            live.onStep(new StepMetrics("grpo", s, 50, Map.of("reward", s / 50.0, "rewards/accuracy/mean", s / 100.0), List.of(), false, ""));
        }
        assertEquals(50, shown.size(), "the chart at two points, then a status update for each later step");
        return shown;
    }
}

package org.r1j.kernel.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Base64;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A Tablesaw {@link Figure} drawn as a static PNG with JFreeChart, from the same figure data (line and scatter
 * traces, bars; title, axis titles, legend), in plotly's colours. It rides beside the interactive chart so that a
 * saved notebook shows its charts where no script runs: GitHub, untrusted Jupyter, nbconvert without JavaScript.
 * Tablesaw keeps trace data in private fields; this reads them (same class loader, no module boundary).
 */
public final class FigureImage {
    /** plotly.js's default trace colours, so the static image looks like the interactive chart. */
    static final Color[] PLOTLY_COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    static final int DEFAULT_WIDTH = 700;
    static final int DEFAULT_HEIGHT = 450;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // the kernel has no display
        }
    }

    private FigureImage() {}

    /** The figure as PNG bytes, or null when it has a trace kind this does not draw (the interactive view remains). */
    public static byte[] png(Figure figure) {
        JFreeChart chart;
        try {
            chart = chart(figure);
        } catch (RuntimeException e) {
            return null; // a figure built in a way this does not read (a trace without x/y): interactive only
        }
        if (chart == null) {
            return null;
        }
        Layout layout = figure.getLayout();
        int width = layout == null ? DEFAULT_WIDTH : intField(layout, "width", DEFAULT_WIDTH);
        int height = layout == null ? DEFAULT_HEIGHT : intField(layout, "height", DEFAULT_HEIGHT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the chart as PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * r1j's error-bar traces (pass@1 ± s.e.) drawn as their plain line or bar in the image: the interactive chart has
     * the bars, the static image the values.
     */
    private static Trace withoutErrorBars(Trace t) {
        if (!(t instanceof org.r1j.train.record.ErrorBarTrace e)) return t;
        if (e.kind() == org.r1j.train.record.ErrorBarTrace.Kind.BAR) {
            return BarTrace.builder(e.x().stream().map(String::valueOf).toArray(Object[]::new), e.y()).name(e.name()).build();
        }
        double[] x = e.x().stream().mapToDouble(v -> v instanceof Number n ? n.doubleValue() : Double.NaN).toArray();
        return ScatterTrace.builder(x, e.y()).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(e.name()).build();
    }

    /** Base64 of {@link #png}, as Jupyter's image/png wants it; null when not drawable. */
    public static String pngBase64(Figure figure) {
        byte[] png = png(figure);
        return png == null ? null : Base64.getEncoder().encodeToString(png);
    }

    static JFreeChart chart(Figure figure) {
        Trace[] traces = figure.getTraces();
        if (traces == null || traces.length == 0) {
            return null;
        }
        traces = java.util.Arrays.stream(traces).map(FigureImage::withoutErrorBars).toArray(Trace[]::new);
        Layout layout = figure.getLayout();
        String title = layout == null ? "" : nullToEmpty(layout.getTitle());
        String xTitle = axisTitle(layout, "xAxis");
        String yTitle = axisTitle(layout, "yAxis");
        boolean bars = traces[0] instanceof BarTrace;
        for (Trace t : traces) {
            if (bars ? !(t instanceof BarTrace) : !(t instanceof ScatterTrace)) {
                return null; // mixed or other kinds (pie, heatmap, box...): interactive only
            }
        }
        JFreeChart chart = bars ? barChart(traces, xTitle, yTitle) : xyChart(traces, xTitle, yTitle);
        chart.setBackgroundPaint(Color.WHITE);
        if (!title.isEmpty()) {
            chart.setTitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.PLAIN, 16)));
        }
        if (traces.length == 1 && chart.getLegend() != null) {
            chart.removeLegend(); // plotly shows no legend for one trace either
        }
        return chart;
    }

    private static JFreeChart xyChart(Trace[] traces, String xTitle, String yTitle) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        for (int i = 0; i < traces.length; i++) {
            ScatterTrace trace = (ScatterTrace) traces[i];
            Object[] xs = (Object[]) field(trace, ScatterTrace.class, "x");
            Object[] ys = (Object[]) field(trace, ScatterTrace.class, "y");
            XYSeries series = new XYSeries(seriesName(trace, i), false, true);
            for (int j = 0; j < Math.min(xs.length, ys.length); j++) {
                double y = number(ys[j]);
                series.add(xs[j] instanceof Number n ? n.doubleValue() : j, Double.isFinite(y) ? y : Double.NaN);
            }
            data.addSeries(series);
            String mode = String.valueOf(field(trace, ScatterTrace.class, "mode")).toLowerCase(java.util.Locale.ROOT);
            renderer.setSeriesLinesVisible(i, mode.contains("line"));
            renderer.setSeriesShapesVisible(i, mode.contains("marker"));
            renderer.setSeriesPaint(i, PLOTLY_COLOURS[i % PLOTLY_COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        NumberAxis x = new NumberAxis(xTitle);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(yTitle);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        stylePlot(plot);
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static JFreeChart barChart(Trace[] traces, String xTitle, String yTitle) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        boolean horizontal = false;
        for (int i = 0; i < traces.length; i++) {
            BarTrace trace = (BarTrace) traces[i];
            Object[] xs = (Object[]) field(trace, BarTrace.class, "x");
            double[] ys = (double[]) field(trace, BarTrace.class, "y");
            horizontal |= String.valueOf(field(trace, BarTrace.class, "orientation")).toLowerCase(java.util.Locale.ROOT).startsWith("h");
            String name = seriesName(trace, i);
            for (int j = 0; j < Math.min(xs.length, ys.length); j++) {
                data.addValue(ys[j], name, String.valueOf(xs[j]));
            }
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int i = 0; i < traces.length; i++) {
            renderer.setSeriesPaint(i, PLOTLY_COLOURS[i % PLOTLY_COLOURS.length]);
        }
        CategoryPlot plot = new CategoryPlot(data, new org.jfree.chart.axis.CategoryAxis(xTitle), new NumberAxis(yTitle), renderer);
        plot.setOrientation(horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(new Color(0xe5ecf6));
        plot.setRangeGridlinePaint(Color.WHITE);
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static void stylePlot(XYPlot plot) {
        plot.setBackgroundPaint(new Color(0xe5ecf6)); // plotly's plot background
        plot.setDomainGridlinePaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.WHITE);
    }

    private static String seriesName(Trace trace, int i) {
        String name = trace.name();
        return name == null || name.isBlank() ? "trace " + i : name;
    }

    private static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return o == null ? Double.NaN : Double.parseDouble(o.toString());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String axisTitle(Layout layout, String axisField) {
        if (layout == null) {
            return "";
        }
        Object axis = field(layout, Layout.class, axisField);
        return axis instanceof Axis a ? nullToEmpty((String) field(a, Axis.class, "title")) : "";
    }

    private static int intField(Object o, String name, int fallback) {
        Object v = field(o, o.getClass(), name);
        return v instanceof Integer i && i > 0 ? i : fallback;
    }

    private static Object field(Object o, Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

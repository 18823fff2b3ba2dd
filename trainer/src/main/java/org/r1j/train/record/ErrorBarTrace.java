package org.r1j.train.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.plotly.components.HoverLabel;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A Plotly line or bar trace with symmetric error bars ({@code error_y}), which Tablesaw's traces cannot draw. It
 * plugs into a Tablesaw {@code Figure} like theirs: {@link #asJavascript} defines {@code trace<i>}, the variable the
 * figure lists in {@code data}. Used for pass@1 ± its standard error.
 */
public final class ErrorBarTrace implements Trace {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the points are drawn. */
    public enum Kind { LINE, BAR }

    private final Kind kind;
    private final String name;
    private final List<?> x;
    private final double[] y;
    private final double[] error;

    /**
     * @param x     category labels (bars) or numbers (lines)
     * @param error half-width of each bar; NaN = none
     */
    public ErrorBarTrace(Kind kind, String name, List<?> x, double[] y, double[] error) {
        if (x.size() != y.length || y.length != error.length) {
            throw new IllegalArgumentException("x, y and error need the same length: " + x.size() + ", " + y.length + ", " + error.length);
        }
        this.kind = kind;
        this.name = name;
        this.x = List.copyOf(x);
        this.y = y.clone();
        this.error = error.clone();
    }

    @Override
    public String asJavascript(int i) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("x", x);
        t.put("y", nullForNaN(y));
        t.put("error_y", Map.of("type", "data", "array", nullForNaN(error), "visible", true));
        t.put("type", kind == Kind.BAR ? "bar" : "scatter");
        if (kind == Kind.LINE) t.put("mode", "lines+markers");
        t.put("name", name);
        try {
            return "var trace" + i + " = " + JSON.writeValueAsString(t) + ";";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Double[] nullForNaN(double[] v) {
        Double[] out = new Double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Double.isFinite(v[i]) ? v[i] : null;
        return out;
    }

    public Kind kind() { return kind; }
    public List<?> x() { return x; }
    public double[] y() { return y.clone(); }
    public double[] error() { return error.clone(); }

    @Override
    public String name() {
        return name;
    }

    @Override
    public HoverLabel hoverLabel() {
        return null;
    }

    @Override
    public boolean showLegend() {
        return true;
    }
}

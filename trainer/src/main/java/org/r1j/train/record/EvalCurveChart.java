package org.r1j.train.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Held-out evaluation over a run, from the {@code eval/*} columns of metrics.csv: pass@1 with ± one standard error
 * as error bars, cons@k and greedy accuracy (with theirs), in percent, at the steps that were evaluated.
 */
public final class EvalCurveChart {
    private static final List<String> SERIES = List.of("eval/pass@1", "eval/cons@k", "eval/greedy");

    private EvalCurveChart() {
    }

    /** The chart, or empty when the table has no evaluated step. */
    public static Optional<Figure> of(Table metrics, String title) {
        if (!metrics.columnNames().contains("eval/pass@1")) return Optional.empty();
        List<Trace> traces = new ArrayList<>();
        for (String name : SERIES) {
            if (!metrics.columnNames().contains(name)) continue;
            String se = name + "_stderr";
            List<Integer> steps = new ArrayList<>();
            List<Double> y = new ArrayList<>(), err = new ArrayList<>();
            for (int r = 0; r < metrics.rowCount(); r++) {
                double v = metrics.doubleColumn(name).getDouble(r);
                if (Double.isNaN(v)) continue;
                steps.add(metrics.intColumn("step").getInt(r));
                y.add(100 * v);
                err.add(metrics.columnNames().contains(se) ? 100 * metrics.doubleColumn(se).getDouble(r) : Double.NaN);
            }
            if (steps.isEmpty()) continue;
            traces.add(new ErrorBarTrace(ErrorBarTrace.Kind.LINE, name.substring("eval/".length()), steps,
                    y.stream().mapToDouble(Double::doubleValue).toArray(), err.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        if (traces.isEmpty()) return Optional.empty();
        Layout layout = Layout.builder().title(title).height(360).width(640)
                .xAxis(Axis.builder().title("step").build()).yAxis(Axis.builder().title("% of held-out problems (± 1 s.e.)").build()).build();
        return Optional.of(new Figure(layout, traces.toArray(new Trace[0])));
    }
}

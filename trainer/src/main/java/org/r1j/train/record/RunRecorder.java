package org.r1j.train.record;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r1j.train.StepMetrics;
import org.r1j.train.TrainingListener;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * The run's records on disk, kept current after every step: {@code metrics.csv} (one row per step, TRL metric
 * names), {@code completions.csv} (sampled completions with each reward and the advantage) and, at the end,
 * {@code report.html}. Files are replaced atomically, so a killed run leaves readable records; a resumed run
 * drops the rows of steps it re-does.
 */
public final class RunRecorder implements TrainingListener {
    private final Path dir;
    private final String title;
    private final MetricsTable metrics;
    private final CompletionsTable completions = new CompletionsTable();
    private final Map<String, String> summary = new LinkedHashMap<>();
    private final List<Figure> charts = new ArrayList<>();
    private String evalCurveTitle = ReportWriter.EVAL_CURVE_TITLE;

    public RunRecorder(Path dir, String title) {
        this.dir = dir;
        this.title = title;
        this.metrics = MetricsTable.readCsv(dir.resolve("metrics.csv"));
    }

    public Path metricsCsv() { return dir.resolve("metrics.csv"); }
    public Path completionsCsv() { return dir.resolve("completions.csv"); }
    public Path reportHtml() { return dir.resolve("report.html"); }

    public Table metricsTable() { return metrics.table(); }
    public Table completionsTable() { return completions.table(); }

    /** A chart for the report, shown before the per-step metrics (e.g. held-out pass@1 over the run). */
    public void chart(Figure figure) {
        charts.add(figure);
    }

    /** The title of the held-out evaluation chart (the first chart when the run evaluated in-run). */
    public void evalCurveTitle(String title) {
        this.evalCurveTitle = title;
    }

    /** A line for the report's summary block (e.g. evaluation results). */
    public void summary(String key, String value) {
        summary.put(key, value);
    }

    @Override
    public void onStart(String stage, int firstStep, int maxSteps) {
        metrics.truncateFrom(firstStep);
        completions.truncateFrom(firstStep);
    }

    @Override
    public void onStep(StepMetrics m) {
        metrics.add(m);
        completions.addAll(m.completions());
        metrics.writeCsv(metricsCsv());
        if (!m.completions().isEmpty()) completions.writeCsv(completionsCsv());
    }

    @Override
    public void onEnd(int lastStep, boolean interrupted) {
        writeReport();
    }

    public void writeReport() {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ReportWriter.write(reportHtml(), title, metrics.table(), completions.rows(), summary, charts, evalCurveTitle);
    }
}

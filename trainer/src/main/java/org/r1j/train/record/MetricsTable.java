package org.r1j.train.record;

import org.r1j.io.AtomicFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.r1j.train.StepMetrics;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Per-step metrics as a Tablesaw table: columns {@code step}, {@code stage}, {@code skipped}, then every metric by its
 * TRL name in first-seen order. Rows can be dropped back to a step, which is what resuming needs.
 */
public final class MetricsTable {
    private final List<StepMetrics> rows = new ArrayList<>();

    public void add(StepMetrics m) {
        rows.add(m);
    }

    public int size() {
        return rows.size();
    }

    /** Keeps only the rows of steps before {@code step} (a resumed run re-does step and later). */
    public void truncateFrom(int step) {
        rows.removeIf(r -> r.step() >= step);
    }

    public List<StepMetrics> rows() {
        return List.copyOf(rows);
    }

    public Table table() {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.addAll(r.values().keySet()));
        IntColumn step = IntColumn.create("step");
        StringColumn stage = StringColumn.create("stage");
        BooleanColumn skipped = BooleanColumn.create("skipped");
        Map<String, DoubleColumn> cols = new LinkedHashMap<>();
        names.forEach(n -> cols.put(n, DoubleColumn.create(n)));
        for (StepMetrics r : rows) {
            step.append(r.step());
            stage.append(r.stage());
            skipped.append(r.skipped());
            cols.forEach((n, c) -> c.append(r.get(n)));
        }
        Table t = Table.create("metrics", step, stage, skipped);
        cols.values().forEach(t::addColumns);
        return t;
    }

    public String toCsv() {
        StringWriter w = new StringWriter();
        table().write().csv(w);
        return w.toString();
    }

    public void writeCsv(Path file) {
        AtomicFiles.writeString(file, toCsv());
    }

    /** Reads a metrics.csv written by {@link #writeCsv}; completions are not kept there. */
    public static MetricsTable readCsv(Path file) {
        MetricsTable m = new MetricsTable();
        if (!Files.exists(file)) return m;
        Table t;
        try {
            String csv = Files.readString(file);
            if (csv.isBlank()) return m;
            // Force the types: inference would make an all-integer metric column an int column.
            String[] header = csv.substring(0, csv.indexOf('\n') < 0 ? csv.length() : csv.indexOf('\n')).split(",");
            ColumnType[] types = new ColumnType[header.length];
            for (int i = 0; i < header.length; i++) {
                String h = header[i].trim();
                types[i] = switch (h) {
                    case "step" -> ColumnType.INTEGER;
                    case "stage" -> ColumnType.STRING;
                    case "skipped" -> ColumnType.BOOLEAN;
                    default -> ColumnType.DOUBLE;
                };
            }
            t = Table.read().usingOptions(CsvReadOptions.builderFromString(csv).columnTypes(types));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < t.rowCount(); i++) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String n : t.columnNames()) {
                if (n.equals("step") || n.equals("stage") || n.equals("skipped")) continue;
                double v = t.doubleColumn(n).getDouble(i);
                values.put(n, v);
            }
            m.add(new StepMetrics(t.stringColumn("stage").get(i), t.intColumn("step").getInt(i), 0, values, List.of(),
                    Boolean.TRUE.equals(t.booleanColumn("skipped").get(i)), ""));
        }
        return m;
    }
}

package org.r1j.train.record;

import org.r1j.io.AtomicFiles;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.r1j.train.StepMetrics.CompletionRecord;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The sampled completions of logging steps: step, prompt, completion, each reward, advantage (TRL's completions table). */
public final class CompletionsTable {
    private final List<CompletionRecord> rows = new ArrayList<>();

    public void addAll(List<CompletionRecord> records) {
        rows.addAll(records);
    }

    public void truncateFrom(int step) {
        rows.removeIf(r -> r.step() >= step);
    }

    public List<CompletionRecord> rows() {
        return List.copyOf(rows);
    }

    public Table table() {
        Set<String> rewards = new LinkedHashSet<>();
        rows.forEach(r -> rewards.addAll(r.rewards().keySet()));
        IntColumn step = IntColumn.create("step");
        StringColumn prompt = StringColumn.create("prompt");
        StringColumn completion = StringColumn.create("completion");
        List<DoubleColumn> rewardCols = new ArrayList<>();
        rewards.forEach(n -> rewardCols.add(DoubleColumn.create(n)));
        DoubleColumn advantage = DoubleColumn.create("advantage");
        for (CompletionRecord r : rows) {
            step.append(r.step());
            prompt.append(r.prompt());
            completion.append(r.completion());
            for (DoubleColumn c : rewardCols) {
                Double v = r.rewards().get(c.name());
                c.append(v == null ? Double.NaN : v);
            }
            advantage.append(r.advantage());
        }
        Table t = Table.create("completions", step, prompt, completion);
        rewardCols.forEach(t::addColumns);
        t.addColumns(advantage);
        return t;
    }

    public void writeCsv(Path file) {
        StringWriter w = new StringWriter();
        table().write().csv(w);
        AtomicFiles.writeString(file, w.toString());
    }
}

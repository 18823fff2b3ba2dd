package org.r1j.pipeline.run;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code runs/<name>/pipeline.csv}: one row per stage with its folder, time and results. */
public final class PipelineSummary {
    private PipelineSummary() {
    }

    public static Table table(List<StageOutcome> outcomes) {
        Table t = Table.create("pipeline", IntColumn.create("stage"), StringColumn.create("kind"),
                StringColumn.create("dir"), DoubleColumn.create("seconds"), StringColumn.create("results"));
        for (StageOutcome o : outcomes) {
            t.intColumn("stage").append(o.index());
            t.stringColumn("kind").append(o.kind());
            t.stringColumn("dir").append(o.dir().getFileName().toString());
            t.doubleColumn("seconds").append(o.seconds());
            t.stringColumn("results").append(o.results().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        return t;
    }

    static void write(Path file, List<StageOutcome> outcomes) {
        table(outcomes).write().csv(file.toFile());
    }
}

package org.r1j.kernel.magics;

import java.util.List;
import org.r1j.kernel.background.BackgroundJob;
import org.r1j.kernel.core.KernelContext;
import org.r1j.kernel.core.LineMagic;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code %jobs}: the session's background jobs with state, starting cell, run time and latest progress. */
public final class JobsMagic implements LineMagic {
    @Override
    public Object run(KernelContext kernel, List<String> args, String rawArgs) {
        List<BackgroundJob> jobs = kernel.jobs().all();
        if (jobs.isEmpty()) {
            System.out.println("no background jobs (%%background NAME starts one)");
            return null;
        }
        return Table.create("background jobs",
                StringColumn.create("job", jobs.stream().map(BackgroundJob::name).toList()),
                StringColumn.create("state", jobs.stream().map(j -> j.state().name().toLowerCase(java.util.Locale.ROOT)).toList()),
                IntColumn.create("cell", jobs.stream().mapToInt(BackgroundJob::cell).toArray()),
                DoubleColumn.create("seconds", jobs.stream().mapToDouble(j -> Math.round(j.elapsed().toMillis() / 100.0) / 10.0).toArray()),
                StringColumn.create("progress", jobs.stream().map(j -> j.error() != null ? j.error() : j.progress()).toList()));
    }
}

package org.r1j.pipeline.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.r1j.train.GracefulStop;
import org.r1j.pipeline.config.ConfigException;
import org.r1j.sweep.Sweep;
import org.r1j.sweep.SweepOutcome;
import org.r1j.sweep.SweepResults;
import org.r1j.sweep.SweepRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `r1j sweep SWEEP.yaml`: many short runs of one pipeline over a grid of settings, compared in one report. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a sweep (YAML): a base pipeline config and axes of settings; every combination is a run.",
                "Example: configs/sweep-example.yaml. Outputs: RUNS_DIR/NAME/RUN-NAME/ (each run's stages, config.yaml, log.txt),",
                "RUNS_DIR/NAME/results.csv and report.html. Running it again resumes unfinished runs and skips finished ones."})
public final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SWEEP.yaml", description = "The sweep file.")
    Path file;

    @Option(names = "--check", description = "Read the sweep, check every run's config, print the runs; train nothing.")
    boolean check;

    @Override
    public Integer call() {
        Sweep sweep;
        try {
            sweep = Sweep.read(file);
        } catch (ConfigException e) {
            System.err.println("r1j sweep: " + e.getMessage());
            return 2;
        }
        if (check) {
            System.out.println("sweep " + sweep.plan().spec().name() + ": " + sweep.plan().describe() + "; "
                    + sweep.plan().spec().effectiveParallel() + " at a time → " + sweep.dir());
            for (SweepRun r : sweep.plan().runs()) System.out.printf("  %-40s %s%n", r.name(), r.label());
            return 0;
        }
        SweepResults r;
        try (GracefulStop stop = new GracefulStop("the sweep")) {
            sweep.run();
            r = sweep.results();
        }
        if (Thread.interrupted()) return 130;
        return r.count(SweepOutcome.Status.FAILED) > 0 ? 1 : 0;
    }
}

package org.r1j.sweep;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.r1j.model.backend.Backends;
import org.r1j.train.StepMetrics;
import org.r1j.train.TrainingListener;
import org.r1j.pipeline.config.PipelineConfig;
import org.r1j.pipeline.run.Pipeline;

/**
 * Runs a {@link SweepPlan}: the shared stages once, then the runs, {@code parallel} at a time. Every run resumes
 * what is already on disk (finished stages are skipped, an interrupted one continues from its checkpoint), so
 * running a killed sweep again finishes it. A run that fails is recorded with its error and the others go on.
 * After each run, {@code results.csv} and {@code report.html} are rewritten, so a killed sweep keeps what it
 * finished. Each run logs to its own {@code log.txt}; the console gets one line per start and end (and the full
 * log when one run at a time and no listener shows progress).
 */
public final class SweepRunner {
    private final SweepPlan plan;
    private final SweepListener listener;
    private final PrintStream console;
    private final List<SweepOutcome> outcomes = new ArrayList<>();
    private long startNanos;

    public SweepRunner(SweepPlan plan, SweepListener listener, PrintStream console) {
        this.plan = plan;
        this.listener = listener == null ? SweepListener.NONE : listener;
        this.console = console;
    }

    public Path resultsCsv() { return plan.spec().sweepDir().resolve("results.csv"); }
    public Path reportHtml() { return plan.spec().sweepDir().resolve("report.html"); }

    /** Runs the sweep; an interrupt of the calling thread stops the runs in flight (resumable) and returns. */
    public SweepResults run() {
        startNanos = System.nanoTime();
        Path dir = plan.spec().sweepDir();
        mkdirs(dir);
        for (SweepRun r : plan.runs()) outcomes.add(SweepOutcome.pending(r, dir.resolve(r.name())));
        // a device backend has one GPU and one stream for every run: runs at once only share it (and its memory),
        // so there they go one at a time unless the sweep asks for more
        boolean cpu = Backends.isCpu(Backends.defaultName());
        int parallel = Math.min(cpu ? plan.spec().effectiveParallel() : Math.max(1, plan.spec().parallel()), plan.runs().size());
        console.printf(Locale.ROOT, "sweep %s: %s, %d at a time → %s%n", plan.spec().name(), plan.describe(), parallel, dir);
        listener.onPlan(snapshot());

        boolean tee = parallel == 1 && listener == SweepListener.NONE;   // a live view shows progress itself
        Path sharedModel = null;
        if (plan.sharedStages() > 0) {
            try {
                sharedModel = runShared(tee);
            } catch (RuntimeException e) {
                String why = "shared stages failed: " + e.getMessage();
                console.println("sweep " + plan.spec().name() + ": " + why);
                for (int i = 0; i < outcomes.size(); i++) {
                    SweepOutcome o = outcomes.get(i);
                    outcomes.set(i, new SweepOutcome(o.run(), SweepOutcome.Status.FAILED, why, 0, RunMetrics.NONE, o.dir()));
                }
                return finish();
            }
            if (sharedModel == null) return finish();   // interrupted
        }
        Path shared = sharedModel;
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "r1j-sweep");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        for (SweepRun run : plan.runs()) futures.add(pool.submit(() -> runOne(run, shared, tee)));
        try {
            for (Future<?> f : futures) f.get();
        } catch (InterruptedException e) {
            console.println("sweep " + plan.spec().name() + ": interrupted; runs in flight stop after their step (run the sweep again to resume)");
            pool.shutdownNow();          // interrupts the runs in flight; queued runs never start
            awaitRunsInFlight(pool);
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("sweep runner failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return finish();
    }

    /** Waits until the interrupted runs have stopped after their step and saved (a second interrupt gives up). */
    private static void awaitRunsInFlight(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                // a step of a big model can take a while
            }
        } catch (InterruptedException again) {
            // asked twice: leave the daemon threads to stop on their own
        }
    }

    private SweepResults finish() {
        SweepResults r = snapshot();
        write(r);
        listener.onEnd(r);
        console.printf(Locale.ROOT, "sweep %s: %d done, %d failed, %d not finished; results %s, report %s%n", plan.spec().name(),
                r.count(SweepOutcome.Status.DONE), r.count(SweepOutcome.Status.FAILED),
                r.count(SweepOutcome.Status.INTERRUPTED) + r.count(SweepOutcome.Status.PENDING), resultsCsv(), reportHtml());
        return r;
    }

    /** The shared stages, resumed if done before; their final model, or null when interrupted. */
    private Path runShared(boolean tee) {
        PipelineConfig cfg = plan.sharedConfig();
        Path dir = plan.spec().sweepDir().resolve(SweepPlan.SHARED);
        mkdirs(dir);
        writeConfig(dir, cfg);
        console.println("sweep " + plan.spec().name() + ": shared stages → " + dir);
        try (PrintStream log = log(dir, tee)) {
            Pipeline.Result r = cfg.pipeline().run(log, true);
            if (r.interrupted() != null) return null;
            if (r.finalModel() == null) throw new IllegalStateException("the shared stages saved no model");
            return r.finalModel();
        }
    }

    private void runOne(SweepRun run, Path sharedModel, boolean tee) {
        if (Thread.currentThread().isInterrupted()) return;
        Path dir = plan.spec().sweepDir().resolve(run.name());
        long t0 = System.nanoTime();
        listener.onRunStart(run);
        console.printf(Locale.ROOT, "[%d/%d] %s: start%n", run.index() + 1, plan.runs().size(), run.label());
        SweepOutcome outcome;
        try {
            mkdirs(dir);
            PipelineConfig cfg = plan.config(run, sharedModel);
            writeConfig(dir, cfg);
            Pipeline p = cfg.builder().listener(new StepRelay(run)).build();
            Pipeline.Result r;
            try (PrintStream log = log(dir, tee)) {
                r = p.run(log, true);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            outcome = r.interrupted() != null
                    ? new SweepOutcome(run, SweepOutcome.Status.INTERRUPTED, r.interrupted(), secs, RunMetrics.collect(r.stages()), dir)
                    : new SweepOutcome(run, SweepOutcome.Status.DONE, "", secs, RunMetrics.collect(r.stages()), dir);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError v && !(e instanceof OutOfMemoryError)) throw v;
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            outcome = new SweepOutcome(run, SweepOutcome.Status.FAILED, why, (System.nanoTime() - t0) / 1e9, RunMetrics.NONE, dir);
            try {
                Files.writeString(dir.resolve("error.txt"), why + "\n", StandardCharsets.UTF_8);
            } catch (IOException ignored) {
                // the results table has the error too
            }
        }
        finished(outcome);
    }

    /** Whether a run stopped on an interrupt (its training loop may have consumed the thread's flag). */
    private synchronized boolean interrupted() {
        return outcomes.stream().anyMatch(o -> o.status() == SweepOutcome.Status.INTERRUPTED);
    }

    private synchronized void finished(SweepOutcome o) {
        outcomes.set(o.run().index(), o);
        SweepResults r = snapshot();
        write(r);
        console.printf(Locale.ROOT, "[%d/%d] %s: %s%s (%.0f s)%n", o.run().index() + 1, plan.runs().size(), o.run().label(), o.status().label(),
                o.status() == SweepOutcome.Status.DONE ? ", pass@1 " + SweepResults.plusMinus(o.metrics().finalPassAt1(), o.metrics().finalStdErr())
                        : ": " + o.error(), o.seconds());
        listener.onRunEnd(o, r);
    }

    private synchronized SweepResults snapshot() {
        return new SweepResults(plan, outcomes);
    }

    private void write(SweepResults r) {
        r.writeCsv(resultsCsv());
        SweepReport.write(reportHtml(), r, (System.nanoTime() - startNanos) / 1e9);
    }

    private static void writeConfig(Path dir, PipelineConfig cfg) {
        try {
            Files.writeString(dir.resolve("config.yaml"), cfg.effectiveYaml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("config.yaml") + ": " + e.getMessage(), e);
        }
    }

    /** log.txt in the run folder (appended: a resumed run keeps what came before), also to the console when tee. */
    private PrintStream log(Path dir, boolean tee) {
        try {
            OutputStream file = Files.newOutputStream(dir.resolve("log.txt"), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            OutputStream out = !tee ? file : new OutputStream() {
                @Override public void write(int b) throws IOException { file.write(b); console.write(b); }
                @Override public void write(byte[] b, int off, int len) throws IOException { file.write(b, off, len); console.write(b, off, len); }
                @Override public void flush() throws IOException { file.flush(); console.flush(); }
                @Override public void close() throws IOException { file.close(); console.flush(); }
            };
            return new PrintStream(out, true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("log.txt") + ": " + e.getMessage(), e);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Passes a run's training steps to the sweep listener. */
    private final class StepRelay implements TrainingListener {
        private final SweepRun run;

        StepRelay(SweepRun run) {
            this.run = run;
        }

        @Override
        public void onStep(StepMetrics m) {
            synchronized (SweepRunner.this) {
                listener.onStep(run, m);
            }
        }
    }
}

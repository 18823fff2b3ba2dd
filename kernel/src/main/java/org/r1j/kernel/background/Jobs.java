package org.r1j.kernel.background;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.r1j.kernel.control.StopChecks;
import org.r1j.kernel.control.StopRequested;
import org.r1j.kernel.core.CellOutput;
import org.r1j.kernel.core.OutputRouter;
import org.r1j.kernel.protocol.ErrorView;

/** The kernel's background jobs by name; each runs on its own daemon thread with its cell's output. */
public final class Jobs {
    private static final ThreadLocal<BackgroundJob> CURRENT = new ThreadLocal<>();

    private final OutputRouter router;
    private final Supplier<ClassLoader> cellLoader;
    private final IntSupplier cellNumber;
    private final Map<String, BackgroundJob> jobs = new LinkedHashMap<>();

    public Jobs(OutputRouter router, Supplier<ClassLoader> cellLoader, IntSupplier cellNumber) {
        this.router = router;
        this.cellLoader = cellLoader;
        this.cellNumber = cellNumber;
    }

    /** The job the calling thread runs, or null. */
    static BackgroundJob current() {
        return CURRENT.get();
    }

    /** Starts {@code work} as job {@code name}; its prints and displays go to the cell that calls this. */
    public synchronized BackgroundJob start(String name, BackgroundWork work) {
        if (name == null || !name.matches("[\\w.-]+")) {
            throw new IllegalArgumentException("a background job needs a name of letters, digits, '_', '.', '-': " + name);
        }
        BackgroundJob existing = jobs.get(name);
        if (existing != null && existing.isRunning()) {
            throw new IllegalStateException("background job " + name + " is still running (%stop " + name + " stops it)");
        }
        CellOutput started = router.forThisThread();
        // Outside a Jupyter request (the kernel's own tests) there is no cell to show output in.
        CellOutput output = started != null ? started : new CellOutput();
        BackgroundJob job = new BackgroundJob(name, cellNumber.getAsInt(), output);
        output.hold();
        Thread thread = new Thread(() -> run(job, work), "r1j-job-" + name);
        thread.setDaemon(true);
        thread.setContextClassLoader(cellLoader.get()); // ND4J finds its backend through it
        job.setThread(thread);
        jobs.remove(name);
        jobs.put(name, job);
        thread.start();
        return job;
    }

    private void run(BackgroundJob job, BackgroundWork work) {
        CURRENT.set(job);
        router.routeThisThread(job.output());
        try {
            work.run();
            job.ended(StopChecks.requested(Thread.currentThread()) ? BackgroundJob.State.STOPPED : BackgroundJob.State.FINISHED, null);
        } catch (Throwable t) {
            if (t instanceof StopRequested || t instanceof InterruptedException || StopChecks.requested(Thread.currentThread())) {
                job.ended(BackgroundJob.State.STOPPED, null);
            } else {
                ErrorView view = ErrorView.of(t);
                job.ended(BackgroundJob.State.FAILED, view.ename() + ": " + view.evalue());
                System.err.println("background job " + job.name() + " failed:\n"
                        + String.join("\n", view.traceback()));
            }
        } finally {
            System.out.println("background job " + job.name() + " " + job.state().name().toLowerCase(java.util.Locale.ROOT)
                    + String.format(java.util.Locale.ROOT, " after %.1f s", job.elapsed().toMillis() / 1000.0));
            router.unrouteThisThread();
            CURRENT.remove();
            StopChecks.clear(Thread.currentThread());
            job.output().release();
        }
    }

    public synchronized BackgroundJob get(String name) {
        return jobs.get(name);
    }

    public synchronized List<BackgroundJob> all() {
        return new ArrayList<>(jobs.values());
    }

    public synchronized List<BackgroundJob> running() {
        return jobs.values().stream().filter(BackgroundJob::isRunning).toList();
    }
}

package org.r1j.kernel.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.r1j.kernel.control.CellTimeout;
import org.r1j.kernel.control.CellTimeoutException;
import org.r1j.kernel.control.StopChecks;
import org.r1j.kernel.control.WhereStuck;
import org.r1j.kernel.jshell.CellRuntimeException;

/**
 * Runs cells on one dedicated thread while the calling (shell) thread publishes their output every
 * {@link #PUMP_MILLIS} ms. An interrupt asks only the cell thread to stop: the stop checks compiled into cell code
 * end any loop of the cell, and the trainer (which checks the interrupt flag each step) ends after a checkpoint.
 * An optional time limit stops a cell the same way.
 */
public final class CellRunner implements AutoCloseable {
    /** How often queued output is published while a cell runs: 20 Hz keeps live displays smooth. */
    static final long PUMP_MILLIS = 50;
    /** How long after a stop request the cell is told where it is stuck (native or library code). */
    static final long STUCK_REPORT_MILLIS = 1000;

    private final ExecutorService executor;
    private volatile Thread cellThread;
    private volatile long stopRequestedNanos;
    /** The per-cell limit, or null for none: {@code R1J_CELL_TIMEOUT} at start, then {@code %timeout}. */
    private volatile Duration timeout = CellTimeout.fromEnvironment();

    public CellRunner() {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "r1j-cell");
            t.setDaemon(true);
            return t;
        });
    }

    public Duration timeout() {
        return timeout;
    }

    public void setTimeout(Duration limit) {
        timeout = limit;
    }

    /**
     * Runs {@code cell} on the cell thread with its output routed to {@code output}, handing queued events to
     * {@code publish} on this thread until it ends.
     */
    public <T> T run(Callable<T> cell, OutputRouter router, CellOutput output, Consumer<List<CellOutput.Event>> publish) throws Exception {
        Future<T> future = executor.submit(() -> {
            cellThread = Thread.currentThread();
            router.route(output);
            try {
                return cell.call();
            } finally {
                router.unroute();
                cellThread = null;
                StopChecks.clear(Thread.currentThread());
                Thread.interrupted(); // an interrupt that came late must not hit the next cell
            }
        });
        long start = System.nanoTime();
        Duration limit = timeout;
        boolean timedOut = false;
        boolean stuckReported = false;
        stopRequestedNanos = 0;
        try {
            while (true) {
                try {
                    T result = future.get(PUMP_MILLIS, TimeUnit.MILLISECONDS);
                    publish.accept(output.drain());
                    return result;
                } catch (TimeoutException stillRunning) {
                    long now = System.nanoTime();
                    if (limit != null && !timedOut && now - start > limit.toNanos()) {
                        timedOut = interrupt();
                    }
                    long asked = stopRequestedNanos;
                    Thread t = cellThread;
                    if (!stuckReported && asked != 0 && t != null && now - asked > STUCK_REPORT_MILLIS * 1_000_000) {
                        stuckReported = true;
                        String where = WhereStuck.describe(t);
                        if (where != null) {
                            output.write(true, "r1j: " + where + "\n");
                        }
                    }
                    publish.accept(output.drain());
                }
            }
        } catch (ExecutionException e) {
            publish.accept(output.drain());
            if (timedOut) {
                throw new CellTimeoutException(limit);
            }
            // An Error from a magic or the kernel (NoClassDefFoundError, OutOfMemoryError) reads like a cell's own.
            throw e.getCause() instanceof Exception ex ? ex : new CellRuntimeException(e.getCause(), List.of());
        }
    }

    /** Asks the running cell, if any, to stop at its next stop check. Returns whether one was running. */
    public boolean interrupt() {
        Thread t = cellThread;
        if (t != null) {
            stopRequestedNanos = System.nanoTime();
            StopChecks.request(t);
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        interrupt();
        executor.shutdownNow();
    }
}

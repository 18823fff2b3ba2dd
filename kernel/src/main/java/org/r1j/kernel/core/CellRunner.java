package org.r1j.kernel.core;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.r1j.kernel.jshell.CellRuntimeException;

/**
 * Runs cells on one dedicated thread while the calling (shell) thread publishes their output every
 * {@link #PUMP_MILLIS} ms. An interrupt request interrupts only the cell thread; loops that check
 * {@code Thread.interrupted()} (the trainer does, once per step) stop at their next safe point.
 */
public final class CellRunner implements AutoCloseable {
    /** How often queued output is published while a cell runs: 20 Hz keeps live displays smooth. */
    static final long PUMP_MILLIS = 50;

    private final ExecutorService executor;
    private volatile Thread cellThread;

    public CellRunner() {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "r1j-cell");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code cell} on the cell thread with its output routed to a fresh {@link CellOutput}, handing queued
     * events to {@code publish} on this thread until it ends.
     */
    public <T> T run(Callable<T> cell, OutputRouter router, Consumer<List<CellOutput.Event>> publish) throws Exception {
        CellOutput output = new CellOutput();
        Future<T> future = executor.submit(() -> {
            cellThread = Thread.currentThread();
            router.route(output);
            try {
                return cell.call();
            } finally {
                router.unroute();
                cellThread = null;
                Thread.interrupted(); // an interrupt that came late must not hit the next cell
            }
        });
        try {
            while (true) {
                try {
                    T result = future.get(PUMP_MILLIS, TimeUnit.MILLISECONDS);
                    publish.accept(output.drain());
                    return result;
                } catch (TimeoutException stillRunning) {
                    publish.accept(output.drain());
                }
            }
        } catch (ExecutionException e) {
            publish.accept(output.drain());
            // An Error from a magic or the kernel (NoClassDefFoundError, OutOfMemoryError) reads like a cell's own.
            throw e.getCause() instanceof Exception ex ? ex : new CellRuntimeException(e.getCause(), List.of());
        }
    }

    /** Interrupts the running cell, if any. Returns whether one was running. */
    public boolean interrupt() {
        Thread t = cellThread;
        if (t != null) {
            t.interrupt();
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

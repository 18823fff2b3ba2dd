package org.r1j.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT/SIGTERM) for command-line training: the JVM's shutdown hook interrupts the training thread and
 * waits (up to a minute) until the loop has finished its step and written its checkpoint, so the process exits
 * with a resumable run instead of a half-written one. Use with try-with-resources around {@code train()}.
 */
public final class GracefulStop implements AutoCloseable {
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean triggered;

    public GracefulStop(String what) {
        Thread trainer = Thread.currentThread();
        hook = new Thread(() -> {
            triggered = true;
            System.err.println("\nr1j: stopping " + what + " after the step in flight (a checkpoint follows) ...");
            trainer.interrupt();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "r1j-graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True once a signal asked the run to stop. */
    public boolean triggered() {
        return triggered;
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and now returns
        }
    }
}

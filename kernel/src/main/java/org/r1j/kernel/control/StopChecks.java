package org.r1j.kernel.control;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stop checks compiled into cell code ({@link StopCheckWeaver}): every cell method calls {@link #check()} on entry
 * and before each backward branch, so any Java loop in a cell stops when its thread is asked to, with no
 * {@code isInterrupted()} in the loop. Per thread, unlike the JDK's {@code LocalExecutionControl} (one flag for all):
 * stopping the foreground cell leaves background jobs running, and {@code %stop NAME} stops one job only.
 */
public final class StopChecks {
    private static final Set<Thread> STOPPING = ConcurrentHashMap.newKeySet();
    /** Threads asked to stop; 0 almost always, so a check costs one volatile read. */
    private static volatile int pending;

    private StopChecks() {}

    /** Called from instrumented cell code: throws {@link StopRequested} when this thread was asked to stop. */
    public static void check() {
        if (pending != 0 && STOPPING.contains(Thread.currentThread())) {
            throw new StopRequested();
        }
    }

    /** Asks {@code thread} to stop at its next check (and interrupts it, for sleeps, waits and the trainer's step check). */
    public static synchronized void request(Thread thread) {
        if (STOPPING.add(thread)) {
            pending++;
        }
        thread.interrupt();
    }

    /** Forgets a request once the thread's work has ended, so its next cell or job runs normally. */
    public static synchronized void clear(Thread thread) {
        if (STOPPING.remove(thread)) {
            pending--;
        }
    }

    public static boolean requested(Thread thread) {
        return STOPPING.contains(thread);
    }
}

package org.r1j.kernel.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stop checks compiled into cell code ({@link StopCheckWeaver}): every cell method calls {@link #check()} on entry
 * and before each backward branch, so any Java loop in a cell stops when its thread is asked to, with no
 * {@code isInterrupted()} in the loop. Per thread, unlike the JDK's {@code LocalExecutionControl} (one flag for all):
 * stopping the foreground cell leaves background jobs running, and {@code %stop NAME} stops one job only. Checks fire
 * {@link #GRACE_NANOS} after the request, so code that watches the interrupt flag itself
 * ({@code while (!isInterrupted())}) ends on its own terms first.
 */
public final class StopChecks {
    /** 0.2 s: a tight loop stops at once to a person, a loop that checks the interrupt flag has ended by then. */
    static final long GRACE_NANOS = 200_000_000L;
    /** Thread asked to stop -> when (System.nanoTime). */
    private static final Map<Thread, Long> STOPPING = new ConcurrentHashMap<>();
    /** Threads asked to stop; 0 almost always, so a check costs one volatile read. */
    private static volatile int pending;

    private StopChecks() {}

    /** Called from instrumented cell code: throws {@link StopRequested} when this thread was asked to stop. */
    public static void check() {
        if (pending != 0) {
            Long asked = STOPPING.get(Thread.currentThread());
            if (asked != null && System.nanoTime() - asked > GRACE_NANOS) {
                throw new StopRequested();
            }
        }
    }

    /** Asks {@code thread} to stop at its next check (and interrupts it, for sleeps, waits and the trainer's step check). */
    public static synchronized void request(Thread thread) {
        if (STOPPING.putIfAbsent(thread, System.nanoTime()) == null) {
            pending++;
        }
        thread.interrupt();
    }

    /** Forgets a request once the thread's work has ended, so its next cell or job runs normally. */
    public static synchronized void clear(Thread thread) {
        if (STOPPING.remove(thread) != null) {
            pending--;
        }
    }

    public static boolean requested(Thread thread) {
        return STOPPING.containsKey(thread);
    }
}

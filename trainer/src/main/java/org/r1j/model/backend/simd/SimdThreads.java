package org.r1j.model.backend.simd;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The simd backend's threads: the caller plus {@code n - 1} daemon workers, n = {@code -Dr1j.simd.threads} or the CPU
 * count. The caller splits work into parts (row blocks of a GEMM, matrices of a batched product, rows of the decoding
 * attention), runs part 0 itself and waits for the rest. Libnd4j's own OpenMP threads stay at OMP_NUM_THREADS (1 on
 * small machines, where more made its small ops 10-40x slower), and each OpenBLAS call runs single-threaded in the
 * thread that makes it.
 *
 * <p>Why not an ExecutorService: decoding hands out ~17 GEMMs per token of ~50 us each, and waking a parked pool
 * thread took about as long as the work (generation got slower). Workers here spin for {@link #SPIN_NANOS} after
 * each part before they park, so back-to-back parts start within a microsecond; an idle backend parks them. One
 * caller at a time: a second concurrent (or nested) caller runs its parts itself.
 */
final class SimdThreads {
    static final int COUNT = Math.max(1, Integer.getInteger("r1j.simd.threads", Runtime.getRuntime().availableProcessors()));
    private static final long SPIN_NANOS = 200_000;
    private static final int IDLE = 0, WORK = 1, DONE = 2;

    private static final Worker[] WORKERS = new Worker[COUNT - 1];
    private static final AtomicBoolean BUSY = new AtomicBoolean();

    static {
        for (int i = 0; i < WORKERS.length; i++) {
            WORKERS[i] = new Worker();
            WORKERS[i].start();
        }
    }

    private SimdThreads() {}

    /** Runs part(0) .. part(parts - 1), part 0 on the calling thread; rethrows the first part's failure. */
    static void run(int parts, IntConsumer part) {
        int helpers = Math.min(parts - 1, WORKERS.length);
        if (helpers <= 0 || !BUSY.compareAndSet(false, true)) {
            for (int p = 0; p < parts; p++) part.accept(p);
            return;
        }
        try {
            for (int i = 0; i < helpers; i++) WORKERS[i].start(part, i + 1);
            RuntimeException failure = null;
            try {
                for (int p = 0; p < parts; p++) if (p == 0 || p > helpers) part.accept(p);   // extra parts: here
            } catch (RuntimeException e) {
                failure = e;
            }
            for (int i = 0; i < helpers; i++) {
                RuntimeException e = WORKERS[i].await();      // every part finishes before the arrays are touched again
                if (failure == null) failure = e;
            }
            if (failure != null) throw failure;
        } finally {
            BUSY.set(false);
        }
    }

    private static final class Worker extends Thread {
        private final AtomicInteger state = new AtomicInteger(IDLE);
        private volatile IntConsumer job;
        private volatile int part;
        private volatile RuntimeException failure;

        Worker() {
            super("r1j-simd");
            setDaemon(true);
        }

        void start(IntConsumer job, int part) {
            this.job = job;
            this.part = part;
            this.failure = null;
            state.set(WORK);
            LockSupport.unpark(this);
        }

        RuntimeException await() {
            while (state.get() != DONE) Thread.onSpinWait();
            state.set(IDLE);
            return failure;
        }

        @Override
        public void run() {
            while (true) {
                long since = System.nanoTime();
                while (state.get() != WORK) {
                    if (System.nanoTime() - since < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);               // start() unparks; a permit given first returns at once
                        since = System.nanoTime();
                    }
                }
                try {
                    job.accept(part);
                } catch (RuntimeException e) {
                    failure = e;
                } catch (Error e) {
                    failure = new IllegalStateException("simd worker failed: " + e, e);
                }
                state.set(DONE);
            }
        }
    }
}

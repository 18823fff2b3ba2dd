package org.r1j.scale;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * One SparkSession for every test in this module (starting one costs ~4 s): local[2,2] — two task threads as in CI,
 * two attempts per task so the failure tests see Spark retry. Spark's shutdown hook stops it when the JVM ends.
 */
public final class SharedSpark {
    private static SparkSession session;
    private static final AtomicInteger FAILED_ATTEMPTS = new AtomicInteger();

    private SharedSpark() {}

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkRuns.session("local[2,2]", Map.of("spark.ui.enabled", "false"), null);
            session.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd e) {
                    if (!e.taskInfo().successful()) FAILED_ATTEMPTS.incrementAndGet();
                }
            });
        }
        return session;
    }

    /** Listener events arrive on Spark's bus thread; wait until the failures have been counted. */
    private static void drainListeners() {
        try {
            get().sparkContext().listenerBus().waitUntilEmpty();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Spark's listener bus did not drain", e);
        }
    }

    /**
     * Runs {@code job} with the first attempt of {@code partition} failing part-way (see {@link FaultInjection}), and
     * checks that an attempt did fail (so a passing test has really been through Spark's retry).
     */
    public static <T> T failingOnce(int partition, Supplier<T> job) {
        var sc = get().sparkContext();
        int before = FAILED_ATTEMPTS.get();
        sc.setLocalProperty(FaultInjection.KEY, Integer.toString(partition));
        try {
            return job.get();
        } finally {
            sc.setLocalProperty(FaultInjection.KEY, null);
            drainListeners();
            assertTrue(FAILED_ATTEMPTS.get() > before, "no task attempt failed: the injected failure did not strike");
        }
    }
}

package org.r1j.scale;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One SparkSession for every test in this module (starting one costs ~4 s): local[2,2] — two task threads as in CI,
 * two attempts per task so the failure tests see Spark retry. Spark's shutdown hook stops it when the JVM ends.
 */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {}

    public static synchronized SparkSession get() {
        if (session == null) session = SparkRuns.session("local[2,2]", Map.of("spark.ui.enabled", "false"), null);
        return session;
    }

    /** Runs {@code job} with the first attempt of {@code partition} failing part-way (see {@link FaultInjection}). */
    public static <T> T failingOnce(int partition, java.util.function.Supplier<T> job) {
        var sc = get().sparkContext();
        sc.setLocalProperty(FaultInjection.KEY, Integer.toString(partition));
        try {
            return job.get();
        } finally {
            sc.setLocalProperty(FaultInjection.KEY, null);
        }
    }
}

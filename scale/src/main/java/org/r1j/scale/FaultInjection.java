package org.r1j.scale;

import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * Fails a task on purpose, to show that Spark's retry gives the same output with no duplicates or holes:
 * {@code --conf spark.r1j.failPartitionOnce=P} (or the same key as a job-local property,
 * {@code sparkContext().setLocalProperty}, as the tests set it) makes the first attempt of partition P, in every
 * stage that calls {@link #midPartition}, throw part-way through its work. Off unless that key is set. On
 * {@code local[N]} Spark does not retry at all; {@code local[N,F]} allows F attempts.
 */
public final class FaultInjection {
    public static final String KEY = "spark.r1j.failPartitionOnce";

    private FaultInjection() {}

    /** Throws when this is the first attempt of the configured partition. */
    public static void midPartition(String what) {
        TaskContext task = TaskContext.get();
        SparkEnv env = SparkEnv.get();
        if (task == null) return;
        String local = task.getLocalProperty(KEY);
        int target = local != null ? Integer.parseInt(local) : env == null ? -1 : env.conf().getInt(KEY, -1);
        if (task.partitionId() == target && task.attemptNumber() == 0) {
            throw new IllegalStateException("injected failure (" + KEY + "=" + target + ") in partition " + target
                    + " of stage " + task.stageId() + ", " + what);
        }
    }
}

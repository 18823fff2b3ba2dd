package org.r1j.scale;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.TaskEndReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * r1j's progress bar: finished partitions of each running stage, one line redrawn in place, plus a line for every
 * failed task attempt (Spark retries it). Spark calls a listener from one thread, so printing needs no lock.
 */
final class PartitionProgress extends SparkListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final ConcurrentHashMap<Integer, int[]> stages = new ConcurrentHashMap<>();   // stage → {done, total}
    private final AtomicInteger failures = new AtomicInteger();

    PartitionProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted e) {
        stages.put(e.stageInfo().stageId(), new int[] {0, e.stageInfo().numTasks()});
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        int[] s = stages.get(e.stageId());
        if (s == null) return;
        if (!e.taskInfo().successful()) {
            failures.incrementAndGet();
            out.printf(Locale.ROOT, "%nr1j spark: stage %d partition %d attempt %d failed (%s); Spark retries it%n", e.stageId(),
                    e.taskInfo().partitionId(), e.taskInfo().attemptNumber(), reason(e.reason()));
            return;
        }
        s[0]++;
        draw(e.stageId(), s);
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted e) {
        int[] s = stages.remove(e.stageInfo().stageId());
        if (s != null) out.println();
    }

    private static String reason(TaskEndReason r) {
        return r instanceof ExceptionFailure f ? f.className() + ": " + f.description() : String.valueOf(r);
    }

    private void draw(int stage, int[] s) {
        int filled = s[1] == 0 ? WIDTH : WIDTH * s[0] / s[1];
        out.printf(Locale.ROOT, "\rstage %d [%s%s] %d/%d partitions", stage, "#".repeat(filled), " ".repeat(WIDTH - filled), s[0], s[1]);
        out.flush();
    }

    /** Failed task attempts seen so far (each one retried by Spark, or the job failed). */
    int failures() {
        return failures.get();
    }
}

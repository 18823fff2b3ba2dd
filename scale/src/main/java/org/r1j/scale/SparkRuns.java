package org.r1j.scale;

import java.io.PrintStream;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Creates (or joins) the SparkSession r1j's jobs run on. From the CLI the master and {@code --conf} pairs come from
 * the command line; under {@code spark-submit} the master is already set and wins; a notebook calls
 * {@link #session(String, Map, PrintStream)} itself.
 */
public final class SparkRuns {
    private SparkRuns() {}

    /**
     * A session on {@code master} (e.g. {@code local[*]}, {@code local[2,3]} — 2 threads, up to 3 attempts per task —,
     * {@code spark://host:7077}, {@code yarn}, {@code k8s://…}; null keeps what spark-submit set) with {@code conf}
     * applied. Prints Spark's UI URL to {@code log} and registers r1j's partition progress bar there.
     */
    public static SparkSession session(String master, Map<String, String> conf, PrintStream log) {
        SparkSession.Builder b = SparkSession.builder().appName("r1j");
        if (master != null) b.master(master);
        boolean local = master == null || master.startsWith("local");
        if (local) {
            // one machine: Spark's 200 shuffle partitions are 200 tiny tasks; our own bar replaces Spark's console bar
            b.config("spark.sql.shuffle.partitions", String.valueOf(2 * Runtime.getRuntime().availableProcessors()));
            b.config("spark.driver.host", "127.0.0.1");
        }
        b.config("spark.ui.showConsoleProgress", "false");
        conf.forEach(b::config);
        // In a notebook r1j and Spark live in JShell's class loader, not the thread's: Spark's executors resolve task
        // classes through the context loader they were created under, so make it the one that sees them.
        Thread.currentThread().setContextClassLoader(SparkRuns.class.getClassLoader());
        SparkSession spark = b.getOrCreate();
        if (log != null) {
            spark.sparkContext().uiWebUrl().foreach(url -> {
                log.println("r1j spark: " + spark.sparkContext().master() + ", Spark UI " + url);
                return null;
            });
            spark.sparkContext().addSparkListener(new PartitionProgress(log));
        }
        return spark;
    }
}

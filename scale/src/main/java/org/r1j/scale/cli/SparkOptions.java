package org.r1j.scale.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.r1j.scale.SparkRuns;
import picocli.CommandLine.Option;

/** The options every {@code r1j spark} command shares: where Spark runs and what it is told. */
public final class SparkOptions {
    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = {"local[N] (N threads; local[N,F]: up to F attempts per task), spark://HOST:7077, yarn or k8s://…",
                    "(default: ${DEFAULT-VALUE}; under spark-submit its --master wins)"})
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark settings, passed through (repeatable), e.g. spark.executor.memory=8g.")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--overwrite", description = "Replace the output folder if it exists.")
    boolean overwrite;

    /** spark-submit sets spark.master for the driver JVM; then our default must not override it. */
    SparkSession session() {
        String m = System.getProperty("spark.master") != null ? null : master;
        return SparkRuns.session(m, conf, System.err);
    }
}

package org.r1j.scale.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.r1j.scale.generate.ModelSource;
import picocli.CommandLine.Option;

/** How executors find the model directory. */
public final class ModelOptions {
    @Option(names = "--ship-model", paramLabel = "auto|yes|no", defaultValue = "auto",
            description = {"Copy the model directory to every executor with Spark (yes), or read it where it is (no: a shared path).",
                    "auto: no on local[…], yes elsewhere (default: ${DEFAULT-VALUE})."})
    String ship;

    ModelSource source(SparkSession spark, Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + " is not a model directory (config.json, weights, tokenizer)");
        boolean yes = switch (ship) {
            case "yes" -> true;
            case "no" -> false;
            case "auto" -> !spark.sparkContext().isLocal();
            default -> throw new IllegalArgumentException("--ship-model must be auto, yes or no, got " + ship);
        };
        return ModelSource.of(spark, dir, yes);
    }
}

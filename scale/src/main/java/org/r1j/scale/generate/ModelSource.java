package org.r1j.scale.generate;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;
import org.r1j.model.io.Checkpoint;
import org.r1j.model.io.LoadedModel;
import org.r1j.pipeline.eval.ModelSampler;
import org.r1j.pipeline.run.RunContext;

/**
 * A model directory (Hugging Face layout) as executors find it: the path itself when every executor sees it
 * (local mode, a shared file system), or a copy Spark shipped with {@link SparkSession#sparkContext()}'s
 * {@code addFile} into each executor's work folder. Each executor JVM loads the weights once; each further task
 * running at the same time gets a copy of them (a model is used by one thread at a time).
 *
 * @param dir     the directory on the driver
 * @param shipped whether Spark copies it to the executors
 */
public record ModelSource(String dir, boolean shipped) implements Serializable {
    private static final ConcurrentHashMap<ModelSource, LoadedModel> LOADED = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<ModelSource, ConcurrentLinkedDeque<ModelSampler>> IDLE = new ConcurrentHashMap<>();

    /** Ships the directory when asked; the driver's path otherwise. */
    public static ModelSource of(SparkSession spark, Path dir, boolean ship) {
        String abs = dir.toAbsolutePath().normalize().toString();
        if (ship) spark.sparkContext().addFile(abs, true);
        return new ModelSource(abs, ship);
    }

    private Path localDir() {
        return shipped ? Path.of(SparkFiles.get(Path.of(dir).getFileName().toString())) : Path.of(dir);
    }

    /** A sampler for this task alone; give it back with {@link #giveBack}. */
    public ModelSampler borrow() {
        ModelSampler idle = IDLE.computeIfAbsent(this, k -> new ConcurrentLinkedDeque<>()).poll();
        if (idle != null) return idle;
        LoadedModel m = LOADED.computeIfAbsent(this, k -> Checkpoint.load(k.localDir()));
        return new ModelSampler(m.model().copy(), RunContext.markersKept(m.tokenizer()));
    }

    public void giveBack(ModelSampler sampler) {
        IDLE.computeIfAbsent(this, k -> new ConcurrentLinkedDeque<>()).push(sampler);
    }
}

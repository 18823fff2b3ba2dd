package org.r1j.scale.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code r1j spark rejection}: the pipeline's rejection stage (R1's stage 3) with the prompts spread over Spark. */
@Command(name = "rejection", mixinStandardHelpOptions = true,
        description = {"Rejection sampling on Spark: N samples per training prompt from a model, kept when the task's checker",
                "verifies them and the format, language and reward filters pass, de-duplicated; the same data as the pipeline's stage."})
public final class SparkRejectionCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model to sample from (the RL checkpoint).")
    Path model;

    @Mixin TaskOptions task;
    @Mixin RejectionOptions rejection;
    @Mixin ModelOptions modelOptions;
    @Mixin SparkOptions spark;

    @Override
    public Integer call() {
        return RejectionRun.run("rejection", model, task, rejection, modelOptions, spark);
    }
}

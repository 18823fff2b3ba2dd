package org.r1j.scale.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code r1j spark distill}: distillation's data step (the pipeline's distill stage before its SFT) on Spark. */
@Command(name = "distill", mixinStandardHelpOptions = true,
        description = {"Distillation data on Spark: a teacher model's samples for the training prompts, filtered as rejection",
                "sampling filters them; train a student on OUT/data.jsonl (an sft stage with data: FILE)."})
public final class SparkDistillCommand implements Callable<Integer> {
    @Option(names = "--teacher", required = true, paramLabel = "DIR", description = "The teacher model directory.")
    Path teacher;

    @Mixin TaskOptions task;
    @Mixin RejectionOptions rejection;
    @Mixin ModelOptions modelOptions;
    @Mixin SparkOptions spark;

    @Override
    public Integer call() {
        return RejectionRun.run("distill", teacher, task, rejection, modelOptions, spark);
    }
}

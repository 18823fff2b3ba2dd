package org.r1j.scale.cli;

import java.nio.file.Path;
import org.r1j.scale.generate.TaskSpec;
import picocli.CommandLine.Option;

/** Which problems: a built-in task (as {@code r1j eval --task}) or a JSONL data set (as {@code r1j eval --data}). */
public final class TaskOptions {
    @Option(names = "--task", paramLabel = "NAME", defaultValue = "arithmetic",
            description = "Built-in task: arithmetic, countdown, mixed-script (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--task-seed", paramLabel = "N", defaultValue = "1", description = "The task's seed (default: ${DEFAULT-VALUE}).")
    long taskSeed;

    @Option(names = "--data", paramLabel = "FILE.jsonl", description = "A JSONL data set instead (see --format); a path every executor sees.")
    Path data;

    @Option(names = "--format", paramLabel = "NAME", defaultValue = "gsm8k", description = "gsm8k, math, chat, plain or code (default: ${DEFAULT-VALUE}).")
    String format;

    TaskSpec spec() {
        return TaskSpec.of(task, taskSeed, data, format);
    }
}

package org.r1j.scale.generate;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.r1j.pipeline.config.Settings;
import org.r1j.pipeline.config.TaskFactory;
import org.r1j.pipeline.config.YamlDoc;
import org.r1j.pipeline.task.Task;

/**
 * A task as its {@code task:} settings (what {@code r1j eval --task/--data} builds), so executors rebuild the same
 * task — its checker and prompt template — once per JVM instead of receiving it. A dataset task reads its files
 * again there: give a path every executor sees.
 *
 * @param settings the {@code task:} section ({@code name}, {@code seed}, … or {@code name: dataset, test: …})
 * @param baseDir  where relative file names in it resolve
 */
public record TaskSpec(Map<String, Object> settings, String baseDir) implements Serializable {
    private static final ConcurrentHashMap<TaskSpec, Task> BUILT = new ConcurrentHashMap<>();

    public TaskSpec {
        settings = new LinkedHashMap<>(settings);
    }

    /** {@code r1j eval}'s choice: a JSONL test set in {@code format} when {@code data} is given, else the built-in task. */
    public static TaskSpec of(String task, long taskSeed, Path data, String format) {
        Map<String, Object> s = data != null
                ? Map.of("name", "dataset", "train", data.toAbsolutePath().toString(), "test", data.toAbsolutePath().toString(), "format", format)
                : Map.of("name", task, "seed", taskSeed);
        return new TaskSpec(s, Path.of(".").toAbsolutePath().toString());
    }

    /** The task, built once per JVM (the driver's copy checks the settings before any task starts). */
    public Task task() {
        return BUILT.computeIfAbsent(this, s -> TaskFactory.create(new Settings(YamlDoc.parse("--task", "{}"), "task", s.settings),
                Path.of(s.baseDir)));
    }
}

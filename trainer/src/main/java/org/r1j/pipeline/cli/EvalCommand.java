package org.r1j.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.r1j.model.io.Checkpoint;
import org.r1j.model.io.LoadedModel;
import org.r1j.pipeline.config.ConfigException;
import org.r1j.pipeline.config.PipelineConfig;
import org.r1j.pipeline.config.Settings;
import org.r1j.pipeline.config.TaskFactory;
import org.r1j.pipeline.config.YamlDoc;
import org.r1j.pipeline.eval.EvalResult;
import org.r1j.pipeline.eval.Evaluator;
import org.r1j.pipeline.eval.ModelSampler;
import org.r1j.pipeline.run.RunContext;
import org.r1j.pipeline.task.Split;
import org.r1j.pipeline.task.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `r1j eval`: pass@1 over k samples, cons@k and greedy accuracy of a saved model on held-out problems. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a model: pass@1 over k samples (temperature 0.6, top-p 0.95 as in the R1 paper),",
                "cons@k (majority vote) and greedy accuracy, on a task's held-out problems or a JSONL test set."})
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (config.json, weights, tokenizer).")
    Path model;

    @Option(names = "--task", paramLabel = "NAME", defaultValue = "arithmetic",
            description = "Built-in task: arithmetic, countdown, mixed-script (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--task-seed", paramLabel = "N", defaultValue = "1", description = "The task's seed (default: ${DEFAULT-VALUE}).")
    long taskSeed;

    @Option(names = "--config", paramLabel = "CONFIG.yaml", description = "Take the task from a pipeline config instead.")
    Path config;

    @Option(names = "--data", paramLabel = "FILE.jsonl", description = "Evaluate on a JSONL test set instead (see --format).")
    Path data;

    @Option(names = "--format", paramLabel = "NAME", defaultValue = "gsm8k", description = "gsm8k, math, chat, plain or code (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    EvalOptions eval;

    @Override
    public Integer call() {
        Task t;
        try {
            t = task();
        } catch (ConfigException e) {
            System.err.println("r1j eval: " + e.getMessage());
            return 2;
        }
        if (!Files.isDirectory(model)) {
            System.err.println("r1j eval: " + model + " is not a model directory");
            return 2;
        }
        LoadedModel m = Checkpoint.load(model);
        List<org.r1j.pipeline.data.Problem> heldOut = t.problems(Split.TEST, eval.problems());
        System.out.printf("r1j eval: %s, %d held-out %s problems, %s%n", model, heldOut.size(), t.name(), eval.describe());
        EvalResult r = new Evaluator(eval.config(), t.checker(), t.template())
                .evaluate(new ModelSampler(m.model(), RunContext.markersKept(m.tokenizer())), heldOut);
        System.out.println(r.summary());
        if (eval.out() != null) {
            r.perProblem().write().csv(eval.out().toFile());
            System.out.println("per-problem results: " + eval.out());
        }
        return 0;
    }

    private Task task() {
        if (config != null) return PipelineConfig.read(config).task();
        Map<String, Object> settings = data != null
                ? Map.of("name", "dataset", "train", data.toString(), "test", data.toString(), "format", format)
                : Map.of("name", task, "seed", taskSeed);
        YamlDoc doc = YamlDoc.parse("--task", "{}");
        return TaskFactory.create(new Settings(doc, "task", settings), Path.of("."));
    }
}

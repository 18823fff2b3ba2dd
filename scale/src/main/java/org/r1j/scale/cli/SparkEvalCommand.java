package org.r1j.scale.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.cli.EvalOptions;
import org.r1j.pipeline.eval.EvalConfig;
import org.r1j.pipeline.eval.EvalResult;
import org.r1j.pipeline.task.Split;
import org.r1j.scale.generate.SparkEvaluation;
import org.r1j.scale.generate.TaskSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code r1j spark eval}: {@code r1j eval} with the problems spread over Spark executors; the same numbers. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a model on Spark: pass@1 over k samples, cons@k and greedy accuracy, exactly as `r1j eval`",
                "(same sampler, verifiers and seeds: the result does not depend on the number of executors)."})
public final class SparkEvalCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (config.json, weights, tokenizer).")
    Path model;

    @Mixin
    TaskOptions task;

    @Mixin
    EvalOptions eval;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        TaskSpec spec = task.spec();
        List<Problem> heldOut = spec.task().problems(Split.TEST, eval.problems());
        EvalConfig cfg = eval.config();
        SparkSession session = spark.session();
        try {
            System.out.printf("r1j spark eval: %s, %d held-out %s problems, %s%n", model, heldOut.size(),
                    spec.task().name(), eval.describe());
            long t0 = System.nanoTime();
            EvalResult r = SparkEvaluation.run(session, spec, modelOptions.source(session, model), cfg, heldOut);
            System.out.println(r.summary());
            System.out.printf(java.util.Locale.ROOT, "%.2f problems/s%n", heldOut.size() / ((System.nanoTime() - t0) / 1e9));
            if (eval.out() != null) {
                r.perProblem().write().csv(eval.out().toFile());
                System.out.println("per-problem results: " + eval.out());
            }
            return 0;
        } finally {
            session.stop();
        }
    }
}

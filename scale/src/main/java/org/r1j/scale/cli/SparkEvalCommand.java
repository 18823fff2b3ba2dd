package org.r1j.scale.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.r1j.pipeline.data.Problem;
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

    @Option(names = "--problems", paramLabel = "N", defaultValue = "100", description = "Held-out problems (default: ${DEFAULT-VALUE}).")
    int problems;

    @Option(names = "-k", paramLabel = "K", defaultValue = "8", description = "Samples per problem (R1: 64; default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--temperature", defaultValue = "0.6", description = "Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--top-p", defaultValue = "0.95", description = "Default: ${DEFAULT-VALUE}.")
    double topP;

    @Option(names = "--max-new-tokens", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
    int maxNewTokens;

    @Option(names = "--no-greedy", description = "Skip the greedy pass.")
    boolean noGreedy;

    @Option(names = "--seed", defaultValue = "1234", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write the per-problem table here.")
    Path out;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        TaskSpec spec = task.spec();
        List<Problem> heldOut = spec.task().problems(Split.TEST, problems);
        EvalConfig cfg = new EvalConfig(k, temperature, topP, maxNewTokens, !noGreedy, List.of("</answer>"), seed);
        SparkSession session = spark.session();
        try {
            System.out.printf("r1j spark eval: %s, %d held-out %s problems, k=%d, temperature %s, top-p %s%n", model, heldOut.size(),
                    spec.task().name(), k, temperature, topP);
            long t0 = System.nanoTime();
            EvalResult r = SparkEvaluation.run(session, spec, modelOptions.source(session, model), cfg, heldOut);
            System.out.println(r.summary());
            System.out.printf(java.util.Locale.ROOT, "%.2f problems/s%n", heldOut.size() / ((System.nanoTime() - t0) / 1e9));
            if (out != null) {
                r.perProblem().write().csv(out.toFile());
                System.out.println("per-problem results: " + out);
            }
            return 0;
        } finally {
            session.stop();
        }
    }
}

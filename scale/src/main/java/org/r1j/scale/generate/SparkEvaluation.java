package org.r1j.scale.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.eval.EvalConfig;
import org.r1j.pipeline.eval.EvalResult;
import org.r1j.pipeline.eval.EvalTally;
import org.r1j.pipeline.eval.Evaluator;
import org.r1j.pipeline.eval.ModelSampler;
import org.r1j.pipeline.eval.ProblemVerdict;
import org.r1j.pipeline.task.Task;
import org.r1j.scale.FaultInjection;
import scala.Tuple2;

/**
 * {@code r1j spark eval}: each partition samples and judges one {@link ProblemBlock} with the trainer's
 * {@link Evaluator}; the driver adds the verdicts up in problem order with {@link EvalTally} — the same code and the
 * same order as {@code r1j eval}, so the same numbers to the last bit.
 */
public final class SparkEvaluation {
    private SparkEvaluation() {}

    public static EvalResult run(SparkSession spark, TaskSpec task, ModelSource model, EvalConfig config, List<Problem> problems) {
        List<ProblemBlock> blocks = ProblemBlock.split(problems);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Tuple2<Integer, List<ProblemVerdict>>> judged = new ArrayList<>(jsc.parallelize(blocks, blocks.size())
                .map(b -> new Tuple2<>(b.start(), judge(task, model, config, b)))
                .collect());
        judged.sort(Comparator.comparing(Tuple2::_1));
        EvalTally tally = new EvalTally(config.k(), config.greedy());
        int next = 0;
        for (Tuple2<Integer, List<ProblemVerdict>> b : judged) {
            if (b._1() != next) throw new IllegalStateException("block at problem " + b._1() + " where problem " + next + " was due");
            for (ProblemVerdict v : b._2()) tally.add(problems.get(next++), v);
        }
        if (next != problems.size()) throw new IllegalStateException(next + " verdicts for " + problems.size() + " problems");
        return tally.result();
    }

    private static List<ProblemVerdict> judge(TaskSpec spec, ModelSource model, EvalConfig config, ProblemBlock b) {
        Task t = spec.task();
        ModelSampler sampler = model.borrow();
        try {
            List<ProblemVerdict> v = new Evaluator(config, t.checker(), t.template()).verdicts(sampler.numberedFrom(b.start()), b.problems());
            FaultInjection.midPartition("after judging problems " + b.start() + ".." + (b.start() + b.problems().size() - 1));
            return new ArrayList<>(v);
        } finally {
            model.giveBack(sampler);
        }
    }
}

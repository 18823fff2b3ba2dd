package org.r1j.scale.generate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.r1j.dsl.Rewarder;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.SftExample;
import org.r1j.pipeline.eval.ModelSampler;
import org.r1j.pipeline.rejection.RejectionConfig;
import org.r1j.pipeline.rejection.RejectionSampler;
import org.r1j.pipeline.task.Task;
import org.r1j.scale.FaultInjection;
import org.r1j.scale.score.RewardSource;

/**
 * {@code r1j spark rejection / distill}: each partition runs the trainer's {@link RejectionSampler} on one
 * {@link ProblemBlock}; the driver joins the kept examples in problem order and sums the per-filter counts — what
 * the pipeline's rejection (or distill) stage gets in one process.
 */
public final class SparkRejection {
    private SparkRejection() {}

    /** One block's kept examples and counts (RejectionSampler.Result, in a form Spark can ship back). */
    record BlockResult(int start, ArrayList<SftExample> kept, LinkedHashMap<String, Integer> counts) implements Serializable {
    }

    /** @param reward the reward program for {@link RejectionConfig#minRewards}, or null */
    public static RejectionSampler.Result run(SparkSession spark, TaskSpec task, ModelSource model, RejectionConfig config,
                                              RewardSource reward, List<Problem> problems) {
        List<ProblemBlock> blocks = ProblemBlock.split(problems);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<BlockResult> results = new ArrayList<>(jsc.parallelize(blocks, blocks.size())
                .map(b -> sample(task, model, config, reward, b)).collect());
        results.sort(Comparator.comparingInt(BlockResult::start));
        List<SftExample> kept = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        int next = 0;
        for (BlockResult r : results) {
            if (r.start() != next) throw new IllegalStateException("block at problem " + r.start() + " where problem " + next + " was due");
            next += ProblemBlock.SIZE;
            kept.addAll(r.kept());
            r.counts().forEach((k, v) -> counts.merge(k, v, Integer::sum));
        }
        return new RejectionSampler.Result(kept, counts);
    }

    private static BlockResult sample(TaskSpec spec, ModelSource model, RejectionConfig config, RewardSource reward, ProblemBlock b) {
        Task t = spec.task();
        Rewarder rewarder = reward == null ? null : t.rewarder(reward.program());
        ModelSampler sampler = model.borrow();
        try {
            RejectionSampler.Result r = new RejectionSampler(config, t.checker(), t.template(), rewarder)
                    .run(sampler.numberedFrom(b.start()), b.problems());
            FaultInjection.midPartition("after sampling problems " + b.start() + ".." + (b.start() + b.problems().size() - 1));
            return new BlockResult(b.start(), new ArrayList<>(r.kept()), new LinkedHashMap<>(r.counts()));
        } finally {
            model.giveBack(sampler);
        }
    }
}

package org.r1j.scale.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.SftJsonl;
import org.r1j.pipeline.rejection.RejectionSampler;
import org.r1j.pipeline.task.Split;
import org.r1j.scale.generate.SparkRejection;
import org.r1j.scale.generate.TaskSpec;
import org.r1j.scale.score.RewardSource;

/** What {@code spark rejection} and {@code spark distill} share: sample from a model directory, write data.jsonl. */
final class RejectionRun {
    private RejectionRun() {}

    static int run(String name, Path model, TaskOptions task, RejectionOptions r, ModelOptions modelOptions, SparkOptions spark) {
        if (!r.minRewards.isEmpty() && r.reward == null) {
            System.err.println("r1j spark " + name + ": --min-reward needs --reward FILE");
            return 2;
        }
        Path data = r.out.resolve("data.jsonl");
        if (Files.exists(data) && !spark.overwrite) {
            System.err.println("r1j spark " + name + ": " + data + " exists (--overwrite replaces it)");
            return 2;
        }
        TaskSpec spec = task.spec();
        List<Problem> problems = spec.task().problems(Split.TRAIN, r.prompts);
        RewardSource reward = r.reward == null ? null : RewardSource.read(r.reward);
        SparkSession session = spark.session();
        try {
            System.out.printf("r1j spark %s: %s, %d %s problems x %d samples%n", name, model, problems.size(), spec.task().name(), r.samplesPerPrompt);
            RejectionSampler.Result result = SparkRejection.run(session, spec, modelOptions.source(session, model), r.config(), reward, problems);
            System.out.println(result.summary());
            SftJsonl.write(data, result.kept());
            System.out.println("kept examples: " + data);
            return 0;
        } finally {
            session.stop();
        }
    }
}

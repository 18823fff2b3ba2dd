package org.r1j.scale.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.r1j.scale.score.RewardSource;
import org.r1j.scale.score.ScoreJob;
import org.r1j.scale.score.ScoreSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code r1j spark score REWARD_FILE --data IN --out OUT}: {@code r1j reward score} on Spark. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score completions (JSONL or Parquet: prompt, completion, reference|answer|solution, other fields) with a",
                "reward file on Spark. OUT/scores: the fields of `r1j reward score` (line, total, rewards), in input order;",
                "OUT/rejected: malformed rows with the reason."})
public final class SparkScoreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REWARD_FILE", description = "the reward file")
    Path rewardFile;

    @Option(names = "--data", required = true, paramLabel = "IN", description = "JSONL or Parquet (a .parquet name or --parquet); any path Spark reads")
    String data;

    @Option(names = "--parquet", description = "read --data as Parquet whatever its name")
    boolean parquetIn;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "output folder (scores/, rejected/)")
    String out;

    @Option(names = "--format", paramLabel = "jsonl|parquet", defaultValue = "jsonl", description = "how to write OUT/scores (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--explain", description = "add each reward's one-line explanation")
    boolean explain;

    @Option(names = "--group-by", paramLabel = "FIELD", defaultValue = "prompt",
            description = "samples with the same value of this field form a group for group functions (default: ${DEFAULT-VALUE})")
    String groupBy;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        if (!format.equals("jsonl") && !format.equals("parquet")) {
            System.err.println("r1j spark score: --format must be jsonl or parquet, got " + format);
            return 2;
        }
        RewardSource reward;
        try {
            reward = RewardSource.read(rewardFile);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        boolean parquet = parquetIn || data.endsWith(".parquet");
        ScoreSettings s = new ScoreSettings(reward, data, parquet, out, format.equals("parquet"), groupBy, explain);
        SparkSession session = spark.session();
        try {
            ScoreJob.Summary summary = ScoreJob.run(session, s, spark.overwrite);
            System.err.println(summary.render(out));
            System.out.println("scores: " + out + "/scores");
            return 0;
        } finally {
            session.stop();
        }
    }
}

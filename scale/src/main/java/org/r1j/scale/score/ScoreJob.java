package org.r1j.scale.score;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.r1j.dsl.RewardProgram;
import org.r1j.dsl.cli.SampleReader;
import scala.Tuple2;

/**
 * {@code r1j spark score}: a reward file over many completions. Rows are numbered in input order (the {@code line}
 * of {@code r1j reward score}; for Parquet the row number), scored in partitions by the program each executor
 * compiled once, and written to {@code OUT/scores} in input order; malformed rows go to {@code OUT/rejected} with
 * the reason. With group functions, the rows of a group meet in one task first (a shuffle on the group field).
 */
public final class ScoreJob {
    private ScoreJob() {}

    /** What the job wrote: the per-reward summary and how many rows were scored and rejected. */
    public record Summary(long scored, long rejected, Map<String, double[]> rewards, double seconds) {
        /** The table {@code r1j reward score} prints, plus the rejected count and where they went. */
        public String render(String out) {
            StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "scored %d samples in %.2f s", scored, seconds));
            if (rejected > 0) sb.append(", rejected ").append(rejected).append(rejected == 1 ? " malformed row" : " malformed rows")
                    .append(" (reasons in ").append(out).append("/rejected)");
            rewards.forEach((r, v) -> sb.append(String.format(java.util.Locale.ROOT, "%n  %-16s mean %s over %d known, %d unknown", r,
                    v[1] == 0 ? "-" : org.r1j.dsl.lib.Values.number(v[0]), (long) v[1], scored - (long) v[1])));
            return sb.toString();
        }
    }

    public static Summary run(SparkSession spark, ScoreSettings s, boolean overwrite) {
        long t0 = System.nanoTime();
        RewardProgram program = s.reward().program();
        StructType schema = ScoredRows.schema(program.rewardNames(), s.explain());
        JavaRDD<String> text = s.parquet() ? spark.read().parquet(s.input()).toJSON().javaRDD()
                : spark.read().textFile(s.input()).javaRDD();
        JavaPairRDD<String, Long> numbered = text.zipWithIndex();
        SaveMode mode = overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
        if (program.usesGroupFunctions()) return runGrouped(spark, s, numbered, schema, program, mode, t0);
        // One pass scores and writes (the summary observed on the way); a second, parse-only pass finds the malformed
        // rows. Cheaper than caching the scored rows for both outputs, which cost more than the scoring (README, Spark).
        int reason = schema.fieldIndex(ScoredRows.REASON);
        Dataset<Row> scored = spark.createDataFrame(numbered.mapPartitions(it -> ScoredRows.scoreEach(it, s)).filter(r -> r.isNullAt(reason)), schema);
        Observation summary = new Observation("r1j-summary");
        Dataset<Row> scores = scored.select(scoreColumns(s)).observe(summary, summaryColumns(program).get(0),
                summaryColumns(program).subList(1, summaryColumns(program).size()).toArray(Column[]::new));
        write(scores, s, mode);
        spark.createDataFrame(numbered.mapPartitions(it -> ScoredRows.rejectedOnly(it, s)), schema)
                .select(ScoredRows.LINE, ScoredRows.REASON, ScoredRows.INPUT).write().mode(mode).json(s.out() + "/rejected");
        Dataset<Row> rejectedBack = spark.read().schema("line long, reason string, input string").json(s.out() + "/rejected");
        Map<String, Object> observed;
        try {
            observed = summary.getAsJava();   // filled in by the write above; returns at once
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the scoring summary", e);
        }
        return summary(program, observed, rejectedBack.count(), (System.nanoTime() - t0) / 1e9);
    }

    private static Summary runGrouped(SparkSession spark, ScoreSettings s, JavaPairRDD<String, Long> numbered, StructType schema,
                                      RewardProgram program, SaveMode mode, long t0) {
        Dataset<Row> all = spark.createDataFrame(grouped(numbered, s), schema).orderBy(col(ScoredRows.LINE))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            write(all.filter(col(ScoredRows.REASON).isNull()).select(scoreColumns(s)), s, mode);
            all.filter(col(ScoredRows.REASON).isNotNull()).select(ScoredRows.LINE, ScoredRows.REASON, ScoredRows.INPUT)
                    .write().mode(mode).json(s.out() + "/rejected");
            List<Column> aggs = summaryColumns(program);
            Row a = all.filter(col(ScoredRows.REASON).isNull()).agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
            Map<String, Object> values = new LinkedHashMap<>();
            for (String f : a.schema().fieldNames()) values.put(f, a.getAs(f));
            return summary(program, values, all.filter(col(ScoredRows.REASON).isNotNull()).count(), (System.nanoTime() - t0) / 1e9);
        } finally {
            all.unpersist();
        }
    }

    private static Column[] scoreColumns(ScoreSettings s) {
        List<Column> c = new ArrayList<>(List.of(col(ScoredRows.LINE), col(ScoredRows.TOTAL), col(ScoredRows.REWARDS)));
        if (s.explain()) c.add(col(ScoredRows.EXPLANATIONS));
        return c.toArray(Column[]::new);
    }

    private static void write(Dataset<Row> scores, ScoreSettings s, SaveMode mode) {
        if (s.parquetOut()) scores.write().mode(mode).parquet(s.out() + "/scores");
        else scores.write().mode(mode).option("ignoreNullFields", "false").json(s.out() + "/scores");
    }

    /** count of scored rows, then each reward's mean and known count, over scored rows. */
    private static List<Column> summaryColumns(RewardProgram program) {
        List<Column> aggs = new ArrayList<>(List.of(count(col(ScoredRows.LINE)).as("scored")));
        int i = 0;
        for (String r : program.rewardNames()) {
            Column c = col(ScoredRows.REWARDS + ".`" + r + "`");
            aggs.add(avg(c).as("mean" + i));
            aggs.add(count(c).as("known" + i));
            i++;
        }
        return aggs;
    }

    private static Summary summary(RewardProgram program, Map<String, Object> values, long rejected, double seconds) {
        Map<String, double[]> rewards = new LinkedHashMap<>();
        int i = 0;
        for (String r : program.rewardNames()) {
            Object mean = values.get("mean" + i);
            rewards.put(r, new double[] {mean == null ? Double.NaN : ((Number) mean).doubleValue(), ((Number) values.get("known" + i)).doubleValue()});
            i++;
        }
        return new Summary(((Number) values.get("scored")).longValue(), rejected, rewards, seconds);
    }

    /** Rejected rows are found while keying; the rest meet their group in one task and are scored together. */
    private static JavaRDD<Row> grouped(JavaPairRDD<String, Long> numbered, ScoreSettings s) {
        JavaRDD<Tuple2<String, Tuple2<Long, String>>> keyed = numbered.map(l -> {
            if (l._1().isBlank()) return null;
            try {
                var sample = SampleReader.read(l._1());
                Object key = s.groupBy().equals("prompt") ? sample.prompt() : sample.fields().get(s.groupBy());
                return new Tuple2<>(String.valueOf(key), new Tuple2<>(l._2() + 1, l._1()));
            } catch (IllegalArgumentException e) {
                return new Tuple2<>((String) null, new Tuple2<>(l._2() + 1, e.getMessage() + "\n" + l._1()));
            }
        }).filter(t -> t != null);
        JavaRDD<Row> rejected = keyed.filter(t -> t._1() == null).map(t -> {
            String[] reasonAndInput = t._2()._2().split("\n", 2);
            return ScoredRows.rejectedRow(t._2()._1(), reasonAndInput[0], reasonAndInput[1], s.explain());
        });
        JavaRDD<Row> scored = keyed.filter(t -> t._1() != null).mapToPair(t -> t).groupByKey()
                .flatMap(g -> ScoredRows.scoreGroup(g._2(), s).iterator());
        return scored.union(rejected);
    }
}

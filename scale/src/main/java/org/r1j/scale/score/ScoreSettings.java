package org.r1j.scale.score;

import java.io.Serializable;

/**
 * One {@code r1j spark score} job.
 *
 * @param reward   the reward file
 * @param input    JSONL file(s) or Parquet, any path Spark reads (local, hdfs://, s3a://, a glob)
 * @param parquet  whether {@code input} is Parquet (its rows are read as JSON objects with the same fields)
 * @param out      output folder: {@code scores/} (one row per sample, the fields of {@code r1j reward score}),
 *                 {@code rejected/} (malformed rows: line, reason, input)
 * @param parquetOut write {@code scores/} as Parquet instead of JSON lines
 * @param groupBy  samples with the same value of this field form a group for group functions
 * @param explain  add each reward's one-line explanation
 */
public record ScoreSettings(RewardSource reward, String input, boolean parquet, String out, boolean parquetOut,
                            String groupBy, boolean explain) implements Serializable {
}

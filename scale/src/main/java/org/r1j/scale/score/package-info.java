/**
 * {@code r1j spark score}: a reward file over JSONL or Parquet completions. {@link org.r1j.scale.score.ScoreJob}
 * numbers the rows, scores them per partition (or per group, after a shuffle, for group functions) with the program
 * each executor compiled once ({@link org.r1j.scale.score.RewardSource}), and writes scores in input order plus the
 * malformed rows with their reasons.
 */
package org.r1j.scale.score;

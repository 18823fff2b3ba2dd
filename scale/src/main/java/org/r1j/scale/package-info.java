/**
 * r1j on Apache Spark: the same reward programs, sampler, verifiers, evaluation and rejection sampling as one
 * process, spread over a Spark cluster's executors (or {@code local[N]} threads). Spark schedules, retries and
 * commits; r1j only says what one partition does.
 * <ul>
 *   <li>top level: {@link org.r1j.scale.SparkRuns} (the session: master, {@code --conf}, UI URL, progress),
 *       {@link org.r1j.scale.PartitionProgress}, {@link org.r1j.scale.FaultInjection} (fails a task on purpose)</li>
 *   <li>{@code score}: {@code r1j spark score} — a reward file over JSONL / Parquet completions</li>
 *   <li>{@code generate}: {@code r1j spark eval / rejection / distill} — problems in blocks, one model per executor
 *       slot, seeds from the problem's number, so results do not depend on how many executors there are</li>
 *   <li>{@code cli}: the picocli commands</li>
 * </ul>
 */
package org.r1j.scale;

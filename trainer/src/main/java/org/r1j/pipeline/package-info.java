/**
 * The DeepSeek-R1 pipeline around the trainers in {@code org.r1j.grpo} and {@code org.r1j.train}.
 * <ul>
 *   <li>{@code task}: built-in procedural tasks (arithmetic, Countdown, mixed-script) with seeds, a disjoint
 *       train/test split by question hash, reference answers, cold-start SFT data and answer checkers; JSONL
 *       datasets as a {@code DatasetTask}.</li>
 *   <li>{@code data}: {@code Problem}, prompt templates (R1-Zero, compact, chat), JSONL loaders that report
 *       malformed lines by number, SFT JSONL.</li>
 *   <li>{@code eval}: pass@1 over k samples, cons@k by majority vote of equivalent answers, greedy accuracy,
 *       language consistency; per-problem Tablesaw table.</li>
 *   <li>{@code rejection}: N samples per prompt → verified, well-formed, single-language, distinct → SFT data
 *       (also distillation's data step, sampling from a teacher).</li>
 *   <li>{@code run}: the {@code Pipeline} of stages saved under {@code runs/<name>/<NN>-<kind>/}.</li>
 *   <li>{@code config}, {@code cli}: YAML configs ({@code configs/*.yaml}) and {@code r1j train} / {@code r1j eval}.</li>
 * </ul>
 */
package org.r1j.pipeline;

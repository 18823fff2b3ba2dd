package org.r1j.pipeline.eval;

import tech.tablesaw.api.Table;

/**
 * What an evaluation measured, as fractions in [0, 1].
 *
 * @param problems       problems evaluated
 * @param k              samples per problem
 * @param passAt1        mean over problems of (correct samples / k) — the R1 paper's pass@1
 * @param consAtK        share of problems whose majority-vote answer is correct — cons@k
 * @param passAtK        share of problems with at least one correct sample
 * @param greedyAccuracy share of problems the greedy completion gets right; NaN when greedy decoding was off
 * @param languageConsistency mean over samples of R1's language-consistency share (target-language words / words in
 *                       the {@code <think>} block; target = the problem's {@code language} field, else "en"); samples
 *                       without words are left out; NaN when none had any
 * @param perProblem     one row per problem: id, question, reference, correct, pass@1, majority answer, cons,
 *                       greedy answer, greedy correct, language consistency, first sample
 */
public record EvalResult(int problems, int k, double passAt1, double consAtK, double passAtK, double greedyAccuracy,
                         double languageConsistency, Table perProblem) {
    /** "pass@1 41.2% | cons@8 55.0% | pass@8 80.0% | greedy 47.5% (40 problems)", plus language consistency when measured. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "pass@1 %.1f%% | cons@%d %.1f%% | pass@%d %.1f%% | greedy %s (%d problems)%s",
                100 * passAt1, k, 100 * consAtK, k, 100 * passAtK,
                Double.isNaN(greedyAccuracy) ? "-" : String.format(java.util.Locale.ROOT, "%.1f%%", 100 * greedyAccuracy),
                problems, Double.isNaN(languageConsistency) ? ""
                        : String.format(java.util.Locale.ROOT, " | language consistency %.1f%%", 100 * languageConsistency));
    }
}

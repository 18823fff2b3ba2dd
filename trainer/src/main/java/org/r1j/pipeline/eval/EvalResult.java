package org.r1j.pipeline.eval;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * What an evaluation measured, as fractions in [0, 1], each headline number with its standard error so that two
 * runs can be told apart from noise (see {@link StandardError}).
 *
 * @param problems       problems evaluated
 * @param k              samples per problem
 * @param passAt1        mean over problems of (correct samples / k) — the R1 paper's pass@1
 * @param passAt1StdErr  standard error of pass@1 over problems (problems are the unit that varies; the k samples of
 *                       one problem are not independent draws)
 * @param consAtK        share of problems whose majority-vote answer is correct — cons@k
 * @param consAtKStdErr  its binomial standard error over problems
 * @param passAtK        share of problems with at least one correct sample
 * @param greedyAccuracy share of problems the greedy completion gets right; NaN when greedy decoding was off
 * @param greedyStdErr   its binomial standard error over problems; NaN when greedy decoding was off
 * @param formatRate     share of the k samples per problem in R1's {@code <think>…</think><answer>…</answer>} format
 *                       ({@link AnswerTags#wellFormed})
 * @param meanLength     mean sample length in tokens (in characters when the sampler does not report tokens)
 * @param languageConsistency mean over samples of R1's language-consistency share (target-language words / words in
 *                       the {@code <think>} block; target = the problem's {@code language} field, else "en"); samples
 *                       without words are left out; NaN when none had any
 * @param perProblem     one row per problem: id, question, reference, correct, pass@1, majority answer, cons,
 *                       greedy answer, greedy correct, language consistency, first sample
 */
public record EvalResult(int problems, int k, double passAt1, double passAt1StdErr, double consAtK, double consAtKStdErr,
                         double passAtK, double greedyAccuracy, double greedyStdErr, double formatRate, double meanLength,
                         double languageConsistency, Table perProblem) {

    /** "pass@1 41.2% ± 3.1 | cons@8 55.0% | pass@8 80.0% | greedy 47.5% (40 problems)", plus language consistency when measured. */
    public String summary() {
        return String.format(Locale.ROOT, "pass@1 %.1f%% ± %.1f | cons@%d %.1f%% | pass@%d %.1f%% | greedy %s (%d problems)%s",
                100 * passAt1, 100 * passAt1StdErr, k, 100 * consAtK, k, 100 * passAtK,
                Double.isNaN(greedyAccuracy) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * greedyAccuracy),
                problems, Double.isNaN(languageConsistency) ? ""
                        : String.format(Locale.ROOT, " | language consistency %.1f%%", 100 * languageConsistency));
    }

    /**
     * The numbers under the names in-run evaluation logs them ({@code eval/pass@1}, {@code eval/pass@1_stderr},
     * {@code eval/cons@k}, {@code eval/greedy}, {@code eval/format}, {@code eval/mean_length}, …), as fractions.
     * cons@k keeps the literal "k" so that columns line up across runs with different k.
     */
    public Map<String, Double> metrics(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "pass@1", passAt1);
        m.put(prefix + "pass@1_stderr", passAt1StdErr);
        m.put(prefix + "cons@k", consAtK);
        m.put(prefix + "cons@k_stderr", consAtKStdErr);
        m.put(prefix + "pass@k", passAtK);
        m.put(prefix + "greedy", greedyAccuracy);
        m.put(prefix + "greedy_stderr", greedyStdErr);
        m.put(prefix + "format", formatRate);
        m.put(prefix + "mean_length", meanLength);
        if (!Double.isNaN(languageConsistency)) m.put(prefix + "language_consistency", languageConsistency);
        return m;
    }
}

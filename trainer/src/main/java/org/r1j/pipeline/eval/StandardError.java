package org.r1j.pipeline.eval;

/**
 * Standard errors of evaluation numbers, over problems. A held-out set of n problems is a sample of the task; the
 * k completions of one problem share its difficulty, so they are not n·k independent trials: the spread that matters
 * is between problems (the "clustered" standard error of Miller, "Adding Error Bars to Evals", arXiv 2411.00640).
 * For 0/1 scores per problem (cons@k, greedy) it is the binomial sqrt(p(1-p)/(n-1)).
 */
public final class StandardError {
    private StandardError() {
    }

    /** sqrt(s² / n), s² the unbiased variance of the per-problem scores; 0 for a single problem. */
    public static double ofMean(double[] perProblem) {
        int n = perProblem.length;
        if (n == 0) return Double.NaN;
        if (n == 1) return 0;
        double mean = 0;
        for (double x : perProblem) mean += x;
        mean /= n;
        double ss = 0;
        for (double x : perProblem) ss += (x - mean) * (x - mean);
        return Math.sqrt(ss / (n - 1) / n);
    }
}

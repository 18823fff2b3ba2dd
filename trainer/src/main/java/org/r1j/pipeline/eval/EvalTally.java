package org.r1j.pipeline.eval;

import org.r1j.pipeline.data.Problem;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Adds problem verdicts up into an {@link EvalResult}. Verdicts must come in problem order: the sums are floating
 * point, and the same order gives the same bits whether the verdicts were reached in one process or on many.
 */
public final class EvalTally {
    private final int k;
    private final boolean greedy;
    private final Table rows = emptyTable();
    private double passK, langSum, wellFormed, lengthSum;
    private int langCount, problems;
    // per problem, for the standard errors over problems
    private final java.util.List<Double> pass1 = new java.util.ArrayList<>(), cons = new java.util.ArrayList<>(),
            greedyRight = new java.util.ArrayList<>();

    /** @param greedy whether the verdicts include a greedy pass (greedy accuracy is NaN otherwise) */
    public EvalTally(int k, boolean greedy) {
        this.k = k;
        this.greedy = greedy;
    }

    public void add(Problem p, ProblemVerdict v) {
        double problemPass1 = v.correct() / (double) k;
        pass1.add(problemPass1);
        cons.add(v.consCorrect() ? 1.0 : 0.0);
        passK += v.correct() > 0 ? 1 : 0;
        greedyRight.add(v.greedyCorrect() ? 1.0 : 0.0);
        wellFormed += v.wellFormed();
        lengthSum += v.lengthSum();
        langSum += v.languageSum();
        langCount += v.languageCount();
        problems++;
        rows.stringColumn("id").append(p.id());
        rows.stringColumn("question").append(p.question());
        rows.stringColumn("reference").append(p.reference());
        rows.intColumn("correct").append(v.correct());
        rows.doubleColumn("pass@1").append(problemPass1);
        rows.stringColumn("majority").append(v.majority());
        rows.booleanColumn("cons").append(v.consCorrect());
        rows.stringColumn("greedy_answer").append(v.greedyAnswer());
        rows.booleanColumn("greedy_correct").append(v.greedyCorrect());
        rows.doubleColumn("language_consistency").append(v.languageCount() == 0 ? Double.NaN : v.languageSum() / v.languageCount());
        rows.stringColumn("sample").append(v.firstSample());
    }

    public EvalResult result() {
        if (problems == 0) throw new IllegalStateException("no verdicts to add up");
        int n = problems;
        double[] p1 = unbox(pass1), c = unbox(cons), g = unbox(greedyRight);
        return new EvalResult(n, k, mean(p1), StandardError.ofMean(p1), mean(c), StandardError.ofMean(c), passK / n,
                greedy ? mean(g) : Double.NaN, greedy ? StandardError.ofMean(g) : Double.NaN, wellFormed / ((double) n * k),
                lengthSum / ((double) n * k), langCount == 0 ? Double.NaN : langSum / langCount, rows);
    }

    private static double[] unbox(java.util.List<Double> x) {
        return x.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Summed in problem order, as before the split: the same bits in one process or many. */
    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    private static Table emptyTable() {
        return Table.create("eval",
                StringColumn.create("id"), StringColumn.create("question"), StringColumn.create("reference"),
                IntColumn.create("correct"), DoubleColumn.create("pass@1"), StringColumn.create("majority"),
                BooleanColumn.create("cons"), StringColumn.create("greedy_answer"), BooleanColumn.create("greedy_correct"),
                DoubleColumn.create("language_consistency"), StringColumn.create("sample"));
    }
}

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
    private double pass1, cons, passK, greedyRight, langSum;
    private int langCount, problems;

    /** @param greedy whether the verdicts include a greedy pass (greedy accuracy is NaN otherwise) */
    public EvalTally(int k, boolean greedy) {
        this.k = k;
        this.greedy = greedy;
    }

    public void add(Problem p, ProblemVerdict v) {
        double problemPass1 = v.correct() / (double) k;
        pass1 += problemPass1;
        cons += v.consCorrect() ? 1 : 0;
        passK += v.correct() > 0 ? 1 : 0;
        greedyRight += v.greedyCorrect() ? 1 : 0;
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
        return new EvalResult(n, k, pass1 / n, cons / n, passK / n, greedy ? greedyRight / n : Double.NaN,
                langCount == 0 ? Double.NaN : langSum / langCount, rows);
    }

    private static Table emptyTable() {
        return Table.create("eval",
                StringColumn.create("id"), StringColumn.create("question"), StringColumn.create("reference"),
                IntColumn.create("correct"), DoubleColumn.create("pass@1"), StringColumn.create("majority"),
                BooleanColumn.create("cons"), StringColumn.create("greedy_answer"), BooleanColumn.create("greedy_correct"),
                DoubleColumn.create("language_consistency"), StringColumn.create("sample"));
    }
}

package org.r1j.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.r1j.train.record.MetricsTable;
import org.r1j.pipeline.run.StageOutcome;
import tech.tablesaw.api.Table;

/**
 * A finished run's held-out numbers, read from its stage folders: the in-run evaluation curve of its last training
 * stage that logged {@code eval/pass@1} (with standard errors), its reward curve, and the final and best pass@1.
 * "Final" is the last eval stage's, else the curve's last point; "best" is the curve's highest point (the earliest
 * of equals), else the final value.
 *
 * @param curve        in-run evaluation points (may be empty)
 * @param curveStage   the stage folder the curve comes from ("" when none)
 * @param rewardSteps  steps of the reward curve (of the last grpo stage)
 * @param reward       mean reward per step
 */
public record RunMetrics(double finalPassAt1, double finalStdErr, double finalConsAtK, double finalGreedy, double bestPassAt1,
                         int bestStep, List<Point> curve, String curveStage, int[] rewardSteps, double[] reward) {
    /** One in-run evaluation. */
    public record Point(int step, double passAt1, double stdErr) {}

    public static final RunMetrics NONE = new RunMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1,
            List.of(), "", new int[0], new double[0]);

    static RunMetrics collect(List<StageOutcome> stages) {
        List<Point> curve = List.of();
        String curveStage = "";
        double consK = Double.NaN, greedy = Double.NaN;
        int[] rewardSteps = new int[0];
        double[] reward = new double[0];
        StageOutcome lastEval = null;
        for (StageOutcome o : stages) {
            if (o.kind().equals("eval")) {
                lastEval = o;
                continue;
            }
            Path csv = o.dir().resolve("metrics.csv");
            if (!Files.isRegularFile(csv)) continue;
            Table t = MetricsTable.readCsv(csv).table();
            if (t.columnNames().contains("eval/pass@1")) {
                List<Point> points = new ArrayList<>();
                for (int r = 0; r < t.rowCount(); r++) {
                    double v = t.doubleColumn("eval/pass@1").getDouble(r);
                    if (Double.isNaN(v)) continue;
                    points.add(new Point(t.intColumn("step").getInt(r), v, value(t, "eval/pass@1_stderr", r)));
                    consK = value(t, "eval/cons@k", r);
                    greedy = value(t, "eval/greedy", r);
                }
                curve = points;
                curveStage = o.dir().getFileName().toString();
            }
            if (o.kind().equals("grpo") && t.columnNames().contains("reward")) {
                List<Integer> steps = new ArrayList<>();
                List<Double> values = new ArrayList<>();
                for (int r = 0; r < t.rowCount(); r++) {
                    double v = t.doubleColumn("reward").getDouble(r);
                    if (Double.isNaN(v)) continue;
                    steps.add(t.intColumn("step").getInt(r));
                    values.add(v);
                }
                rewardSteps = steps.stream().mapToInt(Integer::intValue).toArray();
                reward = values.stream().mapToDouble(Double::doubleValue).toArray();
            }
        }
        double finalPass = Double.NaN, finalSe = Double.NaN;
        if (lastEval != null) {
            finalPass = percent(lastEval.results().get("pass@1"));
            finalSe = percent(lastEval.results().get("pass@1_stderr"));
            for (var e : lastEval.results().entrySet()) if (e.getKey().startsWith("cons@")) consK = percent(e.getValue());
            greedy = percent(lastEval.results().get("greedy"));
        } else if (!curve.isEmpty()) {
            finalPass = curve.get(curve.size() - 1).passAt1();
            finalSe = curve.get(curve.size() - 1).stdErr();
        }
        double best = finalPass;
        int bestStep = -1;
        for (Point p : curve) {
            if (bestStep < 0 || p.passAt1() > best) {
                best = p.passAt1();
                bestStep = p.step();
            }
        }
        return new RunMetrics(finalPass, finalSe, consK, greedy, best, bestStep, curve, curveStage, rewardSteps, reward);
    }

    private static double value(Table t, String column, int row) {
        return t.columnNames().contains(column) ? t.doubleColumn(column).getDouble(row) : Double.NaN;
    }

    /** "41.2%" → 0.412; NaN when absent. */
    static double percent(String s) {
        if (s == null) return Double.NaN;
        try {
            return Double.parseDouble(s.strip().replace("%", "")) / 100;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}

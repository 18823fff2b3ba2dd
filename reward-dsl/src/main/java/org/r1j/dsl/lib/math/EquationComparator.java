package org.r1j.dsl.lib.math;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * Two equations {@code f = 0} and {@code g = 0} are the same when {@code f = c·g} for a constant c ≠ 0: the ratio
 * f/g must be the same at every random point. This separates two different lines (math-verify reads both as 0).
 * When the ratio is not constant the equations may still have the same solutions ({@code xy = 6} and
 * {@code y = 6/x}); {@link ZeroSets} decides that.
 */
final class EquationComparator {
    private static final int POINTS = 5;
    private static final int MAX_TRIES = 20;

    private final Deadline deadline;

    EquationComparator(Deadline deadline) {
        this.deadline = deadline;
    }

    Outcome compare(Expr f, Expr g, Expr shownP, Expr shownG) {
        Set<String> vars = new TreeSet<>(Evaluator.variables(f));
        vars.addAll(Evaluator.variables(g));
        SplittableRandom rnd = new SplittableRandom(0xE0);
        Real ratio = null;
        int valid = 0;
        for (int tries = 0; tries < MAX_TRIES && valid < POINTS; tries++) {
            Map<String, Real> point = new HashMap<>();
            for (String v : vars) {
                int num = 2 + rnd.nextInt(37);
                point.put(v, Real.exact(BigFraction.of(tries >= 3 && tries % 2 == 1 ? -num : num, 1 + rnd.nextInt(7))));
            }
            Evaluator ev = new Evaluator(point, deadline);
            Real a;
            Real b;
            try {
                a = ev.eval(f);
                b = ev.eval(g);
            } catch (Undefined u) {
                continue;
            }
            boolean aZero = ScalarComparator.same(a, Real.exact(BigFraction.ZERO));
            boolean bZero = ScalarComparator.same(b, Real.exact(BigFraction.ZERO));
            if (aZero || bZero) {
                if (aZero != bZero) return Outcome.no("different equations: " + shownP + " vs " + shownG);
                continue;
            }
            Real r = a.divide(b);
            if (ratio == null) ratio = r;
            else if (!ScalarComparator.same(ratio, r)) return new ZeroSets(deadline).compare(f, g, vars, shownP, shownG);
            valid++;
        }
        if (valid >= POINTS - 2) return Outcome.yes("equal (equivalent equations)");
        return Outcome.unknown("could not evaluate the equations at enough points");
    }
}

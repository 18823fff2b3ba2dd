package org.r1j.dsl.lib.math;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Do {@code f = 0} and {@code g = 0} have the same solutions? With the other variables at random values, the roots
 * in one variable (y, else x) are located on a grid (sign changes refined by bisection; poles, which also change
 * sign, rejected) for each equation, and every root of one must be a root of the other. Double precision
 * ({@link DoubleEvaluator}) is enough to locate roots. Used only when the equations are not multiples of each
 * other. Roots of even multiplicity (no sign change) are not seen; when no root is found the equations count as
 * different, as before.
 */
final class ZeroSets {
    /** Grid: [-GRID_HALF_WIDTH, GRID_HALF_WIDTH] in steps of 1/4, shifted by a random fraction. */
    private static final int GRID_HALF_WIDTH = 40;
    private static final int BISECTIONS = 60;
    private static final int TRIES = 3;
    private static final double DELTA = 1e-4;
    /** |h(root)| must be below this fraction of |h| at root ± DELTA. */
    private static final double SMALL = 1e-6;

    private final Deadline deadline;

    ZeroSets(Deadline deadline) {
        this.deadline = deadline;
    }

    Outcome compare(Expr f, Expr g, Set<String> vars, Expr shownP, Expr shownG) {
        Outcome different = Outcome.no("different equations: " + shownP + " vs " + shownG);
        List<String> order = new ArrayList<>(new TreeSet<>(vars));
        Collections.reverse(order); // y before x: solve for the usual dependent variable first
        for (String v : order.subList(0, Math.min(2, order.size()))) {
            Boolean same = compareSolvingFor(v, f, g, vars);
            if (same != null) return same ? Outcome.yes("equal (same solutions)") : different;
        }
        return different;
    }

    /** TRUE/FALSE when roots in v were found and compared at enough points, else null. */
    private Boolean compareSolvingFor(String v, Expr f, Expr g, Set<String> vars) {
        SplittableRandom rnd = new SplittableRandom(0x2E);
        int compared = 0;
        for (int t = 0; t < TRIES; t++) {
            Map<String, Double> point = new HashMap<>();
            for (String other : vars) if (!other.equals(v)) point.put(other, (1 + rnd.nextInt(11)) / 4.0);
            double shift = rnd.nextDouble() / 4;
            List<Double> rf = roots(f, v, point, shift);
            List<Double> rg = roots(g, v, point, shift);
            if (rf.isEmpty() && rg.isEmpty()) continue;
            for (double r : rf) if (!vanishes(g, v, r, point)) return false;
            for (double r : rg) if (!vanishes(f, v, r, point)) return false;
            compared++;
        }
        return compared >= 2 ? Boolean.TRUE : null;
    }

    private List<Double> roots(Expr h, String v, Map<String, Double> point, double shift) {
        List<Double> out = new ArrayList<>();
        double prevX = Double.NaN;
        double prevY = Double.NaN;
        for (int k = -4 * GRID_HALF_WIDTH; k <= 4 * GRID_HALF_WIDTH && out.size() < 20; k++) {
            double x = k / 4.0 + shift;
            double y = value(h, v, x, point);
            if (y == 0) {
                out.add(x);
            } else if (!Double.isNaN(y) && !Double.isNaN(prevY) && Math.signum(y) != Math.signum(prevY) && prevY != 0) {
                double r = bisect(h, v, prevX, x, prevY, point);
                if (!Double.isNaN(r) && vanishes(h, v, r, point)) out.add(r);
            }
            prevX = x;
            prevY = y;
        }
        return out;
    }

    private double bisect(Expr h, String v, double lo, double hi, double loY, Map<String, Double> point) {
        for (int i = 0; i < BISECTIONS; i++) {
            double mid = (lo + hi) / 2;
            double y = value(h, v, mid, point);
            if (Double.isNaN(y)) return Double.NaN;
            if (y == 0) return mid;
            if (Math.signum(y) == Math.signum(loY)) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }

    /** h is zero at r: tiny compared with its values a little to either side. */
    private boolean vanishes(Expr h, String v, double r, Map<String, Double> point) {
        double at = Math.abs(value(h, v, r, point));
        double scale = Math.max(Math.abs(value(h, v, r - DELTA, point)), Math.abs(value(h, v, r + DELTA, point)));
        return !Double.isNaN(at) && !Double.isNaN(scale) && Double.isFinite(scale) && at <= SMALL * scale;
    }

    private double value(Expr h, String v, double x, Map<String, Double> point) {
        Map<String, Double> at = new HashMap<>(point);
        at.put(v, x);
        double y = new DoubleEvaluator(at, deadline).eval(h);
        return Double.isInfinite(y) ? Double.NaN : y;
    }
}

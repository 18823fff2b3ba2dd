package org.r1j.dsl.lib.math;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.Set;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * Compares two single-valued expressions. Without variables: exact rationals compare exactly (so {@code 1/2004!} and
 * {@code 1/2006!} differ); anything irrational compares at 50 digits with relative tolerance 1e-30. A predicted
 * decimal with at least {@link #MIN_ROUNDED_DIGITS} significant digits also matches a value it correctly rounds
 * ({@code 1.414} for {@code \sqrt2}). With variables: both sides are evaluated at up to {@link #POINTS} seeded
 * random rational points (exactly where possible); any difference means FALSE, agreement everywhere TRUE
 * (probabilistic identity testing: a false "equal" needs a non-zero expression vanishing at every random point).
 */
final class ScalarComparator {
    /** Random points an identity must hold at (points where either side is undefined are skipped). */
    static final int POINTS = 5;
    /** Attempts to find those points before the answer is UNKNOWN. */
    private static final int MAX_TRIES = 20;
    /** Fewest significant digits a decimal needs before it may stand for an irrational or repeating value. */
    static final int MIN_ROUNDED_DIGITS = 3;
    private static final BigDecimal REL_TOLERANCE = new BigDecimal("1e-30");
    private static final BigDecimal ZERO_TOLERANCE = new BigDecimal("1e-40");

    private final Deadline deadline;

    ScalarComparator(Deadline deadline) {
        this.deadline = deadline;
    }

    Outcome compare(Expr p, Expr g) {
        Set<String> vars = new TreeSet<>(Evaluator.variables(p));
        vars.addAll(Evaluator.variables(g));
        if (!vars.isEmpty()) return symbolic(p, g, vars);
        Evaluator ev = new Evaluator(Map.of(), deadline);
        Real b;
        try {
            b = ev.eval(g);
        } catch (Undefined u) {
            return Outcome.unknown("reference has no value: " + u.getMessage());
        }
        Real a;
        try {
            a = ev.eval(p);
        } catch (Undefined u) {
            return Outcome.no("answer has no value: " + u.getMessage());
        }
        if (same(a, b)) return Outcome.yes(a.isExact() && b.isExact() ? "equal (numeric)" : "equal (numeric, 50 digits)");
        Integer d = roundedMatch(p, b);
        if (d == null) d = roundedMatch(g, a);
        if (d != null) return Outcome.yes("equal (rounded to " + d + " decimals)");
        return Outcome.no("different values: " + a + " vs " + b);
    }

    /** Decimal places when {@code literal} is a decimal that correctly rounds the non-terminating {@code value}. */
    private static Integer roundedMatch(Expr literal, Real value) {
        Expr.Num n = literal instanceof Expr.Num x ? x : null;
        if (n == null || n.decimals() < 1 || n.significant() < MIN_ROUNDED_DIGITS || value.isInfinite()) return null;
        if (value.isExact() && terminates(value.exactValue())) return null;
        BigDecimal rounded = value.decimal().setScale(n.decimals(), RoundingMode.HALF_UP);
        return rounded.compareTo(new BigDecimal(n.text())) == 0 ? n.decimals() : null;
    }

    private static boolean terminates(BigFraction f) {
        BigInteger d = f.getDenominator();
        for (int p : new int[] {2, 5}) {
            BigInteger bp = BigInteger.valueOf(p);
            while (d.mod(bp).signum() == 0) d = d.divide(bp);
        }
        return d.equals(BigInteger.ONE);
    }

    static boolean same(Real a, Real b) {
        if (a.isInfinite() || b.isInfinite()) return a.isInfinite() && b.isInfinite() && a.infinitySign() == b.infinitySign();
        if (a.isExact() && b.isExact()) return a.exactValue().equals(b.exactValue());
        BigDecimal x = a.decimal();
        BigDecimal y = b.decimal();
        BigDecimal diff = x.subtract(y, Real.MC).abs();
        if (x.signum() == 0 || y.signum() == 0) return diff.compareTo(ZERO_TOLERANCE) <= 0;
        BigDecimal scale = x.abs().max(y.abs());
        return diff.compareTo(scale.multiply(REL_TOLERANCE, Real.MC)) <= 0;
    }

    private Outcome symbolic(Expr p, Expr g, Set<String> vars) {
        SplittableRandom rnd = new SplittableRandom(0x5EED);
        int valid = 0;
        for (int tries = 0; tries < MAX_TRIES && valid < POINTS; tries++) {
            Map<String, Real> point = new HashMap<>();
            for (String v : vars) point.put(v, randomValue(rnd, tries));
            Evaluator ev = new Evaluator(point, deadline);
            Real a;
            Real b;
            try {
                a = ev.eval(p);
                b = ev.eval(g);
            } catch (Undefined u) {
                continue;
            }
            if (!same(a, b)) return Outcome.no("different expressions (" + a + " vs " + b + " at " + show(point) + ")");
            valid++;
        }
        if (valid >= POINTS - 2) return Outcome.yes("equal (symbolic)");
        return Outcome.unknown("could not evaluate the expressions at enough points");
    }

    /** Positive rationals first (domains of sqrt and log), then alternating signs; avoids 0 and ±1. */
    private static Real randomValue(SplittableRandom rnd, int attempt) {
        int num = 2 + rnd.nextInt(37);
        int den = 1 + rnd.nextInt(7);
        if (num == den) num++;
        BigFraction f = BigFraction.of(num, den);
        if (attempt >= 3 && attempt % 2 == 1) f = f.negate();
        return Real.exact(f);
    }

    private static String show(Map<String, Real> point) {
        StringBuilder b = new StringBuilder();
        new TreeSet<>(point.keySet()).forEach(k -> b.append(b.length() == 0 ? "" : ", ").append(k).append(" = ").append(point.get(k)));
        return b.toString();
    }
}

package org.r1j.dsl.lib.math;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.r1j.dsl.lib.math.Expr.Group;
import org.r1j.dsl.lib.math.Expr.ListOf;
import org.r1j.dsl.lib.math.Expr.Rel;
import org.r1j.dsl.lib.math.Expr.SetOf;

/**
 * Compares two parsed answers by shape. Rules, in order:
 * <ol>
 * <li>{@code x = 3} against a non-equation compares its value ({@code 3}); {@code x ∈ [0,1]} its set; {@code a ± b}
 * is the set of both values.</li>
 * <li>Intervals (mixed brackets, ∪, or inequalities such as {@code x > 3} or {@code 1 < x ≤ 2}) compare as sets of
 * intervals, ends and open/closed included; {@code (a, b)} is both a tuple and an open interval.</li>
 * <li>Tuples, points and matrices compare item by item in order; sets {@code \{…\}} and bare lists ({@code 1, 2} or
 * "1 or 2") compare without order or duplicates (a bare list against a tuple keeps order).</li>
 * <li>Two equations are equal when one is a non-zero multiple of the other ({@code y = 2x + 1} and
 * {@code 2x - y + 1 = 0}).</li>
 * <li>Single values go to {@link ScalarComparator}; a percentage also matches its number without the percent sign.</li>
 * <li>Word answers compare case- and space-insensitively.</li>
 * </ol>
 */
final class AnswerComparator {
    /** Set and tuple comparisons beyond this many items are UNKNOWN (they are quadratic). */
    static final int MAX_ITEMS = 200;

    /** SI and common unit symbols that, written after a number, are units rather than variables. */
    static final java.util.Set<String> UNIT_LETTERS = java.util.Set.of("m", "s", "g", "h", "l", "L", "K", "N", "J", "W", "V", "A");

    private final Deadline deadline;
    private final ScalarComparator scalars;

    AnswerComparator(Deadline deadline) {
        this.deadline = deadline;
        this.scalars = new ScalarComparator(deadline);
    }

    Outcome compare(Expr p, Expr g) {
        deadline.check();
        p = normalise(p, g);
        g = normalise(g, p);
        if (p instanceof Expr.Words || g instanceof Expr.Words) return words(p, g);

        if (p instanceof Group a && g instanceof Group b && a.items().size() == 2 && b.items().size() == 2
                && (a.open() != b.open() || a.close() != b.close())) {
            return intervals(intervals(p), intervals(g)); // (0, 1) vs [0, 1]: brackets decide
        }
        List<Interval> pi = intervals(p);
        List<Interval> gi = intervals(g);
        boolean pInterval = isIntervalShaped(p);
        boolean gInterval = isIntervalShaped(g);
        if ((pInterval || gInterval) && pi != null && gi != null) return intervals(pi, gi);
        if (pInterval || gInterval) return Outcome.no("different kinds of answer: " + p + " vs " + g);

        if (p instanceof Rel pr && g instanceof Rel gr) return equations(pr, gr);
        if (p instanceof Rel || g instanceof Rel) return Outcome.no("different kinds of answer: " + p + " vs " + g);

        if (isUnordered(p) || isUnordered(g)) {
            boolean ordered = p instanceof Group || g instanceof Group || p instanceof Expr.Matrix || g instanceof Expr.Matrix;
            return ordered ? ordered(items(p), items(g), "tuples") : unordered(items(p), items(g));
        }
        if (p instanceof Group || g instanceof Group) return groups(p, g);
        if (p instanceof Expr.Matrix || g instanceof Expr.Matrix) return matrices(p, g);
        return scalar(p, g);
    }

    private Outcome scalar(Expr p, Expr g) {
        Expr pu = withoutUnit(p, g);
        Expr gu = withoutUnit(g, p);
        if (pu != p || gu != g) {
            Outcome o = scalar(pu, gu);
            return o.isTrue() ? Outcome.yes(o.reason().replace(")", ", unit dropped)")) : o;
        }
        Outcome o = scalars.compare(p, g);
        if (o.isTrue() || !(hasPercent(p) || hasPercent(g))) return o;
        Outcome stripped = scalars.compare(stripPercent(p), stripPercent(g));
        return stripped.isTrue() ? Outcome.yes("equal (percent sign dropped)") : o;
    }

    /**
     * "10 m", "5 s", "3 m^2" written without \text: a number times one unit letter, compared with an answer that has
     * no variables, is the number. (With \text{…} units never become variables in the first place.)
     */
    private static Expr withoutUnit(Expr e, Expr other) {
        if (!(e instanceof Expr.Bin b) || b.op() != '*' || !Evaluator.variables(other).isEmpty()) return e;
        Expr unit = b.r() instanceof Expr.Bin pw && pw.op() == '^' && pw.r() instanceof Expr.Num ? pw.l() : b.r();
        if (!(unit instanceof Expr.Sym s) || !UNIT_LETTERS.contains(s.name())) return e;
        return Evaluator.variables(b.l()).isEmpty() ? b.l() : e;
    }

    /** Equations and memberships reduce to their value when the other side is not of the same kind. */
    private static Expr normalise(Expr e, Expr other) {
        if (e instanceof Rel r) {
            if (r.ops().size() == 1 && r.ops().get(0).equals("in")) return r.operands().get(1);
            if (r.ops().stream().allMatch("="::equals) && !isEquation(other)) {
                Expr v = equationValue(r);
                return v == r ? r : normalise(v, other);
            }
        }
        if (e instanceof ListOf l && !isEquationList(other)) return new ListOf(values(l.items(), other));
        if (e instanceof SetOf s && !isEquationList(other)) return new SetOf(values(s.items(), other));
        if (e instanceof Group gr && !isEquationList(other)) return new Group(gr.open(), gr.close(), values(gr.items(), other));
        if (Exprs.contains(e, x -> x instanceof Expr.PlusMinus) && !(e instanceof Rel)) return expandPlusMinus(e);
        return e;
    }

    private static List<Expr> values(List<Expr> items, Expr other) {
        List<Expr> out = new ArrayList<>();
        for (Expr item : items) {
            Expr v = normalise(item, other instanceof Rel ? other : Expr.Num.of("0"));
            if (v instanceof SetOf s && item instanceof Expr.PlusMinus) out.addAll(s.items());
            else out.add(v);
        }
        return out;
    }

    private static boolean isEquation(Expr e) {
        return e instanceof Rel r && r.ops().stream().allMatch("="::equals) && !isValueEquation(r);
    }

    /** {@code x = 3}: an equation whose purpose is to name a value, not to describe a curve. */
    private static boolean isValueEquation(Rel r) {
        Expr last = r.operands().get(r.operands().size() - 1);
        Expr first = r.operands().get(0);
        return (first instanceof Expr.Sym || isFunctionOf(first)) && Evaluator.variables(last).isEmpty();
    }

    private static boolean isEquationList(Expr e) {
        return isEquation(e) || Exprs.children(e).stream().anyMatch(AnswerComparator::isEquation);
    }

    private static Expr equationValue(Rel r) {
        List<Expr> ops = r.operands();
        Expr first = ops.get(0);
        Expr last = ops.get(ops.size() - 1);
        // only "x = 3" (or "3 = x", "f(x) = …") names a value; "a + 3z = 0" is an equation, not the number 0
        if (last instanceof Expr.Sym && Evaluator.variables(first).isEmpty()) return first;
        if (first instanceof Expr.Sym || isFunctionOf(first)) return last;
        if (Evaluator.variables(first).isEmpty() && Evaluator.variables(last).isEmpty()) return last;  // 2 + 3 = 5
        return r;
    }

    /** The defined side of "y = …" or "f(x) = …" (y and f(x) name the same thing in an answer). */
    private static boolean isDependent(Expr e) {
        return isFunctionOf(e) || e instanceof Expr.Sym s && s.name().equals("y");
    }

    /** f(x), g(t): the left side of a function definition. */
    private static boolean isFunctionOf(Expr e) {
        return e instanceof Expr.Call c && c.fn().length() == 1;
    }

    private static Expr expandPlusMinus(Expr e) {
        if (e instanceof ListOf || e instanceof SetOf) {
            List<Expr> out = new ArrayList<>();
            for (Expr item : Exprs.children(e)) {
                Expr x = expandPlusMinus(item);
                if (x instanceof SetOf s) out.addAll(s.items());
                else out.add(x);
            }
            return e instanceof SetOf ? new SetOf(out) : new ListOf(out);
        }
        if (!isScalar(e)) return e;
        Expr plus = Exprs.map(e, x -> x instanceof Expr.PlusMinus pm
                ? new Expr.Bin(pm.minusFirst() ? '-' : '+', pm.l(), pm.r()) : x);
        Expr minus = Exprs.map(e, x -> x instanceof Expr.PlusMinus pm
                ? new Expr.Bin(pm.minusFirst() ? '+' : '-', pm.l(), pm.r()) : x);
        return new SetOf(List.of(plus, minus));
    }

    private static boolean isScalar(Expr e) {
        return !(e instanceof Rel || e instanceof Group || e instanceof SetOf || e instanceof ListOf
                || e instanceof Expr.Union || e instanceof Expr.Matrix || e instanceof Expr.Words);
    }

    // ---- intervals -------------------------------------------------------------------------------------------

    private static boolean isIntervalShaped(Expr e) {
        if (e instanceof Group g) return g.items().size() == 2 && !(g.open() == '(' && g.close() == ')') && !(g.open() == '[' && g.close() == ']');
        if (e instanceof Expr.Union) return true;
        if (e instanceof Rel r) return r.ops().stream().allMatch(o -> o.startsWith("<") || o.startsWith(">"));
        if (e instanceof ListOf l) return !l.items().isEmpty() && l.items().stream().allMatch(AnswerComparator::isIntervalShaped);
        return e instanceof Expr.Sym s && s.name().equals("R");
    }

    /** The answer as a list of intervals, or null when it is not a set of reals. */
    private static List<Interval> intervals(Expr e) {
        Expr inf = new Expr.Const("inf");
        Expr negInf = new Expr.Neg(inf);
        if (e instanceof Expr.Sym s && s.name().equals("R")) return List.of(new Interval(negInf, inf, false, false));
        if (e instanceof Group g && g.items().size() == 2) {
            return List.of(interval(g.items().get(0), g.items().get(1), g.open() == '[', g.close() == ']'));
        }
        if (e instanceof Expr.Union u || e instanceof ListOf) {
            List<Interval> out = new ArrayList<>();
            for (Expr part : Exprs.children(e)) {
                List<Interval> sub = intervals(part);
                if (sub == null) return null;
                out.addAll(sub);
            }
            return out;
        }
        if (e instanceof Rel r) return inequality(r, inf, negInf);
        return null;
    }

    private static List<Interval> inequality(Rel r, Expr inf, Expr negInf) {
        List<Expr> xs = r.operands();
        List<String> ops = r.ops();
        if (ops.size() == 1) {
            boolean varLeft = !Evaluator.variables(xs.get(0)).isEmpty() && Evaluator.variables(xs.get(1)).isEmpty();
            boolean varRight = Evaluator.variables(xs.get(0)).isEmpty() && !Evaluator.variables(xs.get(1)).isEmpty();
            if (!varLeft && !varRight) return null;
            Linear side = Linear.of(varLeft ? xs.get(0) : xs.get(1));
            if (side == null) return null;
            String op = varLeft ? ops.get(0) : flip(ops.get(0));
            if (side.negative()) op = flip(op);  // -x > -1 is x < 1
            Expr c = side.solve(varLeft ? xs.get(1) : xs.get(0));
            boolean closed = op.endsWith("=");
            return List.of(op.startsWith("<") ? interval(negInf, c, false, closed) : interval(c, inf, closed, false));
        }
        if (ops.size() == 2 && !Evaluator.variables(xs.get(1)).isEmpty()
                && Evaluator.variables(xs.get(0)).isEmpty() && Evaluator.variables(xs.get(2)).isEmpty()
                && ops.get(0).charAt(0) == ops.get(1).charAt(0) && !ops.get(0).startsWith("!")) {
            Linear middle = Linear.of(xs.get(1));
            if (middle == null) return null;
            boolean ascending = ops.get(0).startsWith("<") != middle.negative();
            Expr a = middle.solve(xs.get(0));
            Expr b = middle.solve(xs.get(2));
            boolean aClosed = ops.get(0).endsWith("=");
            boolean bClosed = ops.get(1).endsWith("=");
            return List.of(ascending ? interval(a, b, aClosed, bClosed) : interval(b, a, bClosed, aClosed));
        }
        return null;
    }

    /**
     * A side {@code k·x + d} of an inequality in one variable (k ≠ 0), found by evaluating it at x = 0, 1, 2, 3
     * (exact for linear sides; anything else is not an interval we can read).
     */
    private record Linear(Expr k, Expr d, boolean negative) {
        static Linear of(Expr side) {
            java.util.Set<String> vars = Evaluator.variables(side);
            if (vars.size() != 1) return null;
            String x = vars.iterator().next();
            if (side instanceof Expr.Sym) return new Linear(null, null, false);
            double[] v = new double[4];
            for (int t = 0; t < 4; t++) {
                v[t] = new DoubleEvaluator(java.util.Map.of(x, (double) t), Deadline.none()).eval(side);
                if (!Double.isFinite(v[t])) return null;
            }
            double k = v[1] - v[0];
            double scale = Math.max(1, Math.abs(v[0]) + Math.abs(k));
            if (Math.abs(k) < 1e-12 * scale || Math.abs(v[2] - 2 * v[1] + v[0]) > 1e-9 * scale
                    || Math.abs(v[3] - 3 * v[1] + 2 * v[0]) > 1e-9 * scale) {
                return null;
            }
            Expr at0 = Exprs.map(side, e -> e instanceof Expr.Sym s && s.name().equals(x) ? Expr.Num.of("0") : e);
            Expr at1 = Exprs.map(side, e -> e instanceof Expr.Sym s && s.name().equals(x) ? Expr.Num.of("1") : e);
            return new Linear(new Expr.Bin('-', at1, at0), at0, k < 0);
        }

        /** The x where the side equals {@code c}: (c - d) / k. */
        Expr solve(Expr c) {
            return k == null ? c : new Expr.Bin('/', new Expr.Bin('-', c, d), k);
        }
    }

    private static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    private static Interval interval(Expr lo, Expr hi, boolean loClosed, boolean hiClosed) {
        return new Interval(lo, hi, loClosed && !isInfinite(lo), hiClosed && !isInfinite(hi));
    }

    private static boolean isInfinite(Expr e) {
        return e instanceof Expr.Const c && c.name().equals("inf") || e instanceof Expr.Neg n && isInfinite(n.x());
    }

    private Outcome intervals(List<Interval> p, List<Interval> g) {
        if (p.size() != g.size()) return Outcome.no("different number of intervals: " + show(p) + " vs " + show(g));
        List<Interval> left = new ArrayList<>(g);
        for (Interval a : p) {
            Interval match = null;
            Interval endsOnly = null;
            for (Interval b : left) {
                if (!scalars.compare(a.lo(), b.lo()).isTrue() || !scalars.compare(a.hi(), b.hi()).isTrue()) continue;
                if (a.loClosed() == b.loClosed() && a.hiClosed() == b.hiClosed()) {
                    match = b;
                    break;
                }
                endsOnly = b;
            }
            if (match == null) {
                return Outcome.no("different intervals: " + (endsOnly != null ? a + " vs " + endsOnly : show(p) + " vs " + show(g)));
            }
            left.remove(match);
        }
        return Outcome.yes(p.size() == 1 ? "equal (interval)" : "equal (intervals)");
    }

    private static String show(List<Interval> xs) {
        return String.join(" ∪ ", xs.stream().map(Interval::toString).toList());
    }

    // ---- equations -------------------------------------------------------------------------------------------

    private Outcome equations(Rel p, Rel g) {
        if (p.ops().size() != 1 || g.ops().size() != 1 || !p.ops().get(0).equals(g.ops().get(0))) {
            return Outcome.no("different relations: " + p + " vs " + g);
        }
        if (!p.ops().get(0).equals("=")) return Outcome.unknown("cannot compare relations " + p + " and " + g);
        Expr pl = p.operands().get(0);
        Expr gl = g.operands().get(0);
        if (pl instanceof Expr.Sym && pl.equals(gl) || isDependent(pl) && isDependent(gl) && !(pl instanceof Expr.Sym && gl instanceof Expr.Sym)) {
            Outcome o = scalar(p.operands().get(1), g.operands().get(1));
            return o.isTrue() ? Outcome.yes("equal (equation " + pl + " = …)") : o;
        }
        Expr pd = new Expr.Bin('-', pl, p.operands().get(1));
        Expr gd = new Expr.Bin('-', gl, g.operands().get(1));
        return new EquationComparator(deadline).compare(pd, gd, p, g);
    }

    // ---- tuples, sets, matrices ------------------------------------------------------------------------------

    private static boolean isUnordered(Expr e) {
        return e instanceof SetOf || e instanceof ListOf;
    }

    private static List<Expr> items(Expr e) {
        if (e instanceof SetOf || e instanceof ListOf || e instanceof Group) return Exprs.children(e);
        if (e instanceof Expr.Matrix m && (m.rows().size() == 1 || m.rows().stream().allMatch(r -> r.size() == 1))) {
            return Exprs.children(e);
        }
        return List.of(e);
    }

    private Outcome groups(Expr p, Expr g) {
        if (!(p instanceof Group pg) || !(g instanceof Group gg)) {
            if (p instanceof Expr.Matrix || g instanceof Expr.Matrix) return ordered(items(p), items(g), "vectors");
            return Outcome.no("different kinds of answer: " + p + " vs " + g);
        }
        return ordered(pg.items(), gg.items(), "tuples");
    }

    private Outcome matrices(Expr p, Expr g) {
        if (p instanceof Expr.Matrix pm && g instanceof Expr.Matrix gm) {
            if (pm.rows().size() != gm.rows().size()) return Outcome.no("different matrix sizes");
            for (int r = 0; r < pm.rows().size(); r++) {
                Outcome o = ordered(pm.rows().get(r), gm.rows().get(r), "matrices");
                if (!o.isTrue()) return o;
            }
            return Outcome.yes("equal (matrix)");
        }
        return ordered(items(p), items(g), "vectors");
    }

    private Outcome ordered(List<Expr> p, List<Expr> g, String what) {
        if (p.size() > MAX_ITEMS || g.size() > MAX_ITEMS) return Outcome.unknown("too many items to compare");
        if (p.size() != g.size()) return Outcome.no("different " + what + ": " + p.size() + " vs " + g.size() + " items");
        for (int k = 0; k < p.size(); k++) {
            Outcome o = compare(p.get(k), g.get(k));
            if (!o.isTrue()) {
                return new Outcome(o.truth(), "different " + what + " at item " + (k + 1) + ": " + o.reason());
            }
        }
        return Outcome.yes("equal (" + what.substring(0, what.length() - 1) + ")");
    }

    private Outcome unordered(List<Expr> p, List<Expr> g) {
        if (p.size() > MAX_ITEMS || g.size() > MAX_ITEMS) return Outcome.unknown("too many items to compare");
        List<Expr> ps = distinct(p);
        List<Expr> gs = distinct(g);
        if (ps.size() != gs.size()) return Outcome.no("different sets: " + ps.size() + " vs " + gs.size() + " items");
        List<Expr> left = new ArrayList<>(gs);
        for (Expr a : ps) {
            Expr match = null;
            for (Expr b : left) {
                if (compare(a, b).isTrue()) {
                    match = b;
                    break;
                }
            }
            if (match == null) return Outcome.no("different sets: " + a + " is not in the reference");
            left.remove(match);
        }
        return Outcome.yes("equal (set)");
    }

    private List<Expr> distinct(List<Expr> xs) {
        List<Expr> out = new ArrayList<>();
        for (Expr x : xs) {
            if (out.stream().noneMatch(y -> compare(x, y).isTrue())) out.add(x);
        }
        return out;
    }

    // ---- words and percent -----------------------------------------------------------------------------------

    private static Outcome words(Expr p, Expr g) {
        String a = p.toString().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
        String b = g.toString().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
        return a.equals(b) ? Outcome.yes("equal (text)") : Outcome.no("different answers: " + p + " vs " + g);
    }

    private static boolean hasPercent(Expr e) {
        return Exprs.contains(e, x -> x instanceof Expr.Postfix pf && pf.op() == '%');
    }

    private static Expr stripPercent(Expr e) {
        return Exprs.map(e, x -> x instanceof Expr.Postfix pf && pf.op() == '%' ? pf.x() : x);
    }

}

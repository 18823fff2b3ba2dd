package org.r1j.dsl.lib.math;

import java.util.Map;

/**
 * Evaluates a scalar {@link Expr} in double precision; NaN means undefined. The fast companion of
 * {@link Evaluator} (same semantics, 16 digits instead of exact/50), used where many evaluations are needed and
 * double precision is enough: locating roots in {@link ZeroSets}.
 */
final class DoubleEvaluator {
    private final Map<String, Double> vars;
    private final Deadline deadline;

    DoubleEvaluator(Map<String, Double> vars, Deadline deadline) {
        this.vars = vars;
        this.deadline = deadline;
    }

    double eval(Expr e) {
        deadline.check();
        if (e instanceof Expr.Num n) return n.value().doubleValue();
        if (e instanceof Expr.Sym s) return vars.getOrDefault(s.name(), Double.NaN);
        if (e instanceof Expr.Const c) {
            return switch (c.name()) {
                case "pi" -> Math.PI;
                case "e" -> Math.E;
                default -> Double.POSITIVE_INFINITY;
            };
        }
        if (e instanceof Expr.Neg n) return -eval(n.x());
        if (e instanceof Expr.Bin b) {
            double l = eval(b.l());
            double r = eval(b.r());
            return switch (b.op()) {
                case '+' -> l + r;
                case '-' -> l - r;
                case '*' -> l * r;
                case '/' -> r == 0 ? Double.NaN : l / r;
                default -> pow(l, b.r(), r);
            };
        }
        if (e instanceof Expr.Call c) return call(c);
        if (e instanceof Expr.Call2 c) return binom(eval(c.a()), eval(c.b()));
        if (e instanceof Expr.Postfix p) return p.op() == '%' ? eval(p.x()) / 100 : factorial(eval(p.x()));
        return Double.NaN;
    }

    /** x^r, with real odd roots of negative numbers ((-8)^(1/3) = -2) as in {@link Real#pow}. */
    private static double pow(double x, Expr exponent, double r) {
        if (x >= 0 || r == Math.rint(r)) return Math.pow(x, r);
        if (exponent instanceof Expr.Bin q && q.op() == '/' && q.r() instanceof Expr.Num d
                && d.value().getDenominator().equals(java.math.BigInteger.ONE)
                && d.value().getNumerator().testBit(0)) {
            double m = Math.pow(-x, r);
            return q.l() instanceof Expr.Num p && p.value().getNumerator().testBit(0) ? -m : m;
        }
        return Double.NaN;
    }

    private double call(Expr.Call c) {
        double x = eval(c.arg());
        return switch (c.fn()) {
            case "sqrt" -> {
                double k = c.base() == null ? 2 : eval(c.base());
                yield x < 0 && k % 2 == 1 ? -Math.pow(-x, 1 / k) : x < 0 ? Double.NaN : Math.pow(x, 1 / k);
            }
            case "abs" -> Math.abs(x);
            case "floor" -> Math.floor(x);
            case "ceil" -> Math.ceil(x);
            case "ln" -> x > 0 ? Math.log(x) : Double.NaN;
            case "log" -> x > 0 ? (c.base() == null ? Math.log(x) : Math.log(x) / Math.log(eval(c.base()))) : Double.NaN;
            case "lg" -> x > 0 ? Math.log10(x) : Double.NaN;
            case "sin" -> Math.sin(x);
            case "cos" -> Math.cos(x);
            case "tan" -> Math.tan(x);
            case "cot" -> 1 / Math.tan(x);
            case "sec" -> 1 / Math.cos(x);
            case "csc" -> 1 / Math.sin(x);
            case "arcsin" -> Math.asin(x);
            case "arccos" -> Math.acos(x);
            case "arctan" -> Math.atan(x);
            case "sinh" -> Math.sinh(x);
            case "cosh" -> Math.cosh(x);
            case "tanh" -> Math.tanh(x);
            case "exp" -> Math.exp(x);
            default -> Double.NaN;
        };
    }

    private static double factorial(double n) {
        if (n < 0 || n != Math.rint(n) || n > 170) return Double.NaN;
        double f = 1;
        for (int k = 2; k <= n; k++) f *= k;
        return f;
    }

    private static double binom(double n, double k) {
        if (k < 0 || k != Math.rint(k) || k > 1000) return Double.NaN;
        double r = 1;
        for (int i = 0; i < k; i++) r = r * (n - i) / (i + 1);
        return r;
    }
}

package org.r1j.dsl.lib.math;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.numbers.fraction.BigFraction;
import org.r1j.dsl.lib.math.Expr.Bin;
import org.r1j.dsl.lib.math.Expr.Call;
import org.r1j.dsl.lib.math.Expr.Const;
import org.r1j.dsl.lib.math.Expr.Neg;
import org.r1j.dsl.lib.math.Expr.Num;
import org.r1j.dsl.lib.math.Expr.Postfix;
import org.r1j.dsl.lib.math.Expr.Sym;

/** Evaluates a scalar {@link Expr} to a {@link Real}, with variables bound to values. */
final class Evaluator {
    /** Largest n for which n! is computed exactly (5000! has about 16,000 digits). */
    static final int MAX_FACTORIAL = 5000;
    /** Trigonometric and exponential arguments beyond this are not evaluated (precision and time). */
    private static final BigDecimal MAX_TRANSCENDENTAL_ARG = BigDecimal.valueOf(100_000);

    private final Map<String, Real> vars;
    private final Deadline deadline;

    Evaluator(Map<String, Real> vars, Deadline deadline) {
        this.vars = vars;
        this.deadline = deadline;
    }

    /** Free variables of a scalar expression, sorted. */
    static Set<String> variables(Expr e) {
        Set<String> out = new TreeSet<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, Set<String> out) {
        if (e instanceof Sym s) {
            out.add(s.name());
        } else if (e instanceof Neg n) {
            collect(n.x(), out);
        } else if (e instanceof Bin b) {
            collect(b.l(), out);
            collect(b.r(), out);
        } else if (e instanceof Expr.PlusMinus p) {
            collect(p.l(), out);
            collect(p.r(), out);
        } else if (e instanceof Call c) {
            collect(c.arg(), out);
            if (c.base() != null) collect(c.base(), out);
        } else if (e instanceof Expr.Call2 c) {
            collect(c.a(), out);
            collect(c.b(), out);
        } else if (e instanceof Postfix p) {
            collect(p.x(), out);
        } else {
            for (Expr child : Exprs.children(e)) collect(child, out);
        }
    }

    Real eval(Expr e) {
        deadline.check();
        if (e instanceof Num n) return Real.exact(n.value());
        if (e instanceof Sym s) {
            Real v = vars.get(s.name());
            if (v == null) throw new Undefined("free variable " + s.name());
            return v;
        }
        if (e instanceof Const c) {
            return switch (c.name()) {
                case "pi" -> Real.pi();
                case "e" -> Real.e();
                default -> Real.POS_INF;
            };
        }
        if (e instanceof Neg n) return eval(n.x()).negate();
        if (e instanceof Bin b) return binary(b);
        if (e instanceof Call c) return call(c);
        if (e instanceof Expr.Call2 c) return binom(eval(c.a()), eval(c.b()));
        if (e instanceof Postfix p) {
            return p.op() == '%' ? eval(p.x()).divide(Real.exact(BigFraction.of(100))) : factorial(eval(p.x()));
        }
        throw new Undefined("not a single value: " + e);
    }

    private Real binary(Bin b) {
        Real l = b.op() == '^' && b.l() instanceof Const c && c.name().equals("e") ? null : eval(b.l());
        Real r = eval(b.r());
        return switch (b.op()) {
            case '+' -> l.add(r);
            case '-' -> l.add(r.negate());
            case '*' -> l.multiply(r);
            case '/' -> l.divide(r);
            default -> b.l() instanceof Const c && c.name().equals("e") && !r.isInfinite()
                    ? transcendental("exp", r) : l.pow(r);
        };
    }

    private Real call(Call c) {
        Real x = eval(c.arg());
        switch (c.fn()) {
            case "sqrt": {
                Real index = c.base() == null ? Real.exact(BigFraction.of(2)) : eval(c.base());
                return x.pow(Real.exact(BigFraction.ONE).divide(index));
            }
            case "abs":
                return x.signum() < 0 ? x.negate() : x;
            case "floor":
            case "ceil":
                return rounding(x, c.fn().equals("floor") ? RoundingMode.FLOOR : RoundingMode.CEILING);
            case "ln":
            case "log":
            case "lg": {
                if (x.signum() <= 0) throw new Undefined("log of a non-positive number");
                if (x.isExact() && x.exactValue().isOne()) return Real.exact(BigFraction.ZERO);
                BigDecimal ln = BigDecimalMath.log(x.decimal(), Real.MC);
                if (c.base() == null && !c.fn().equals("lg")) return Real.approx(ln);
                Real base = c.base() == null ? Real.exact(BigFraction.of(10)) : eval(c.base());
                if (base.signum() <= 0) throw new Undefined("log base must be positive");
                Real exactLog = exactLog(x, base);
                if (exactLog != null) return exactLog;
                BigDecimal lnBase = BigDecimalMath.log(base.decimal(), Real.MC);
                if (lnBase.signum() == 0) throw new Undefined("log base 1");
                return Real.approx(ln.divide(lnBase, Real.MC));
            }
            default:
                if (c.fn().length() == 1) throw new Undefined("unknown function " + c.fn());
                return transcendental(c.fn(), x);
        }
    }

    /** log_b(x) when x is an exact integer power of b (log_2 8 = 3), so such answers stay exact. */
    private static Real exactLog(Real x, Real base) {
        if (!x.isExact() || !base.isExact() || base.exactValue().isOne()) return null;
        BigFraction b = base.exactValue();
        BigFraction v = x.exactValue();
        boolean invert = b.compareTo(BigFraction.ONE) > 0 != v.compareTo(BigFraction.ONE) > 0;
        if (invert) v = v.reciprocal();
        BigFraction p = BigFraction.ONE;
        for (int k = 0; k <= 64; k++) {
            if (p.equals(v)) return Real.exact(BigFraction.of(invert ? -k : k));
            if (p.abs().compareTo(v.abs().multiply(b.abs())) > 0 && b.abs().compareTo(BigFraction.ONE) > 0) return null;
            p = p.multiply(b);
        }
        return null;
    }

    private static Real transcendental(String fn, Real x) {
        if (x.isInfinite()) throw new Undefined(fn + " of infinity");
        if (x.signum() == 0) {
            switch (fn) {
                case "sin", "tan", "arcsin", "arctan", "sinh", "tanh" -> { return x; }
                case "cos", "sec", "cosh", "exp" -> { return Real.exact(BigFraction.ONE); }
                default -> { }
            }
        }
        BigDecimal d = x.decimal();
        if (d.abs().compareTo(MAX_TRANSCENDENTAL_ARG) > 0) throw new MathLimit("argument of " + fn + " too large");
        BigDecimal r = switch (fn) {
            case "sin" -> BigDecimalMath.sin(d, Real.MC);
            case "cos" -> BigDecimalMath.cos(d, Real.MC);
            case "tan" -> nonZero(BigDecimalMath.cos(d, Real.MC), BigDecimalMath.sin(d, Real.MC), true);
            case "cot" -> nonZero(BigDecimalMath.sin(d, Real.MC), BigDecimalMath.cos(d, Real.MC), true);
            case "sec" -> nonZero(BigDecimalMath.cos(d, Real.MC), BigDecimal.ONE, true);
            case "csc" -> nonZero(BigDecimalMath.sin(d, Real.MC), BigDecimal.ONE, true);
            case "arcsin", "arccos" -> {
                if (d.abs().compareTo(BigDecimal.ONE) > 0) throw new Undefined(fn + " outside [-1, 1]");
                yield fn.equals("arcsin") ? BigDecimalMath.asin(d, Real.MC) : BigDecimalMath.acos(d, Real.MC);
            }
            case "arctan" -> BigDecimalMath.atan(d, Real.MC);
            case "sinh" -> BigDecimalMath.sinh(d, Real.MC);
            case "cosh" -> BigDecimalMath.cosh(d, Real.MC);
            case "tanh" -> BigDecimalMath.tanh(d, Real.MC);
            case "exp" -> BigDecimalMath.exp(d, Real.MC);
            default -> throw new Undefined("unknown function " + fn);
        };
        return Real.approx(r);
    }

    /** numerator / denominator, undefined when the denominator vanishes (tan at pi/2). */
    private static BigDecimal nonZero(BigDecimal denominator, BigDecimal numerator, boolean divide) {
        if (denominator.abs().compareTo(new BigDecimal("1e-40")) < 0) throw new Undefined("pole");
        return divide ? numerator.divide(denominator, Real.MC) : numerator;
    }

    private static Real rounding(Real x, RoundingMode mode) {
        if (x.isExact()) {
            BigFraction f = x.exactValue();
            BigInteger[] qr = f.getNumerator().divideAndRemainder(f.getDenominator());
            BigInteger q = qr[0];
            if (qr[1].signum() != 0) {
                boolean negative = f.signum() < 0;
                if (mode == RoundingMode.FLOOR && negative) q = q.subtract(BigInteger.ONE);
                if (mode == RoundingMode.CEILING && !negative) q = q.add(BigInteger.ONE);
            }
            return Real.exact(BigFraction.of(q));
        }
        return Real.exact(BigFraction.of(x.decimal().setScale(0, mode).toBigIntegerExact()));
    }

    private static Real factorial(Real x) {
        if (!x.isInteger() || x.signum() < 0) throw new Undefined("factorial of a non-natural number");
        BigInteger n = x.exactValue().getNumerator();
        if (n.compareTo(BigInteger.valueOf(MAX_FACTORIAL)) > 0) throw new MathLimit("factorial too large to compare");
        return Real.exact(BigFraction.of(product(2, n.intValue())));
    }

    /** C(n, k) = n(n-1)…(n-k+1)/k! for a natural k and any n (so {@code \binom{n+1}{2}} works symbolically). */
    /** lo·(lo+1)·…·hi by binary splitting (balanced multiplications are far cheaper for big factorials). */
    private static BigInteger product(int lo, int hi) {
        if (hi < lo) return BigInteger.ONE;
        if (hi - lo < 16) {
            BigInteger p = BigInteger.valueOf(lo);
            for (int k = lo + 1; k <= hi; k++) p = p.multiply(BigInteger.valueOf(k));
            return p;
        }
        int mid = (lo + hi) >>> 1;
        return product(lo, mid).multiply(product(mid + 1, hi));
    }

    private static Real binom(Real n, Real k) {
        if (!k.isInteger()) throw new Undefined("binomial with a non-integer lower argument");
        BigInteger kk = k.exactValue().getNumerator();
        if (kk.signum() < 0) return Real.exact(BigFraction.ZERO);
        if (kk.compareTo(BigInteger.valueOf(MAX_FACTORIAL)) > 0) throw new MathLimit("binomial too large to compare");
        if (n.isInteger() && n.signum() >= 0 && kk.compareTo(n.exactValue().getNumerator()) > 0) {
            return Real.exact(BigFraction.ZERO);
        }
        Real r = Real.exact(BigFraction.ONE);
        for (int i = 0; i < kk.intValue(); i++) {
            r = r.multiply(n.add(Real.exact(BigFraction.of(-i)))).divide(Real.exact(BigFraction.of(i + 1)));
        }
        return r;
    }
}

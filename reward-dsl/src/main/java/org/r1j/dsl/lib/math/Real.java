package org.r1j.dsl.lib.math;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * A real value: exact (a {@link BigFraction}) while only rational operations were used, else a 50-digit
 * {@link BigDecimal}; or ±infinity. Exactness is what tells {@code 1/2004!} from {@code 1/2006!}; 50 digits (not
 * double) keep tiny and huge irrational values apart. Sizes are bounded so no operation runs long: beyond
 * {@link #MAX_BITS} or a decimal exponent of ±{@link #MAX_EXPONENT} the check gives up with {@link MathLimit}.
 */
final class Real {
    static final MathContext MC = new MathContext(50, RoundingMode.HALF_EVEN);
    /** Largest exact numerator + denominator size; 2006! is about 19,000 bits. */
    static final int MAX_BITS = 300_000;
    /** Largest decimal exponent of an approximate value. */
    static final long MAX_EXPONENT = 1_000_000;
    private static final BigDecimal PI = BigDecimalMath.pi(MC);
    private static final BigDecimal E = BigDecimalMath.e(MC);

    private static final BigFraction HALF = BigFraction.of(1, 2);
    static final Real POS_INF = new Real(null, null, 1);
    static final Real NEG_INF = new Real(null, null, -1);

    private final BigFraction exact;
    private final BigDecimal approx;
    private final int inf;

    private Real(BigFraction exact, BigDecimal approx, int inf) {
        this.exact = exact;
        this.approx = approx;
        this.inf = inf;
    }

    static Real exact(BigFraction f) {
        if (f.getNumerator().bitLength() + f.getDenominator().bitLength() > MAX_BITS) {
            throw new MathLimit("number too large to compare exactly");
        }
        return new Real(f, null, 0);
    }

    static Real approx(BigDecimal d) {
        BigDecimal r = d.round(MC);
        if (r.signum() != 0 && Math.abs((long) r.precision() - r.scale()) > MAX_EXPONENT) {
            throw new MathLimit("number too large or too small to compare");
        }
        return new Real(null, r, 0);
    }

    static Real pi() {
        return new Real(null, PI, 0);
    }

    static Real e() {
        return new Real(null, E, 0);
    }

    boolean isExact() {
        return exact != null;
    }

    boolean isInfinite() {
        return inf != 0;
    }

    int infinitySign() {
        return inf;
    }

    BigFraction exactValue() {
        return exact;
    }

    BigDecimal decimal() {
        if (inf != 0) throw new Undefined("infinity");
        if (approx != null) return approx;
        return new BigDecimal(exact.getNumerator()).divide(new BigDecimal(exact.getDenominator()), MC);
    }

    int signum() {
        return inf != 0 ? inf : exact != null ? exact.signum() : approx.signum();
    }

    boolean isInteger() {
        return exact != null && exact.getDenominator().equals(BigInteger.ONE);
    }

    Real negate() {
        if (inf != 0) return inf > 0 ? NEG_INF : POS_INF;
        return exact != null ? exact(exact.negate()) : approx(approx.negate());
    }

    Real add(Real o) {
        if (inf != 0 || o.inf != 0) {
            if (inf != 0 && o.inf != 0 && inf != o.inf) throw new Undefined("infinity minus infinity");
            return inf != 0 ? this : o;
        }
        if (exact != null && o.exact != null) return exact(exact.add(o.exact));
        return approx(decimal().add(o.decimal(), MC));
    }

    Real multiply(Real o) {
        if (inf != 0 || o.inf != 0) {
            int s = signum() * o.signum();
            if (s == 0) throw new Undefined("zero times infinity");
            return s > 0 ? POS_INF : NEG_INF;
        }
        if (exact != null && o.exact != null) {
            checkBits(exact, o.exact, 1);
            return exact(exact.multiply(o.exact));
        }
        return approx(decimal().multiply(o.decimal(), MC));
    }

    Real divide(Real o) {
        if (o.signum() == 0) throw new Undefined("division by zero");
        if (o.inf != 0) {
            if (inf != 0) throw new Undefined("infinity over infinity");
            return exact(BigFraction.ZERO);
        }
        if (inf != 0) return o.signum() > 0 ? this : negate();
        if (exact != null && o.exact != null) {
            checkBits(exact, o.exact, 1);
            return exact(exact.divide(o.exact));
        }
        return approx(decimal().divide(o.decimal(), MC));
    }

    Real pow(Real e) {
        if (inf != 0 || e.inf != 0) throw new Undefined("power with infinity");
        if (e.isExact() && e.exact.isZero()) return exact(BigFraction.ONE);
        if (signum() == 0) {
            if (e.signum() < 0) throw new Undefined("zero to a negative power");
            return this;
        }
        if (exact != null && e.exact != null) {
            Real r = exactPower(e.exact);
            if (r != null) return r;
        }
        if (e.exact != null && e.isInteger() && signum() < 0) {
            BigInteger n = e.exact.getNumerator();
            Real m = negate().powPositive(e);
            return n.testBit(0) ? m.negate() : m;
        }
        if (signum() < 0) {
            Real odd = oddRoot(e);
            if (odd != null) return odd;
            throw new Undefined("fractional power of a negative number");
        }
        return powPositive(e);
    }

    /** x^(p/q) exactly when x is rational, the result fits, and q-th roots of numerator and denominator exist. */
    private Real exactPower(BigFraction e) {
        BigInteger q = e.getDenominator();
        BigInteger p = e.getNumerator();
        if (q.bitLength() > 4 || p.bitLength() > 31) return null; // root index up to 15
        long bits = (long) (exact.getNumerator().bitLength() + exact.getDenominator().bitLength()) * Math.abs(p.longValue())
                / q.intValue();
        if (bits > MAX_BITS) return null;
        BigFraction base = exact;
        if (q.intValue() > 1) {
            int k = q.intValue();
            if (base.signum() < 0 && k % 2 == 0) return null;
            BigInteger n = exactRoot(base.getNumerator().abs(), k);
            BigInteger d = exactRoot(base.getDenominator(), k);
            if (n == null || d == null) return null;
            base = BigFraction.of(base.signum() < 0 ? n.negate() : n, d);
        }
        return exact(base.pow(p.intValue()));
    }

    /** The exact k-th root of x when x is a perfect k-th power of modest size, else null (the caller approximates). */
    private static BigInteger exactRoot(BigInteger x, int k) {
        if (k == 2) {
            if (x.bitLength() > 4000) return null;
            BigInteger r = x.sqrt();
            return r.multiply(r).equals(x) ? r : null;
        }
        if (x.bitLength() > 62) return null;
        long guess = Math.round(Math.pow(x.doubleValue(), 1.0 / k));
        for (long c = Math.max(0, guess - 1); c <= guess + 1; c++) {
            BigInteger r = BigInteger.valueOf(c);
            if (r.pow(k).equals(x)) return r;
        }
        return null;
    }

    /** (-8)^(1/3) = -2: a negative base with an exact exponent p/q, q odd. */
    private Real oddRoot(Real e) {
        if (e.exact == null || !e.exact.getDenominator().testBit(0)) return null;
        Real m = negate().powPositive(e);
        return e.exact.getNumerator().testBit(0) ? m.negate() : m;
    }

    private Real powPositive(Real e) {
        BigDecimal x = decimal();
        if (e.isExact() && e.exact.equals(HALF)) return approx(x.sqrt(MC)); // Newton: much cheaper than exp(log x / 2)
        BigDecimal y = e.decimal();
        double magnitude = y.doubleValue() * log10Abs(x);
        if (Double.isNaN(magnitude) || Math.abs(magnitude) > MAX_EXPONENT) throw new MathLimit("number too large to compare");
        if (e.isInteger() && e.exact.getNumerator().bitLength() < 31) {
            return approx(BigDecimalMath.pow(x, e.exact.getNumerator().longValue(), MC));
        }
        return approx(BigDecimalMath.pow(x, y, MC));
    }

    static double log10Abs(BigDecimal x) {
        BigDecimal a = x.abs();
        return a.precision() - a.scale() - 1 + Math.log10(a.unscaledValue().doubleValue() == Double.POSITIVE_INFINITY
                ? 1 : a.unscaledValue().doubleValue() / Math.pow(10, a.precision() - 1));
    }

    private static void checkBits(BigFraction a, BigFraction b, int factor) {
        long bits = (long) a.getNumerator().bitLength() + a.getDenominator().bitLength()
                + b.getNumerator().bitLength() + b.getDenominator().bitLength();
        if (bits * factor > MAX_BITS) throw new MathLimit("number too large to compare exactly");
    }

    @Override
    public String toString() {
        if (inf != 0) return inf > 0 ? "inf" : "-inf";
        if (exact != null) {
            if (exact.getNumerator().bitLength() + exact.getDenominator().bitLength() > 200) {
                return decimal().round(new MathContext(12)).toString();
            }
            return exact.toString().replace(" / ", "/");
        }
        return approx.round(new MathContext(12)).stripTrailingZeros().toString();
    }
}

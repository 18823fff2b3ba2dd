package org.r1j.dsl.lib.math;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.numbers.fraction.BigFraction;

/** Parsed answer. {@link #toString()} is the normalised form shown in verdicts. */
sealed interface Expr {
    /** A number as written; {@code decimals} counts digits after the point (-1 for integers), for rounding checks. */
    record Num(BigFraction value, String text, int decimals, int significant) implements Expr {
        static Num of(String digits) {
            int paren = digits.indexOf('(');
            if (paren >= 0) return repeating(digits, paren);
            BigDecimal d = new BigDecimal(digits);
            BigFraction f = d.scale() <= 0
                    ? BigFraction.of(d.toBigIntegerExact())
                    : BigFraction.of(d.unscaledValue(), java.math.BigInteger.TEN.pow(d.scale()));
            int dot = digits.indexOf('.');
            int decimals = dot < 0 || digits.contains("E") ? -1 : digits.length() - dot - 1;
            return new Num(f, digits, decimals, d.stripTrailingZeros().precision());
        }

        /** "0.1(6)": 0.1666… = (16 - 1) / 90. */
        private static Num repeating(String text, int paren) {
            String head = text.substring(0, paren);
            String rep = text.substring(paren + 1, text.length() - 1);
            int dot = head.indexOf('.');
            String nonRep = head.substring(dot + 1);
            java.math.BigInteger all = new java.math.BigInteger(head.replace(".", "") + rep);
            java.math.BigInteger prefix = new java.math.BigInteger(head.replace(".", "").isEmpty() ? "0" : head.replace(".", ""));
            java.math.BigInteger den = java.math.BigInteger.TEN.pow(nonRep.length())
                    .multiply(java.math.BigInteger.TEN.pow(rep.length()).subtract(java.math.BigInteger.ONE));
            return new Num(BigFraction.of(all.subtract(prefix), den), text, -1, Integer.MAX_VALUE);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A variable or an unknown command such as {@code \alpha}. */
    record Sym(String name) implements Expr {
        @Override
        public String toString() {
            return name;
        }
    }

    /** pi, e, or infinity. */
    record Const(String name) implements Expr {
        @Override
        public String toString() {
            return name;
        }
    }

    record Neg(Expr x) implements Expr {
        @Override
        public String toString() {
            return "-" + wrap(x);
        }
    }

    /** Binary arithmetic: op is one of + - * / ^. */
    record Bin(char op, Expr l, Expr r) implements Expr {
        @Override
        public String toString() {
            return wrap(l) + (op == '*' ? "*" : op == '^' ? "^" : " " + op + " ") + wrap(r);
        }
    }

    /** {@code a ± b} (or ∓ when {@code minusFirst}): two answers. */
    record PlusMinus(Expr l, Expr r, boolean minusFirst) implements Expr {
        @Override
        public String toString() {
            return wrap(l) + (minusFirst ? " ∓ " : " ± ") + wrap(r);
        }
    }

    /** A named function of one argument; {@code base} is the log base or root index, else null. */
    record Call(String fn, Expr arg, Expr base) implements Expr {
        @Override
        public String toString() {
            return fn + (base == null ? "" : "_" + wrap(base)) + "(" + arg + ")";
        }
    }

    /** A function of two arguments (binom). */
    record Call2(String fn, Expr a, Expr b) implements Expr {
        @Override
        public String toString() {
            return fn + "(" + a + ", " + b + ")";
        }
    }

    /** Postfix '!' (factorial) or '%' (percent). */
    record Postfix(char op, Expr x) implements Expr {
        @Override
        public String toString() {
            return wrap(x) + op;
        }
    }

    /** A chain of relations: {@code operands.size() == ops.size() + 1}; ops are = != < <= > >= in. */
    record Rel(List<String> ops, List<Expr> operands) implements Expr {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(operands.get(0).toString());
            for (int k = 0; k < ops.size(); k++) b.append(' ').append(ops.get(k)).append(' ').append(operands.get(k + 1));
            return b.toString();
        }
    }

    /** Items in brackets: a tuple, a point, or an interval; {@code open}/{@code close} are the bracket characters. */
    record Group(char open, char close, List<Expr> items) implements Expr {
        @Override
        public String toString() {
            return open + join(items) + close;
        }
    }

    /** {@code \{ a, b \}}. */
    record SetOf(List<Expr> items) implements Expr {
        @Override
        public String toString() {
            return "{" + join(items) + "}";
        }
    }

    /** Items separated by commas, semicolons or "and"/"or" with no brackets: compared as a set. */
    record ListOf(List<Expr> items) implements Expr {
        @Override
        public String toString() {
            return join(items);
        }
    }

    /** {@code A ∪ B}. */
    record Union(List<Expr> parts) implements Expr {
        @Override
        public String toString() {
            return parts.stream().map(Object::toString).collect(Collectors.joining(" ∪ "));
        }
    }

    /** A matrix or vector environment, row by row. */
    record Matrix(List<List<Expr>> rows) implements Expr {
        @Override
        public String toString() {
            return rows.stream().map(r -> "[" + join(r) + "]").collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** An answer in words ("yes", "no solution"). */
    record Words(String text) implements Expr {
        @Override
        public String toString() {
            return text;
        }
    }

    private static String join(List<Expr> items) {
        return items.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    private static String wrap(Expr e) {
        return e instanceof Bin || e instanceof PlusMinus || e instanceof Rel || e instanceof Neg
                || e instanceof Num n && n.value.signum() < 0 ? "(" + e + ")" : e.toString();
    }
}

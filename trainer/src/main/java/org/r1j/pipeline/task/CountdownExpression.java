package org.r1j.pipeline.task;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses and evaluates a Countdown answer such as {@code (12-7)*3}: integers, + - * /, parentheses and spaces, with
 * exact rational arithmetic (so {@code 7/2*2} is 7). Anything else — another character, division by zero, a number
 * over 9 digits, nesting deeper than 50 — is a {@link Invalid} with the reason.
 */
public final class CountdownExpression {
    private static final int MAX_DEPTH = 50;

    /** The value and the integer literals used, in order. */
    public record Parsed(long numerator, long denominator, List<Long> numbers) {
        public boolean isInteger(long value) {
            return denominator == 1 && numerator == value;
        }
    }

    /** Why an expression was rejected. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private final String text;
    private final List<Long> numbers = new ArrayList<>();
    private int pos;
    private int depth;

    private CountdownExpression(String text) {
        this.text = text;
    }

    public static Parsed parse(String text) throws Invalid {
        CountdownExpression p = new CountdownExpression(text);
        try {
            long[] v = p.sum();
            p.skipSpaces();
            if (p.pos != text.length()) throw new Invalid("unexpected '" + text.charAt(p.pos) + "' at " + (p.pos + 1));
            return new Parsed(v[0], v[1], List.copyOf(p.numbers));
        } catch (ArithmeticException e) {
            throw new Invalid("arithmetic overflow");
        }
    }

    private long[] sum() throws Invalid {
        long[] left = product();
        for (char c = peek(); c == '+' || c == '-'; c = peek()) {
            pos++;
            long[] right = product();
            left = c == '+' ? add(left, right) : add(left, new long[]{-right[0], right[1]});
        }
        return left;
    }

    private long[] product() throws Invalid {
        long[] left = atom();
        for (char c = peek(); c == '*' || c == '/'; c = peek()) {
            pos++;
            long[] right = atom();
            if (c == '/' && right[0] == 0) throw new Invalid("division by zero");
            left = c == '*' ? reduce(Math.multiplyExact(left[0], right[0]), Math.multiplyExact(left[1], right[1]))
                    : reduce(Math.multiplyExact(left[0], right[1]), Math.multiplyExact(left[1], right[0]));
        }
        return left;
    }

    private long[] atom() throws Invalid {
        char c = peek();
        if (c == '(') {
            if (++depth > MAX_DEPTH) throw new Invalid("parentheses nested too deep");
            pos++;
            long[] v = sum();
            if (peek() != ')') throw new Invalid("missing ')' at " + (pos + 1));
            pos++;
            depth--;
            return v;
        }
        if (c < '0' || c > '9') {
            throw new Invalid(c == 0 ? "expression ends too early" : "unexpected '" + c + "' at " + (pos + 1));
        }
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
        if (pos - start > 9) throw new Invalid("number too long at " + (start + 1));
        long n = Long.parseLong(text.substring(start, pos));
        numbers.add(n);
        return new long[]{n, 1};
    }

    /** The next non-space character, or 0 at the end. */
    private char peek() {
        skipSpaces();
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') pos++;
    }

    private static long[] add(long[] a, long[] b) {
        return reduce(Math.addExact(Math.multiplyExact(a[0], b[1]), Math.multiplyExact(b[0], a[1])),
                Math.multiplyExact(a[1], b[1]));
    }

    private static long[] reduce(long num, long den) {
        if (den < 0) {
            num = Math.negateExact(num);
            den = Math.negateExact(den);
        }
        long g = gcd(Math.abs(num), den);
        return g == 0 ? new long[]{0, 1} : new long[]{num / g, den / g};
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}

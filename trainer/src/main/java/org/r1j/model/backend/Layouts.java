package org.r1j.model.backend;

/** Strides of dense layouts, in elements, for {@link Tensor#view}. */
public final class Layouts {
    private Layouts() {}

    /** Row-major ("c"): the last axis varies fastest. */
    public static long[] rowMajor(long... shape) {
        long[] s = new long[shape.length];
        long n = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = n;
            n *= shape[d];
        }
        return s;
    }

    /** Column-major ("f"): the first axis varies fastest. */
    public static long[] columnMajor(long... shape) {
        long[] s = new long[shape.length];
        long n = 1;
        for (int d = 0; d < shape.length; d++) {
            s[d] = n;
            n *= shape[d];
        }
        return s;
    }

    /** Elements of a shape. */
    public static long length(long... shape) {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }
}

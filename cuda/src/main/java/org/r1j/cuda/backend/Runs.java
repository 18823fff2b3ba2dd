package org.r1j.cuda.backend;

/**
 * A strided view as dense runs: the longest suffix of axes that is row-major dense in every layout given (so one
 * run is one contiguous block in each), and the storage index where each run starts in the first layout. Copies
 * and fills of views become one device call per run.
 *
 * @param length elements per run
 * @param outer  the shape of the axes before the run
 * @param stride the first layout's strides of those axes
 */
record Runs(long length, long[] outer, long[] stride) {
    /** Runs of {@code shape} dense in {@code strides} and in each of {@code others}. */
    static Runs of(long[] shape, long[] strides, long[]... others) {
        int d = shape.length;
        long len = 1;
        while (d > 0 && denseAt(shape, d - 1, len, strides, others)) len *= shape[--d];
        long[] outer = new long[d], stride = new long[d];
        System.arraycopy(shape, 0, outer, 0, d);
        System.arraycopy(strides, 0, stride, 0, d);
        return new Runs(len, outer, stride);
    }

    private static boolean denseAt(long[] shape, int axis, long inner, long[] strides, long[][] others) {
        if (shape[axis] == 1) return true;
        if (strides[axis] != inner) return false;
        for (long[] o : others) if (o[axis] != inner) return false;
        return true;
    }

    /** The start of every run, row-major over the outer axes, from {@code offset}. */
    long[] starts(long offset) {
        long n = 1;
        for (long s : outer) n *= s;
        long[] out = new long[Math.toIntExact(n)];
        long[] i = new long[outer.length];
        for (int r = 0; r < n; r++) {
            long s = offset;
            for (int d = 0; d < outer.length; d++) s += i[d] * stride[d];
            out[r] = s;
            for (int d = outer.length - 1; d >= 0 && ++i[d] == outer[d]; d--) i[d] = 0;
        }
        return out;
    }
}

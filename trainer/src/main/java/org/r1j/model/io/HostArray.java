package org.r1j.model.io;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.Tensor;

/**
 * An array on the Java heap that belongs to no backend: an element type, a shape and the elements in row-major order
 * as one {@code float[]}, {@code double[]}, {@code int[]} or {@code long[]}. It is what checkpoint IO reads and writes
 * ({@link Safetensors}, {@link ShardedWeights}), what models take and give by Hugging Face name
 * ({@code DecoderModel(config, weights)}, {@code stateDict()}) and what AdamW's state is saved as. A backend's tensors
 * are reached only through {@link #copyOf} ({@link Tensor#toFloats} and its siblings) and {@link #copyTo}
 * ({@code Backend.fromHost} + {@code copy}), so loading and saving need no ND4J natives, whatever the backend.
 */
public final class HostArray {
    private final DataType dtype; // FLOAT, DOUBLE, INT or LONG: the type of data
    private final long[] shape;
    private final Object data;    // float[], double[], int[] or long[] of prod(shape) elements

    private HostArray(DataType dtype, Object data, int length, long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n != length) throw new IllegalArgumentException(length + " elements for shape " + Arrays.toString(shape)
                + " (needs " + n + ")");
        this.dtype = dtype;
        this.data = data;
        this.shape = shape.clone();
    }

    /** f32 elements (row-major) shaped {@code shape}; the array is kept, not copied. */
    public static HostArray of(float[] data, long... shape) { return new HostArray(DataType.FLOAT, data, data.length, shape); }

    /** f64 elements (row-major) shaped {@code shape}; the array is kept, not copied. */
    public static HostArray of(double[] data, long... shape) { return new HostArray(DataType.DOUBLE, data, data.length, shape); }

    /** i32 elements (row-major) shaped {@code shape}; the array is kept, not copied. */
    public static HostArray of(int[] data, long... shape) { return new HostArray(DataType.INT, data, data.length, shape); }

    /** i64 elements (row-major) shaped {@code shape}; the array is kept, not copied. */
    public static HostArray of(long[] data, long... shape) { return new HostArray(DataType.LONG, data, data.length, shape); }

    /** A host copy of a backend tensor, in its dtype (FLOAT, DOUBLE or INT). */
    public static HostArray copyOf(Tensor t) {
        return switch (t.dtype()) {
            case FLOAT -> of(t.toFloats(), t.shape());
            case DOUBLE -> of(t.toDoubles(), t.shape());
            case INT -> of(t.toInts(), t.shape());
            default -> throw new IllegalArgumentException("cannot copy a " + t.dtype() + " tensor to the host");
        };
    }

    /**
     * {@code dst = this}, converted to dst's dtype (floats to FLOAT or DOUBLE, ints to INT); the shapes must match.
     * One staging tensor of dst's backend, freed at once.
     */
    public void copyTo(Tensor dst) {
        if (!Arrays.equals(shape, dst.shape()))
            throw new IllegalArgumentException("a host array of shape " + Arrays.toString(shape)
                    + " does not fit a tensor of shape " + Arrays.toString(dst.shape()));
        var be = dst.backend();
        boolean floatingDst = dst.dtype() == DataType.FLOAT || dst.dtype() == DataType.DOUBLE;
        Tensor staged = switch (dtype) {
            case FLOAT -> floatingDst ? be.fromHost(dst.dtype(), floats(), shape) : null;
            case DOUBLE -> floatingDst ? be.fromHost(dst.dtype(), doubles(), shape) : null;
            case INT -> dst.dtype() == DataType.INT ? be.fromHost(ints(), shape) : null;
            default -> dst.dtype() == DataType.LONG ? be.fromHost(longs(), shape) : null;
        };
        if (staged == null) throw new IllegalArgumentException("cannot copy " + dtype + " elements into a " + dst.dtype() + " tensor");
        try {
            be.copy(dst, staged);
        } finally {
            staged.close();
        }
    }

    /** FLOAT, DOUBLE, INT or LONG. */
    public DataType dtype() { return dtype; }

    /** Whether the elements are FLOAT or DOUBLE. */
    public boolean isFloating() { return dtype == DataType.FLOAT || dtype == DataType.DOUBLE; }

    /** A copy of the shape. */
    public long[] shape() { return shape.clone(); }

    public int rank() { return shape.length; }

    /** Number of elements. */
    public long length() {
        return switch (data) {
            case float[] f -> f.length;
            case double[] d -> d.length;
            case int[] i -> i.length;
            default -> ((long[]) data).length;
        };
    }

    /** The f32 elements themselves (not a copy); FLOAT arrays only. */
    public float[] floats() { return as(float[].class, DataType.FLOAT); }

    /** The f64 elements themselves (not a copy); DOUBLE arrays only. */
    public double[] doubles() { return as(double[].class, DataType.DOUBLE); }

    /** The i32 elements themselves (not a copy); INT arrays only. */
    public int[] ints() { return as(int[].class, DataType.INT); }

    /** The i64 elements themselves (not a copy); LONG arrays only. */
    public long[] longs() { return as(long[].class, DataType.LONG); }

    /** Element {@code i} (row-major) as a double, whatever the type. */
    public double getDouble(int i) {
        return switch (data) {
            case float[] f -> f[i];
            case double[] d -> d[i];
            case int[] n -> n[i];
            default -> ((long[]) data)[i];
        };
    }

    /** The same values as f32 (this array itself when it is FLOAT). */
    public HostArray toFloat() {
        if (dtype == DataType.FLOAT) return this;
        float[] out = new float[Math.toIntExact(length())];
        for (int i = 0; i < out.length; i++) out[i] = (float) getDouble(i);
        return of(out, shape);
    }

    private <A> A as(Class<A> type, DataType want) {
        if (dtype != want) throw new IllegalStateException("a " + dtype + " host array has no " + want + " elements");
        return type.cast(data);
    }

    /** Same type, shape and elements (bit patterns for floats, so NaN equals NaN). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HostArray h) || h.dtype != dtype || !Arrays.equals(h.shape, shape)) return false;
        return switch (data) {
            case float[] f -> Arrays.equals(f, (float[]) h.data);
            case double[] d -> Arrays.equals(d, (double[]) h.data);
            case int[] i -> Arrays.equals(i, (int[]) h.data);
            default -> Arrays.equals((long[]) data, (long[]) h.data);
        };
    }

    @Override
    public int hashCode() {
        int h = switch (data) {
            case float[] f -> Arrays.hashCode(f);
            case double[] d -> Arrays.hashCode(d);
            case int[] i -> Arrays.hashCode(i);
            default -> Arrays.hashCode((long[]) data);
        };
        return 31 * (31 * dtype.ordinal() + Arrays.hashCode(shape)) + h;   // the same in every JVM (an enum's hashCode is not)
    }

    /** Type and shape, and the first elements. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(dtype + Arrays.toString(shape) + " [");
        long n = length();
        for (int i = 0; i < Math.min(n, 6); i++) {
            s.append(i == 0 ? "" : ", ").append(switch (data) {
                case float[] f -> Float.toString(f[i]);
                case double[] d -> Double.toString(d[i]);
                case int[] k -> Integer.toString(k[i]);
                default -> Long.toString(((long[]) data)[i]);
            });
        }
        return s.append(n > 6 ? ", ...]" : "]").toString();
    }
}

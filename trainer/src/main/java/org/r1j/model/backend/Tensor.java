package org.r1j.model.backend;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * A tensor in memory that its {@link Backend} owns (host memory for {@code nd4j} and {@code simd}, device memory for
 * a GPU backend): an opaque handle with a dtype, a shape and a strided layout over its backend's storage. Only the
 * backend makes tensors ({@link Backend#alloc}, {@link Backend#zeros}, {@link Backend#fromHost}); the views below
 * share that storage and never copy. Element values reach the Java heap only through the explicit host copies
 * ({@link #toFloats}, {@link #toDoubles}, {@link #toInts}), which the model uses where the host needs numbers
 * (sampling, the per-token log-probs, loss scalars, tests).
 *
 * <p>Layout: {@code strides} and {@code offset} count elements; row-major ("c") unless a tensor was made otherwise.
 * A view of a view is expressed against the same storage, so every view can be handed to every op.
 */
public interface Tensor extends AutoCloseable {
    /** The backend that owns this tensor's memory; every op on it must be that backend's. */
    Backend backend();

    /** FLOAT, DOUBLE (compute types), INT or LONG (indices). */
    DataType dtype();

    /** A copy of the shape. */
    long[] shape();

    /** A copy of the strides, in elements. */
    long[] strides();

    /** The position of element (0, ..., 0) in the storage, in elements. */
    long offset();

    int rank();

    long size(int axis);

    /** Number of elements. */
    long length();

    /** Whether the elements are one dense row-major block (strides of size-1 axes do not matter). */
    default boolean isContiguous() {
        long expected = 1;
        long[] shape = shape(), strides = strides();
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    // ---- views (no copy) -----------------------------------------------------------------------------------

    /** The same elements in another shape (row-major order); the tensor must be contiguous. */
    Tensor reshape(long... shape);

    /** Axes reordered: axis i of the result is axis {@code axes[i]} of this tensor. */
    Tensor permute(int... axes);

    /** Indices [from, to) of one axis. */
    Tensor slice(int axis, long from, long to);

    /** Index {@code index} of one axis, which the result drops (rank - 1). */
    Tensor select(int axis, long index);

    /**
     * The general strided view over this tensor's storage: element i of the result is at
     * {@code offset() + offset + sum_d i_d strides[d]} (a head split, a fused weight, a pooled buffer's prefix).
     */
    Tensor view(long offset, long[] shape, long[] strides);

    // ---- host copies ---------------------------------------------------------------------------------------

    /** Every element, row-major, as f32 on the heap (a device backend copies from the device here). */
    float[] toFloats();

    /** Every element, row-major, as f64 on the heap. */
    double[] toDoubles();

    /** Every element, row-major, as int on the heap (index tensors). */
    int[] toInts();

    /** Frees the memory of a tensor made by its backend (not a view); later use fails. Idempotent. */
    @Override
    void close();
}

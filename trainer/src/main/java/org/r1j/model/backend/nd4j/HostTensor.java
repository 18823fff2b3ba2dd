package org.r1j.model.backend.nd4j;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Layouts;
import org.r1j.model.backend.Tensor;

/**
 * The CPU backends' {@link Tensor}: an ND4J array in host memory, unwrapped by {@link #array} inside the backends.
 * Views are ND4J views of the same buffer (the ops the model ran before the seam), so wrapping costs one small object.
 */
public final class HostTensor implements Tensor {
    private final Backend owner;
    private final INDArray a;
    /**
     * Whether closing frees the buffer: only for the tensor the backend made. A reshape, permute or view is never the
     * buffer's owner, whatever ND4J says: ND4J calls a same-length reshape or view of a buffer (and any slice of an
     * INT array) "closeable", and closing it would free the owner's memory under its feet.
     */
    private final boolean owns;

    private HostTensor(Backend owner, INDArray a, boolean owns) {
        this.owner = owner;
        this.a = a;
        this.owns = owns;
    }

    /** {@code a} as a tensor of {@code owner} (a CPU backend) that owns a's buffer; no copy. */
    public static HostTensor of(Backend owner, INDArray a) {
        return new HostTensor(owner, a, true);
    }

    /** The ND4J array behind a host tensor; null for null (optional arguments). */
    public static INDArray array(Tensor t) {
        if (t == null) return null;
        if (t instanceof HostTensor h) return h.a;
        throw new IllegalArgumentException("a " + t.backend().name() + " tensor was handed to a CPU backend op"
                + " (tensors belong to the backend that made them)");
    }

    /** The ND4J arrays behind host tensors. */
    static INDArray[] arrays(Tensor... ts) {
        INDArray[] out = new INDArray[ts.length];
        for (int i = 0; i < ts.length; i++) out[i] = array(ts[i]);
        return out;
    }

    /** A view of this tensor's buffer (never its owner). */
    private HostTensor wrap(INDArray x) {
        return new HostTensor(owner, x, false);
    }

    @Override
    public Backend backend() { return owner; }

    @Override
    public DataType dtype() { return a.dataType(); }

    @Override
    public long[] shape() { return a.shape(); }

    @Override
    public long[] strides() { return a.stride(); }

    @Override
    public long offset() { return a.offset(); }

    @Override
    public int rank() { return a.rank(); }

    @Override
    public long size(int axis) { return a.size(axis); }

    @Override
    public long length() { return a.length(); }

    /** ND4J would copy a non-contiguous array to reshape it; a view that silently copies would lose writes. */
    @Override
    public Tensor reshape(long... shape) {
        if (!isContiguous())
            throw new IllegalArgumentException("reshape of a non-contiguous tensor " + a.shapeInfoToString() + " to "
                    + Arrays.toString(shape) + " (it would copy)");
        return wrap(a.reshape(shape));
    }

    @Override
    public Tensor permute(int... axes) { return wrap(a.permute(axes)); }

    @Override
    public Tensor slice(int axis, long from, long to) {
        return wrap(a.get(indices(axis, NDArrayIndex.interval(from, to))));
    }

    @Override
    public Tensor select(int axis, long index) {
        return wrap(a.get(indices(axis, NDArrayIndex.point(index))));
    }

    private INDArrayIndex[] indices(int axis, INDArrayIndex at) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        for (int d = 0; d < idx.length; d++) idx[d] = d == axis ? at : NDArrayIndex.all();
        return idx;
    }

    /** ND4J keeps an order flag beside the strides (its GEMM reads it): 'f' for column-major strides, else 'c'. */
    @Override
    public Tensor view(long offset, long[] shape, long[] strides) {
        char order = !Arrays.equals(strides, Layouts.rowMajor(shape)) && Arrays.equals(strides, Layouts.columnMajor(shape))
                ? 'f' : 'c';
        return wrap(Nd4j.create(a.data(), shape, strides, a.offset() + offset, order, a.dataType()));
    }

    @Override
    public float[] toFloats() { return dense().data().asFloat(); }

    @Override
    public double[] toDoubles() { return dense().data().asDouble(); }

    @Override
    public int[] toInts() { return dense().data().asInt(); }

    /** a itself when it is its buffer, whole and row-major; else a row-major copy. */
    private INDArray dense() {
        return !a.isView() && a.offset() == 0 && a.ordering() == 'c' && a.data().length() == a.length() ? a : a.dup('c');
    }

    @Override
    public void close() {
        if (owns && !a.wasClosed() && a.closeable()) a.close();   // views (and workspace arrays) are not ND4J's to close
    }

    @Override
    public String toString() {
        return owner.name() + " " + a.shapeInfoToString();
    }
}

package org.r1j.cuda.backend;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.cuda.memory.DeviceBuffer;
import org.r1j.model.backend.Layouts;
import org.r1j.model.backend.Tensor;

/**
 * A strided view over one {@link DeviceBuffer} of the {@link CudaBackend}'s caching allocator: dtype FLOAT (compute),
 * INT or LONG (indices); shape, strides and offset in elements. Views share the buffer and never copy; only the
 * tensor the backend allocated owns it, and its {@link #close()} gives the buffer back to the allocator's cache
 * (views' close does nothing, as on the host backends). Host copies go through the backend (they synchronise).
 */
public final class CudaTensor implements Tensor {
    private final CudaBackend backend;
    private final DataType dtype;
    private final DeviceBuffer buffer;
    private final long[] shape, strides;
    private final long offset;
    private final boolean owner;
    private final CudaTensor root;   // the allocated tensor this is a view of (itself when it owns the buffer)
    /**
     * For an index tensor made by {@code fromHost} (ids, rows, targets): the values it was made from, so ops that
     * group or convert indices on the host ({@code scatterAdd}, the log-prob head's targets) read no copy back, and
     * the head's i32 token ids derived once from flat targets. Dropped when anything writes into the tensor.
     */
    private int[] hostIndices;
    private CudaTensor tokenIds;

    CudaTensor(CudaBackend backend, DataType dtype, DeviceBuffer buffer, long[] shape, long[] strides, long offset, boolean owner) {
        this(backend, dtype, buffer, shape, strides, offset, owner, null);
    }

    private CudaTensor(CudaBackend backend, DataType dtype, DeviceBuffer buffer, long[] shape, long[] strides, long offset, boolean owner,
                       CudaTensor root) {
        this.root = root == null ? this : root;
        this.backend = backend;
        this.dtype = dtype;
        this.buffer = buffer;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.owner = owner;
    }

    /** Bytes per element of the dtypes this backend stores. */
    static int elementBytes(DataType dtype) {
        return switch (dtype) {
            case BFLOAT16 -> 2;          // GEMM operands only (GemmPrecision.BF16)
            case FLOAT, INT -> 4;
            case LONG, DOUBLE -> 8;
            default -> throw new IllegalArgumentException("cuda backend: no tensors of " + dtype);
        };
    }

    /** The device address of element (0, ..., 0); throws once the buffer went back. */
    long pointer() { return buffer.pointer() + offset * elementBytes(dtype); }

    /** The device address of element {@code index} of the storage, in elements from the buffer's start. */
    long pointerAt(long storageIndex) { return buffer.pointer() + storageIndex * elementBytes(dtype); }

    /** Elements the whole buffer holds. */
    long storageLength() { return buffer.bytes() / elementBytes(dtype); }

    @Override public CudaBackend backend() { return backend; }
    @Override public DataType dtype() { return dtype; }
    @Override public long[] shape() { return shape.clone(); }
    @Override public long[] strides() { return strides.clone(); }
    @Override public long offset() { return offset; }
    @Override public int rank() { return shape.length; }
    @Override public long size(int axis) { return shape[axis]; }
    @Override public long length() { return Layouts.length(shape); }

    // ---- views ----

    @Override
    public Tensor reshape(long... newShape) {
        if (Layouts.length(newShape) != length())
            throw new IllegalArgumentException("reshape " + Arrays.toString(shape) + " -> " + Arrays.toString(newShape) + ": lengths differ");
        if (!isContiguous())
            throw new IllegalArgumentException("reshape " + Arrays.toString(shape) + " strides " + Arrays.toString(strides)
                    + ": not contiguous, a reshape would copy");
        return new CudaTensor(backend, dtype, buffer, newShape.clone(), Layouts.rowMajor(newShape), offset, false, root);
    }

    @Override
    public Tensor permute(int... axes) {
        if (axes.length != shape.length) throw new IllegalArgumentException("permute " + Arrays.toString(axes) + " of rank " + shape.length);
        long[] s = new long[axes.length], st = new long[axes.length];
        boolean[] seen = new boolean[axes.length];
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < 0 || axes[i] >= axes.length || seen[axes[i]]) throw new IllegalArgumentException("permute " + Arrays.toString(axes));
            seen[axes[i]] = true;
            s[i] = shape[axes[i]];
            st[i] = strides[axes[i]];
        }
        return new CudaTensor(backend, dtype, buffer, s, st, offset, false, root);
    }

    @Override
    public Tensor slice(int axis, long from, long to) {
        if (from < 0 || to > shape[axis] || from > to)
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") of axis " + axis + " of " + Arrays.toString(shape));
        long[] s = shape.clone();
        s[axis] = to - from;
        return new CudaTensor(backend, dtype, buffer, s, strides.clone(), offset + from * strides[axis], false, root);
    }

    @Override
    public Tensor select(int axis, long index) {
        if (index < 0 || index >= shape[axis])
            throw new IllegalArgumentException("select " + index + " of axis " + axis + " of " + Arrays.toString(shape));
        long[] s = new long[shape.length - 1], st = new long[shape.length - 1];
        for (int d = 0, j = 0; d < shape.length; d++) {
            if (d == axis) continue;
            s[j] = shape[d];
            st[j++] = strides[d];
        }
        return new CudaTensor(backend, dtype, buffer, s, st, offset + index * strides[axis], false, root);
    }

    @Override
    public Tensor view(long viewOffset, long[] viewShape, long[] viewStrides) {
        if (viewShape.length != viewStrides.length) throw new IllegalArgumentException("view: shape and strides differ in rank");
        long lo = offset + viewOffset, hi = lo;
        for (int d = 0; d < viewShape.length; d++) {
            if (viewShape[d] == 0) { hi = lo - 1; break; }
            long reach = (viewShape[d] - 1) * viewStrides[d];
            if (reach < 0) lo += reach; else hi += reach;
        }
        if (lo < 0 || hi >= storageLength())
            throw new IllegalArgumentException("view at " + viewOffset + " shape " + Arrays.toString(viewShape) + " strides "
                    + Arrays.toString(viewStrides) + " reaches outside the " + storageLength() + " elements of its buffer");
        return new CudaTensor(backend, dtype, buffer, viewShape.clone(), viewStrides.clone(), offset + viewOffset, false, root);
    }

    // ---- host copies ----

    @Override public float[] toFloats() { return backend.hostFloats(this); }

    @Override
    public double[] toDoubles() {
        float[] f = toFloats();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    @Override public int[] toInts() { return backend.hostInts(this); }

    /** The host values of an index tensor as {@code fromHost} received them, or null (a view, or written since). */
    int[] hostIndices() { return owner ? hostIndices : null; }

    void hostIndices(int[] values) { hostIndices = values; }

    /** Forgets what the host knew of the contents (an op wrote into the tensor or a view of it). */
    void written() {
        if (root != this) { root.written(); return; }
        hostIndices = null;
        if (tokenIds != null) { tokenIds.close(); tokenIds = null; }
    }

    /** The log-prob head's i32 token ids derived from this flat-target tensor, kept until it is written or closed. */
    CudaTensor tokenIds() { return owner ? tokenIds : null; }

    void tokenIds(CudaTensor ids) { tokenIds = ids; }

    @Override
    public void close() {
        if (!owner) return;
        backend.context().bind();
        written();
        buffer.close();
    }

    @Override
    public String toString() {
        return "CudaTensor" + Arrays.toString(shape) + " " + dtype + (isContiguous() ? "" : " strides " + Arrays.toString(strides));
    }
}

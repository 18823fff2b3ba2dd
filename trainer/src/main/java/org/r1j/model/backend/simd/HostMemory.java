package org.r1j.model.backend.simd;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** How the SIMD kernels reach ND4J's host memory: layout checks and float views of an array's buffer. */
final class HostMemory {
    private HostMemory() {}

    /** Whether every array is f32 and dense (see {@link #isDense}): what the kernels index directly. */
    static boolean dense(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || !isDense(a)) return false;
        }
        return true;
    }

    /** Whether a's elements are one dense row-major block (from its offset); strides of size-1 axes do not matter. */
    static boolean isDense(INDArray a) {
        long expected = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) != 1 && a.stride(d) != expected) return false;
            expected *= a.size(d);
        }
        return true;
    }

    /**
     * The buffer of an array the caller indexes from 0 in row-major order (not a view); {@code who} names the kernel
     * in the error.
     */
    static FloatBuffer whole(INDArray a, String who) {
        if (a.isView() || a.ordering() != 'c')
            throw new IllegalArgumentException(who + " needs a whole row-major array, got " + a.shapeInfoToString());
        return floats(a);
    }

    /** A float view of an f32 array's whole host buffer (index it with the array's offset and strides). */
    static FloatBuffer floats(INDArray a) {
        if (a.dataType() != DataType.FLOAT) throw new IllegalArgumentException("SIMD kernels take f32, got " + a.dataType());
        return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}

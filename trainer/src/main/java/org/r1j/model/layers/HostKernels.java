package org.r1j.model.layers;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * When the model may use its host kernels — loops in Java (SIMD through the JDK's incubating Vector API, as
 * llama3.java does) over ND4J's host memory — instead of ND4J ops, where libnd4j 1.0.0-M2.1 is slow: anything with
 * an exp (its exp is scalar libm, ~5 ns per element: {@link HostSoftmax}, {@link HostSwiGlu}, {@link HostLogProbHead}),
 * chains of small element-wise ops that each pass over memory and cost 10-50 us to launch ({@link HostRmsNorm},
 * {@link HostRotary}, {@code HostAdamW}, the decoding step's {@code HostColumnOps}), and the decoding step's
 * attention (its batched matmul is a scalar index loop: {@code HostDecodeAttention}). Matrix products stay in
 * OpenBLAS. Same math, checked against the f64 op path in each kernel's test; the op paths stay for other backends
 * and dtypes. All exps go through {@link SimdExp}, so results are the same before and after the JIT.
 *
 * <p>Needs f32, the CPU backend (arrays in host memory) and {@code --add-modules jdk.incubator.vector} in the
 * JVM (./r1j, the notebook kernel and the tests pass it). {@code -Dr1j.hostKernels=false} turns them off, to compare.
 * This class names no Vector API type, so asking is safe in any JVM.
 */
public final class HostKernels {
    private static final String OFF_REASON = offReason();
    private static final boolean ENABLED = OFF_REASON == null;

    static {
        if (OFF_REASON != null && OFF_REASON.startsWith("the JVM")) {
            // a CPU run that would use them but cannot: say once how to get them
            System.err.println("r1j: host SIMD kernels are off: " + OFF_REASON
                    + "; add --add-modules jdk.incubator.vector to the JVM options (./r1j does) for faster f32 on CPU");
        }
    }

    private HostKernels() {}

    private static String offReason() {
        if ("false".equals(System.getProperty("r1j.hostKernels"))) return "turned off by -Dr1j.hostKernels=false";
        if (!Nd4j.getBackend().getClass().getSimpleName().startsWith("CpuBackend"))
            return "the " + Nd4j.getBackend().getClass().getSimpleName() + " backend keeps arrays off the host";
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty())
            return "the JVM was started without the jdk.incubator.vector module";
        return null;
    }

    /** "on", or "off (why)", for logs and benchmarks. */
    public static String status() {
        return ENABLED ? "on" : "off (" + OFF_REASON + ")";
    }

    /** Whether host kernels run for arrays of this dtype. */
    public static boolean available(DataType dtype) {
        return ENABLED && dtype == DataType.FLOAT;
    }

    /** Whether host kernels run on these arrays: all f32 and dense (see {@link #isDense}). */
    public static boolean appliesTo(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (!available(a.dataType()) || !isDense(a)) return false;
        }
        return true;
    }

    /** Whether a's elements are one dense row-major block (from its offset); strides of size-1 axes do not matter. */
    public static boolean isDense(INDArray a) {
        long expected = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) != 1 && a.stride(d) != expected) return false;
            expected *= a.size(d);
        }
        return true;
    }

    /** A float view of an f32 array's whole host buffer (index it with the array's offset and strides). */
    public static FloatBuffer floats(INDArray a) {
        if (a.dataType() != DataType.FLOAT) throw new IllegalArgumentException("host kernels take f32, got " + a.dataType());
        return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}

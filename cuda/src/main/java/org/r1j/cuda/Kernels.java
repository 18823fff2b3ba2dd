package org.r1j.cuda;

import static org.r1j.cuda.KernelArgs.Kind.F32;
import static org.r1j.cuda.KernelArgs.Kind.F64;
import static org.r1j.cuda.KernelArgs.Kind.I32;
import static org.r1j.cuda.KernelArgs.Kind.I64;
import static org.r1j.cuda.KernelArgs.Kind.PTR;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.r1j.cuda.driver.CudaDriver;

/**
 * r1j's kernels in a loaded module: every {@code extern "C" __global__} function of r1j_kernels.cu with its
 * parameter kinds, resolved once, and a checked launch on the context's stream. Element kernels run a grid-stride
 * loop ({@link #elementGrid}); row kernels one block per row.
 */
public final class Kernels {
    /** The declarations of r1j_kernels.cu (KernelSignaturesTest parses the file and compares). */
    public static final Map<String, KernelSignature> SIGNATURES = signatures(
            KernelSignature.of("r1j_cast_f32_bf16", PTR, PTR, I64),
            KernelSignature.of("r1j_cast_bf16_f32", PTR, PTR, I64),
            KernelSignature.of("r1j_add_bias", PTR, PTR, I32, I64),
            KernelSignature.of("r1j_scale", PTR, F32, I64),
            KernelSignature.of("r1j_axpy", PTR, F32, PTR, I64),
            KernelSignature.of("r1j_column_partial", PTR, PTR, PTR, PTR, I32, I32, I32, I64),
            KernelSignature.of("r1j_column_sum_add", PTR, PTR, I32, I32),
            KernelSignature.of("r1j_rmsnorm_fwd", PTR, PTR, PTR, PTR, I32, F32),
            KernelSignature.of("r1j_rmsnorm_bwd", PTR, PTR, PTR, PTR, PTR, I32),
            KernelSignature.of("r1j_rotary", PTR, PTR, PTR, I32, I32, I32, I64),
            KernelSignature.of("r1j_masked_softmax", PTR, PTR, I32, I32, I32, I32, I32, I32, PTR),
            KernelSignature.of("r1j_row_dot", PTR, PTR, PTR, I32),
            KernelSignature.of("r1j_softmax_bwd", PTR, PTR, PTR, I32, I64),
            KernelSignature.of("r1j_swiglu", PTR, PTR, PTR, PTR, I64),
            KernelSignature.of("r1j_swiglu_bwd", PTR, PTR, PTR, PTR, PTR, PTR, I64),
            KernelSignature.of("r1j_copy_strided", PTR, PTR, I64, I64, I64, I64, I64, I64, I64, I64, I64, I64, I64, I64, I64, I64, I64,
                    I64, I64, I64, I64),
            KernelSignature.of("r1j_gather", PTR, PTR, PTR, I32, I64),
            KernelSignature.of("r1j_scatter_add", PTR, PTR, PTR, PTR, PTR, I32, I64),
            KernelSignature.of("r1j_logprob", PTR, PTR, PTR, PTR, PTR, I32, F32),
            KernelSignature.of("r1j_logprob_bwd", PTR, PTR, PTR, PTR, I32, F32, I64),
            KernelSignature.of("r1j_entropy_bwd", PTR, PTR, PTR, PTR, I32, I64),
            KernelSignature.of("r1j_grpo_token", PTR, PTR, PTR, PTR, PTR, PTR, PTR, PTR, PTR, PTR, PTR, PTR, I32, I64, I32, I32,
                    I32, F64, F64, F64, F64, F64, F64),
            KernelSignature.of("r1j_adamw", PTR, PTR, PTR, PTR, I64, F32, F32, F32, F32, F32, F32, F32, F32),
            KernelSignature.of("r1j_sum_partial", PTR, PTR, I64, I32),
            KernelSignature.of("r1j_sum_final", PTR, PTR, I32, I32),
            KernelSignature.of("r1j_sample", PTR, PTR, PTR, PTR, PTR, I32, F64, F64, F64, I32));

    /** Threads per block of element kernels. */
    public static final int ELEMENT_BLOCK = 256;

    private final CudaDriver cu;
    private final MemorySegment stream;
    private final Map<String, MemorySegment> functions = new LinkedHashMap<>();

    Kernels(CudaDriver cu, MemorySegment module, MemorySegment stream) {
        this.cu = cu;
        this.stream = stream;
        for (String name : SIGNATURES.keySet()) functions.put(name, cu.function(module, name));
    }

    private static Map<String, KernelSignature> signatures(KernelSignature... s) {
        Map<String, KernelSignature> m = new LinkedHashMap<>();
        for (KernelSignature k : s) m.put(k.name(), k);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Blocks for a grid-stride loop over n elements: enough to fill any current GPU, at most one per 256 elements. */
    public static int elementGrid(long n) {
        return (int) Math.max(1, Math.min((n + ELEMENT_BLOCK - 1) / ELEMENT_BLOCK, 8192));
    }

    /** Lanes of a row kernel for rows of {@code width}: a multiple of 32, about 4 elements a lane, at most 1024. */
    public static int rowLanes(long width) {
        long lanes = (width / 4 + 31) / 32 * 32;
        return (int) Math.max(32, Math.min(1024, lanes));
    }

    /** Launches {@code name} on a 1-D grid after checking the arguments against its signature. */
    public void launch(String name, int grid, int block, KernelArgs args) {
        try (args) {
            KernelSignature sig = SIGNATURES.get(name);
            if (sig == null) throw new IllegalArgumentException("no kernel " + name);
            sig.check(args);
            if (block <= 0 || block > 1024 || block % 32 != 0)
                throw new IllegalArgumentException(name + ": block " + block + " is not a multiple of 32 in [32, 1024]");
            if (grid <= 0) throw new IllegalArgumentException(name + ": empty grid " + grid);
            cu.launch(functions.get(name), grid, 1, 1, block, 1, 1, 0, stream, args.pointers(), name);
        }
    }

    /** An element kernel over n elements. */
    public void elements(String name, long n, KernelArgs args) {
        if (n == 0) {
            args.close();
            return;
        }
        launch(name, elementGrid(n), ELEMENT_BLOCK, args);
    }
}

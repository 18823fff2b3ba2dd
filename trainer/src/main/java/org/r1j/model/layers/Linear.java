package org.r1j.model.layers;

import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Tensor;

/** y = x W^T + b with Hugging Face's (out, in) weight layout; one GEMM each way, the backend's. */
public final class Linear {
    private Linear() {}

    /**
     * @param out (N, OC) written
     * @param inp (N, IC)
     * @param w   (OC, IC)
     * @param b   (OC) or null
     */
    public static void forward(Backend be, Tensor out, Tensor inp, Tensor w, Tensor b) {
        be.gemm(inp, w, out, false, true, 1.0, 0.0);
        if (b != null) be.addRowVector(out, b);
    }

    /**
     * Forward was {@code out = inp @ w^T + b}, so {@code dinp = dout @ w}, {@code dw += dout^T @ inp},
     * {@code db += sum_N dout}.
     *
     * @param dinp        (N, IC) written ({@code accumulate=false}) or added to; null to skip
     * @param dw          (OC, IC) added to
     * @param db          (OC) added to, or null
     * @param dout        (N, OC)
     * @param inp         (N, IC) the forward input
     * @param w           (OC, IC)
     */
    public static void backward(Backend be, Tensor dinp, Tensor dw, Tensor db, Tensor dout, Tensor inp, Tensor w,
                                boolean accumulate) {
        backward(be, dinp, dw, db, dout, inp, w, accumulate, null);
    }

    /**
     * As above; {@code dwScratch} (OC, IC) in 'f' order receives dout^T @ inp before it is added to dw: ND4J's
     * GEMM into an f-order output runs ~1.5x faster here than into the c-order gradient (measured 23 vs 37 ms
     * at 4096x688x256), which pays for the extra add.
     */
    public static void backward(Backend be, Tensor dinp, Tensor dw, Tensor db, Tensor dout, Tensor inp, Tensor w,
                                boolean accumulate, Tensor dwScratch) {
        if (dinp != null) be.gemm(dout, w, dinp, false, false, 1.0, accumulate ? 1.0 : 0.0);
        if (dwScratch != null) {
            be.gemm(dout, inp, dwScratch, true, false, 1.0, 0.0);
            be.add(dw, dwScratch);
        } else {
            be.gemm(dout, inp, dw, true, false, 1.0, 1.0);
        }
        if (db != null) be.addColumnSums(db, dout);
    }
}

package org.r1j.optim;

import java.util.ArrayList;
import java.util.List;
import org.r1j.model.Parameters;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Tensor;

/** Global gradient-norm clipping, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradClip {
    private GradClip() {}

    /** The L2 norm of all gradients together (summed by {@code backend}, the model's). */
    public static double globalNorm(Parameters params, Backend backend) {
        List<Tensor> grads = new ArrayList<>();
        for (String name : params.names()) grads.add(params.grad(name));
        return Math.sqrt(backend.sumOfSquares(grads));   // one read on a device backend, not one per tensor
    }

    /**
     * Scales every gradient by {@code maxNorm / norm} when the global norm exceeds {@code maxNorm}.
     *
     * @return the norm before clipping (what trainers log)
     */
    public static double clip(Parameters params, Backend backend, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("max grad norm must be > 0, got " + maxNorm);
        double norm = globalNorm(params, backend);
        if (norm > maxNorm) {
            double scale = maxNorm / (norm + 1e-6);
            for (String name : params.names()) backend.scale(params.grad(name), scale);
        }
        return norm;
    }
}

package org.r1j.model.backend.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Per-token log-probabilities and entropies of {@code softmax(logits / temperature)} — the softmax
 * cross-entropy head of GRPO (log-prob of the sampled token) — with the gradient of the log-probs.
 * Targets are passed as flat indices {@code m * V + token} into the (M, V) logits. ND4J ops: the reference that the
 * {@code nd4j} backend runs ({@code simd} has one SIMD pass over the rows each way). The model calls it through its
 * Backend.
 */
public final class Nd4jLogProbHead {
    private Nd4jLogProbHead() {}

    /**
     * @param probs       (M, V) written: softmax(logits / temperature), kept for backward
     * @param logits      (M, V) divided by temperature, then overwritten (scratch)
     * @param targetFlat  (M) long: m * V + target token of row m
     * @return {logprob of each row's target (M), entropy of each row (M)}
     */
    public static INDArray[] forward(INDArray probs, INDArray logits, INDArray targetFlat, double temperature) {
        if (temperature != 1.0) logits.divi(temperature);
        Nd4j.exec(new SoftMax(logits, probs, 1));                          // the only exp pass (ND4J's exp is scalar code)
        INDArray chosen = Nd4j.exec(DynamicCustomOp.builder("gather")
                .addInputs(logits.reshape(logits.length()), targetFlat).addIntegerArguments(0).build())[0];
        // logsumexp(z) = z_j - log p_j for any j; at the row's argmax this is max + log(sum exp(z - max)), the
        // stable form. It spares the separate log-softmax pass (and its second exp) that the probs would need.
        INDArray lse = logits.max(1).subi(Transforms.log(probs.max(1), false));  // (M)
        chosen.subi(lse);                                                  // log p(target) = z_target - lse
        // entropy = -sum p (z - lse) = lse - sum p z
        INDArray entropy = lse.sub(logits.muli(probs).sum(1));
        return new INDArray[] {chosen, entropy};
    }

    /**
     * Forward was {@code lp_m = z[m, y_m] - logsumexp(z[m])} with {@code z = logits / temperature}, so
     * {@code dz[m] = dlp_m * (onehot(y_m) - probs[m])} and {@code dlogits = dz / temperature}.
     *
     * @param dlogits    (M, V) written
     * @param dlogp      (M) dLoss/dlogprob of each row's target
     * @param probs      (M, V) from forward
     * @param targetFlat (M) long, as in forward
     */
    public static void backward(INDArray dlogits, INDArray dlogp, INDArray probs, INDArray targetFlat,
                                double temperature) {
        long M = probs.size(0);
        dlogits.assign(probs).muliColumnVector(dlogp.reshape(M, 1)).negi();
        INDArray flat = dlogits.reshape(dlogits.length());
        Nd4j.exec(DynamicCustomOp.builder("scatter_add").addInputs(flat, targetFlat, dlogp).addOutputs(flat).build());
        if (temperature != 1.0) dlogits.divi(temperature);
    }
}

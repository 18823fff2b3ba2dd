package org.r1j.model.backend.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.r1j.model.backend.simd.F64Reference.assertSimd;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.backend.nd4j.Nd4jLogProbHead;

/**
 * In f32 {@link org.r1j.model.backend.nd4j.Nd4jLogProbHead} runs as {@link SimdLogProbHead}: log-probs, entropies, probabilities and the gradient
 * must match the f64 op path, at temperature 1 and 0.7, for a vocabulary with a SIMD tail (37) and without (512).
 */
class SimdLogProbHeadTest {
    @Test
    void hostPassesMatchTheF64OpPath() {
        Nd4j.getRandom().setSeed(8);
        for (int V : new int[] {37, 512}) {
            for (double temperature : new double[] {1.0, 0.7}) {
                int M = 9;
                INDArray logits = Nd4j.randn(DataType.DOUBLE, M, V).muli(3);
                long[] flat = new long[M];
                for (int m = 0; m < M; m++) flat[m] = (long) m * V + (m * 7L) % V;
                INDArray targets = Nd4j.createFromArray(flat), dlogp = Nd4j.randn(DataType.DOUBLE, M);
                INDArray z = logits.dup(), probs = logits.ulike(), dlogits = logits.ulike();
                INDArray[] out = Nd4jLogProbHead.forward(probs, z, targets, temperature);
                Nd4jLogProbHead.backward(dlogits, dlogp, probs, targets, temperature);

                INDArray zF = logits.castTo(DataType.FLOAT), probsF = zF.ulike(), dlogitsF = zF.ulike();
                assertSimd();
                INDArray[] outF = SimdBackend.INSTANCE.logProbHead(probsF, zF, targets, temperature);
                SimdBackend.INSTANCE.logProbHeadBackward(dlogitsF, dlogp.castTo(DataType.FLOAT), probsF, targets, temperature);
                String at = "V=" + V + " T=" + temperature;
                F64Reference.check("logprob head", "logprob " + at, out[0], outF[0], 2e-6);
                F64Reference.check("logprob head", "entropy " + at, out[1], outF[1], 2e-6);
                F64Reference.check("logprob head", "probs " + at, probs, probsF, 2e-6);
                F64Reference.check("logprob head", "dlogits " + at, dlogits, dlogitsF, 2e-6);
            }
        }
    }
}

package org.r1j.model.backend.simd;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link org.r1j.model.backend.nd4j.Nd4jLogProbHead} as one SIMD pass over each row of logits forward (softmax, target log-prob, entropy) and one
 * backward (see {@link HostMemory}); the op path took 27 and 12 ms per training step at the bench shape.
 */
final class SimdLogProbHead {
    private SimdLogProbHead() {}

    /** As {@link org.r1j.model.backend.nd4j.Nd4jLogProbHead#forward} (logits are only read here; the op path uses them as scratch). */
    static INDArray[] forward(INDArray probs, INDArray logits, INDArray targetFlat, double temperature) {
        int M = (int) logits.size(0), V = (int) logits.size(1);
        long[] targets = targetFlat.toLongVector();
        FloatBuffer zb = HostMemory.floats(logits), pb = HostMemory.floats(probs);
        long zo = logits.offset(), po = probs.offset();
        float[] z = new float[V], p = new float[V], chosen = new float[M], entropy = new float[M];
        float inv = (float) (1 / temperature);
        for (int m = 0; m < M; m++) {
            zb.get((int) (zo + (long) m * V), z, 0, V);
            if (temperature != 1.0) SimdMath.scale(z, 0, V, inv);
            System.arraycopy(z, 0, p, 0, V);
            SimdSoftmax.inPlace(p, 0, V);
            // logsumexp(z) = max z - log p(argmax), as on the op path; entropy = lse - sum p z
            float lse = SimdMath.max(z, 0, V) - (float) Math.log(SimdMath.max(p, 0, V));
            float pz = SimdMath.dot(p, 0, z, 0, V);
            chosen[m] = z[(int) (targets[m] - (long) m * V)] - lse;
            entropy[m] = lse - pz;
            pb.put((int) (po + (long) m * V), p, 0, V);
        }
        return new INDArray[] {Nd4j.create(chosen).castTo(logits.dataType()), Nd4j.create(entropy).castTo(logits.dataType())};
    }

    /** As {@link org.r1j.model.backend.nd4j.Nd4jLogProbHead#backward}: dlogits = dlogp (onehot - probs) / temperature, row by row. */
    static void backward(INDArray dlogits, INDArray dlogp, INDArray probs, INDArray targetFlat, double temperature) {
        int M = (int) probs.size(0), V = (int) probs.size(1);
        long[] targets = targetFlat.toLongVector();
        float[] d = dlogp.castTo(DataType.FLOAT).toFloatVector();
        FloatBuffer pb = HostMemory.floats(probs), db = HostMemory.floats(dlogits);
        long po = probs.offset(), dO = dlogits.offset();
        float[] row = new float[V];
        float inv = (float) (1 / temperature);
        for (int m = 0; m < M; m++) {
            pb.get((int) (po + (long) m * V), row, 0, V);
            SimdMath.scale(row, 0, V, -d[m]);
            row[(int) (targets[m] - (long) m * V)] += d[m];
            if (temperature != 1.0) SimdMath.scale(row, 0, V, inv);
            db.put((int) (dO + (long) m * V), row, 0, V);
        }
    }
}

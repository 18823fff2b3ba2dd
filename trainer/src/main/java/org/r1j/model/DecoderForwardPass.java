package org.r1j.model;

import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Tensor;

/**
 * A training/scoring pass over a {@link TokenBatch}. Only the M rows that predict a completion token go through
 * the LM head: {@code rows} (M) are their indices into the N = B*T positions.
 */
final class DecoderForwardPass implements ForwardPass {
    private final DecoderModel model;
    private final Trunk trunk;
    private final TokenBatch batch;
    private final double temperature;
    private final Tensor rows;       // (M) int: b*T + t for each predicting position
    private final Tensor targetFlat; // (M) long: m*V + target token
    private final Tensor xfRows;     // (M, C) final-norm output at those rows
    private final Tensor probs;      // (M, V) softmax(logits / temperature)
    private final Tensor chosen;     // (M) log-probs in the model's dtype
    private final Tensor entropyValues; // (M) entropies in the model's dtype
    private final float[][] logprobs;
    private final float[][] entropies;
    private final boolean training;
    private final ArrayPool.Scope scope; // the activations' buffers, returned to the model's pool on close
    private boolean backwardDone;

    DecoderForwardPass(DecoderModel model, Trunk trunk, TokenBatch batch, double temperature, boolean training,
                       ArrayPool.Scope scope) {
        this.scope = scope;
        this.model = model;
        this.trunk = trunk;
        this.batch = batch;
        this.temperature = temperature;
        this.training = training;
        int B = trunk.B(), T = trunk.T(), V = model.config().vocabSize();
        int M = 0;
        for (int b = 0; b < B; b++) M += batch.completionLength(b);
        int[] rowIdx = new int[M];
        long[] flat = new long[M];
        int m = 0;
        for (int b = 0; b < B; b++) {
            for (int t = batch.promptLengths()[b] - 1; t < batch.lengths()[b] - 1; t++, m++) {
                rowIdx[m] = b * T + t;
                flat[m] = (long) m * V + batch.tokens()[b][t + 1];
            }
        }
        logprobs = new float[B][];
        entropies = new float[B][];
        if (M == 0) {
            rows = targetFlat = xfRows = probs = chosen = entropyValues = null;
            for (int b = 0; b < B; b++) { logprobs[b] = new float[0]; entropies[b] = new float[0]; }
            if (!training) scope.close();
            return;
        }
        Backend be = model.backend();
        rows = scope.own(be.fromHost(rowIdx, M));
        targetFlat = scope.own(be.fromHost(flat, M));
        xfRows = scope.take(trunk.xf().dtype(), M, trunk.xf().size(1));
        be.gather(xfRows, rows, trunk.xf());
        Tensor logits = scope.take(xfRows.dtype(), M, V);
        be.linear(logits, xfRows, model.weights().lmHead(), null);
        Profile.mark("fwd lm head gemm");
        probs = scope.take(xfRows.dtype(), M, V);
        Tensor[] lpEnt = be.logProbHead(probs, logits, targetFlat, temperature);
        chosen = lpEnt[0];
        entropyValues = lpEnt[1];
        float[] lp = lpEnt[0].toFloats(), ent = lpEnt[1].toFloats();   // the host's copy: M floats each
        Profile.mark("fwd log-softmax/entropy");
        m = 0;
        for (int b = 0; b < B; b++) {
            int n = batch.completionLength(b);
            logprobs[b] = java.util.Arrays.copyOfRange(lp, m, m + n);
            entropies[b] = java.util.Arrays.copyOfRange(ent, m, m + n);
            m += n;
        }
        if (!training) scope.close(); // nothing is needed after this
    }

    @Override
    public float[][] logprobs() { return logprobs; }

    /** Sum of logprob * weight over all completion tokens, in the model's precision (for gradient checks). */
    double weightedSum(float[][] weights) {
        if (chosen == null) return 0;
        double[] lp = chosen.toDoubles();
        double s = 0;
        int m = 0;
        for (float[] row : weights) for (float w : row) s += lp[m++] * w;
        return s;
    }

    @Override
    public float[][] entropies() { return entropies; }

    /** Sum of entropy * weight over all completion tokens, in the model's precision (for gradient checks). */
    double weightedEntropySum(float[][] weights) {
        if (entropyValues == null) return 0;
        double[] h = entropyValues.toDoubles();
        double s = 0;
        int m = 0;
        for (float[] row : weights) for (float w : row) s += h[m++] * w;
        return s;
    }

    @Override
    public void backward(float[][] dLogprobs) {
        backward(dLogprobs, null);
    }

    @Override
    public void backward(float[][] dLogprobs, float[][] dEntropies) {
        if (!training) throw new IllegalStateException("backward on a forward pass made with training = false");
        if (backwardDone) throw new IllegalStateException("backward called twice on one forward pass");
        backwardDone = true;
        int B = trunk.B(), T = trunk.T();
        if (dLogprobs.length != B) throw new IllegalArgumentException("dLogprobs has " + dLogprobs.length + " rows, batch has " + B);
        int M = (int) (rows == null ? 0 : rows.length());
        if (M == 0) return;
        float[] g = new float[M];
        int m = 0;
        for (int b = 0; b < B; b++) {
            int n = batch.completionLength(b);
            if (dLogprobs[b].length != n)
                throw new IllegalArgumentException("dLogprobs[" + b + "] has " + dLogprobs[b].length
                        + " entries, the row has " + n + " completion tokens");
            System.arraycopy(dLogprobs[b], 0, g, m, n);
            m += n;
        }
        Backend be = model.backend();
        DecoderWeights w = model.weights(), gr = model.grads();
        ModelConfig c = model.config();
        Profile.start();
        Tensor dlp = scope.own(be.fromHost(probs.dtype(), g, M));
        // head: logits = xfRows Wlm^T, then log-softmax
        Tensor dlogits = scope.take(probs.dtype(), probs.shape());
        be.logProbHeadBackward(dlogits, dlp, probs, targetFlat, temperature);
        if (dEntropies != null) addEntropyGradient(dlogits, dEntropies);
        Profile.mark("bwd log-softmax");
        Tensor dxfRows = scope.take(xfRows.dtype(), xfRows.shape());
        be.linearBackward(dxfRows, gr.lmHead(), null, dlogits, xfRows, w.lmHead(), false,
                scope.takeOrdered(xfRows.dtype(), 'f', w.lmHead().shape()));
        Profile.mark("bwd lm head gemm");
        // forward: xfRows = xf[rows]
        Tensor dxf = scope.zeros(xfRows.dtype(), (long) B * T, c.hiddenSize());
        be.scatterAdd(dxf, rows, dxfRows);
        // forward: xf = rmsnorm(xL)
        Tensor dx = scope.zeros(xfRows.dtype(), (long) B * T, c.hiddenSize());
        be.rmsNormBackward(dx, gr.finalNorm(), dxf, trunk.xL(), w.finalNorm(), trunk.rstdf(),
                scope.take(dx.dtype(), dx.shape()), scope.take(dx.dtype(), dx.shape()));
        Profile.mark("bwd rmsnorm");
        for (int l = c.numHiddenLayers() - 1; l >= 0; l--) {
            try (ArrayPool.Scope temps = model.pool().scope()) {
                model.block().backward(dx, trunk.layers()[l], w.layer(l), gr.layer(l), B, T,
                        trunk.cos(), trunk.sin(), temps);
            }
        }
        // forward: x0 = wte[tokens]
        be.scatterAdd(gr.embed(), trunk.tokens(), dx);
        Profile.mark("bwd embed");
    }

    /**
     * dlogits += dLoss/dH · dH/dlogits with H = -Σ p log p, p = softmax(logits / T):
     * {@code dH/dlogit_k = -(1/T) p_k (log p_k + H)}.
     */
    private void addEntropyGradient(Tensor dlogits, float[][] dEntropies) {
        int B = trunk.B();
        int M = (int) rows.length();
        float[] coef = new float[M], h = new float[M];
        int m = 0;
        for (int b = 0; b < B; b++) {
            int n = batch.completionLength(b);
            if (dEntropies[b].length != n) throw new IllegalArgumentException("dEntropies[" + b + "] has " + dEntropies[b].length + " entries, the row has " + n);
            for (int j = 0; j < n; j++, m++) {
                coef[m] = (float) (-dEntropies[b][j] / temperature);
                h[m] = entropies[b][j];
            }
        }
        Backend be = model.backend();
        be.entropyBackward(dlogits, probs, scope.own(be.fromHost(probs.dtype(), h, M)), scope.own(be.fromHost(probs.dtype(), coef, M)));
    }

    /** Returns the activations to the pool and frees the pass's own tensors (ids, targets, log-probs, entropies). */
    @Override
    public void close() {
        backwardDone = true;
        scope.close();
        if (chosen != null) chosen.close();
        if (entropyValues != null) entropyValues.close();
    }
}

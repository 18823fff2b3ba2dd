package org.r1j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r1j.model.Parameters;
import org.r1j.model.backend.AdamWStep;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Tensor;
import org.r1j.model.io.HostArray;

/**
 * AdamW (Loshchilov &amp; Hutter) with PyTorch's update rule, per parameter tensor:
 * <pre>
 *   w -= lr * wd * w                       (decoupled decay; matrices only, see AdamWConfig)
 *   m  = b1 m + (1-b1) g ;  v = b2 v + (1-b2) g^2
 *   w -= lr / (1-b1^t) * m / (sqrt(v / (1-b2^t)) + eps)
 * </pre>
 This class keeps the state and the schedule (bias corrections, which tensors decay); the element-wise update of
 * each tensor is the model's backend's ({@link Backend#adamW}: ND4J ops in {@code nd4j}, one SIMD pass in
 * {@code simd}). State lives in the backend's memory beside the weights, one pair of tensors per parameter, allocated
 * on the first step. Only the checkpoint's {@link #stateDict} / {@link #loadStateDict} see host arrays ({@link HostArray}).
 */
public final class AdamW {
    private final Parameters params;
    private final Backend backend; // runs the update: the model's backend
    private final Map<String, Tensor> m = new LinkedHashMap<>(); // first moments, by parameter name
    private final Map<String, Tensor> v = new LinkedHashMap<>(); // second moments, by parameter name
    private final Map<String, Tensor> scratch = new LinkedHashMap<>(); // per-tensor temporary
    private AdamWConfig config;
    private long step; // updates done so far

    /** An optimizer over {@code params}, updating them with {@code backend} (the model's: {@code model.backend()}). */
    public AdamW(Parameters params, Backend backend, AdamWConfig config) {
        this.params = params;
        this.backend = backend;
        this.config = config;
    }

    public AdamWConfig config() { return config; }

    /** Changes hyper-parameters from the next step on (e.g. a schedule's learning rate). */
    public void setConfig(AdamWConfig config) { this.config = config; }

    /** Updates done so far. */
    public long stepCount() { return step; }

    /** One update from the gradients currently in {@code params} using {@code config().lr()}. */
    public void step() {
        step(config.lr());
    }

    /** One update with learning rate {@code lr} (e.g. from an {@link LrSchedule}). */
    public void step(double lr) {
        step++;
        double b1 = config.beta1(), b2 = config.beta2();
        double bc1 = 1 - Math.pow(b1, step), bc2 = 1 - Math.pow(b2, step);
        for (String name : params.names()) {
            Tensor w = params.weight(name), g = params.grad(name);
            double keep = decays(w) && config.weightDecay() > 0 ? 1 - lr * config.weightDecay() : 1;
            backend.adamW(w, g, state(m, name, w), state(v, name, w), state(scratch, name, w),
                    new AdamWStep(keep, b1, b2, -lr / bc1, 1 / Math.sqrt(bc2), config.eps()));
        }
    }

    /** Embeddings and Linear weights decay; biases and norm gains (rank 1) do not. */
    static boolean decays(Tensor w) {
        return w.rank() >= 2;
    }

    /** Frees the moments and scratch in the backend's memory (a device backend's must not wait for GC). */
    public void close() {
        for (Map<String, Tensor> map : List.of(m, v, scratch)) {
            map.values().forEach(Tensor::close);
            map.clear();
        }
    }

    private Tensor state(Map<String, Tensor> map, String name, Tensor like) {
        return map.computeIfAbsent(name, k -> backend.zeros(like.dtype(), like.shape()));
    }

    /**
     * The optimiser state for a checkpoint, with PyTorch's names: {@code exp_avg.NAME}, {@code exp_avg_sq.NAME}
     * and {@code step} (a 1-element f64 array, as r1j always wrote it). The arrays are copies, in the model's dtype.
     */
    public Map<String, HostArray> stateDict() {
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (String name : params.names()) {
            Tensor w = params.weight(name);
            out.put("exp_avg." + name, HostArray.copyOf(state(m, name, w)));
            out.put("exp_avg_sq." + name, HostArray.copyOf(state(v, name, w)));
        }
        out.put("step", HostArray.of(new double[] {step}, 1));
        return out;
    }

    /** Restores {@link #stateDict()} output; every parameter must be present with its weight's shape. */
    public void loadStateDict(Map<String, HostArray> state) {
        HostArray s = state.get("step");
        if (s == null) throw new IllegalArgumentException("optimizer state has no 'step' entry");
        if (s.length() != 1) throw new IllegalArgumentException("optimizer state 'step' has " + s.length() + " elements, expected 1");
        long newStep = Math.round(s.getDouble(0));
        for (String name : params.names()) {
            Tensor w = params.weight(name);
            for (String prefix : new String[] {"exp_avg.", "exp_avg_sq."}) {
                HostArray t = state.get(prefix + name);
                if (t == null) throw new IllegalArgumentException("optimizer state is missing '" + prefix + name + "'");
                if (!java.util.Arrays.equals(t.shape(), w.shape()))
                    throw new IllegalArgumentException("optimizer state '" + prefix + name + "' has shape "
                            + java.util.Arrays.toString(t.shape()) + ", the parameter has " + java.util.Arrays.toString(w.shape()));
                t.copyTo(state(prefix.equals("exp_avg.") ? m : v, name, w));
            }
        }
        step = newStep;
    }
}

package org.r1j.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Tensor;

/**
 * All weights in one flat buffer of the model's backend and all gradients in another (llm.c's "malloc once and point"); each
 * named tensor is a view into them. One buffer makes zeroGrad, copy and whole-model norms single ops, and lets
 * adjacent tensors (see {@link ParamLayout}) be used as one fused matrix.
 */
public final class FlatParameters implements Parameters {
    private final ParamLayout layout;
    private final Backend be;
    private final Tensor weights; // (total)
    private final Tensor grads;   // (total)
    private final Map<String, Tensor> weightViews = new HashMap<>();
    private final Map<String, Tensor> gradViews = new HashMap<>();

    /** Zero weights and gradients in {@code be}'s memory. */
    public FlatParameters(ParamLayout layout, DataType dtype, Backend be) {
        this(layout, be, be.zeros(dtype, layout.total()));
    }

    private FlatParameters(ParamLayout layout, Backend be, Tensor weights) {
        this.layout = layout;
        this.be = be;
        this.weights = weights;
        this.grads = be.zeros(weights.dtype(), layout.total());
        for (String name : layout.names()) {
            ParamLayout.Entry e = layout.entry(name);
            weightViews.put(name, view(weights, e.offset(), e.shape()));
            gradViews.put(name, view(grads, e.offset(), e.shape()));
        }
    }

    /** A view of {@code flat[offset : offset + prod(shape)]} shaped {@code shape} (c order). */
    static Tensor view(Tensor flat, long offset, long... shape) {
        long n = 1;
        for (long d : shape) n *= d;
        return flat.slice(0, offset, offset + n).reshape(shape);
    }

    /** A view over consecutive tensors, from {@code first} on, shaped {@code shape} (e.g. fused q/k/v). */
    public Tensor fusedWeight(String first, long... shape) {
        return view(weights, entry(first).offset(), shape);
    }

    /** Views into one of the two buffers: a tensor by name, or consecutive tensors from {@code first} as one shape. */
    public interface Views {
        Tensor tensor(String name);

        Tensor fused(String first, long... shape);
    }

    /** The weights' views, or (grads) the gradients'. */
    public Views views(boolean grads) {
        return new Views() {
            @Override
            public Tensor tensor(String name) {
                return grads ? grad(name) : weight(name);
            }

            @Override
            public Tensor fused(String first, long... shape) {
                return grads ? fusedGrad(first, shape) : fusedWeight(first, shape);
            }
        };
    }

    /** Gradient counterpart of {@link #fusedWeight}. */
    public Tensor fusedGrad(String first, long... shape) {
        return view(grads, entry(first).offset(), shape);
    }

    private ParamLayout.Entry entry(String name) {
        ParamLayout.Entry e = layout.entry(name);
        if (e == null) throw new IllegalArgumentException("the model has no parameter '" + name + "'");
        return e;
    }

    public ParamLayout layout() { return layout; }

    /** (total) every weight, in layout order. */
    public Tensor flatWeights() { return weights; }

    /** (total) every gradient, in layout order. */
    public Tensor flatGrads() { return grads; }

    @Override
    public List<String> names() { return layout.names(); }

    @Override
    public Tensor weight(String name) {
        Tensor w = weightViews.get(name);
        if (w == null) throw new IllegalArgumentException("the model has no parameter '" + name + "'");
        return w;
    }

    @Override
    public Tensor grad(String name) {
        Tensor g = gradViews.get(name);
        if (g == null) throw new IllegalArgumentException("the model has no parameter '" + name + "'");
        return g;
    }

    @Override
    public long count() { return layout.total(); }

    @Override
    public Backend backend() { return be; }

    public void zeroGrad() { be.fill(grads, 0); }

    /** Frees the weight and gradient buffers (every view of them becomes unusable). */
    public void close() {
        weights.close();
        grads.close();
    }

    /** Weights copied, gradients zero. */
    public FlatParameters copy() {
        Tensor w = be.alloc(weights.dtype(), layout.total());
        be.copy(w, weights);
        return new FlatParameters(layout, be, w);
    }
}

package org.r1j.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All weights in one flat off-heap buffer and all gradients in another (llm.c's "malloc once and point"); each
 * named tensor is a view into them. One buffer makes zeroGrad, copy and whole-model norms single ops, and lets
 * adjacent tensors (see {@link ParamLayout}) be used as one fused matrix.
 */
public final class FlatParameters implements Parameters {
    private final ParamLayout layout;
    private final INDArray weights; // (total)
    private final INDArray grads;   // (total)
    private final Map<String, INDArray> weightViews = new HashMap<>();
    private final Map<String, INDArray> gradViews = new HashMap<>();

    public FlatParameters(ParamLayout layout, DataType dtype) {
        this(layout, Nd4j.zeros(dtype, layout.total()));
    }

    private FlatParameters(ParamLayout layout, INDArray weights) {
        this.layout = layout;
        this.weights = weights;
        this.grads = Nd4j.zeros(weights.dataType(), layout.total());
        for (String name : layout.names()) {
            ParamLayout.Entry e = layout.entry(name);
            weightViews.put(name, view(weights, e.offset(), e.shape()));
            gradViews.put(name, view(grads, e.offset(), e.shape()));
        }
    }

    /** A view of {@code flat[offset : offset + prod(shape)]} shaped {@code shape} (c order). */
    static INDArray view(INDArray flat, long offset, long... shape) {
        long n = 1;
        for (long d : shape) n *= d;
        return flat.get(NDArrayIndex.interval(offset, offset + n)).reshape('c', shape);
    }

    /** A view over consecutive tensors, from {@code first} on, shaped {@code shape} (e.g. fused q/k/v). */
    public INDArray fusedWeight(String first, long... shape) {
        return view(weights, entry(first).offset(), shape);
    }

    /** Views into one of the two buffers: a tensor by name, or consecutive tensors from {@code first} as one shape. */
    public interface Views {
        INDArray tensor(String name);

        INDArray fused(String first, long... shape);
    }

    /** The weights' views, or (grads) the gradients'. */
    public Views views(boolean grads) {
        return new Views() {
            @Override
            public INDArray tensor(String name) {
                return grads ? grad(name) : weight(name);
            }

            @Override
            public INDArray fused(String first, long... shape) {
                return grads ? fusedGrad(first, shape) : fusedWeight(first, shape);
            }
        };
    }

    /** Gradient counterpart of {@link #fusedWeight}. */
    public INDArray fusedGrad(String first, long... shape) {
        return view(grads, entry(first).offset(), shape);
    }

    private ParamLayout.Entry entry(String name) {
        ParamLayout.Entry e = layout.entry(name);
        if (e == null) throw new IllegalArgumentException("the model has no parameter '" + name + "'");
        return e;
    }

    public ParamLayout layout() { return layout; }

    /** (total) every weight, in layout order. */
    public INDArray flatWeights() { return weights; }

    /** (total) every gradient, in layout order. */
    public INDArray flatGrads() { return grads; }

    @Override
    public List<String> names() { return layout.names(); }

    @Override
    public INDArray weight(String name) {
        INDArray w = weightViews.get(name);
        if (w == null) throw new IllegalArgumentException("the model has no parameter '" + name + "'");
        return w;
    }

    @Override
    public INDArray grad(String name) {
        INDArray g = gradViews.get(name);
        if (g == null) throw new IllegalArgumentException("the model has no parameter '" + name + "'");
        return g;
    }

    @Override
    public long count() { return layout.total(); }

    public void zeroGrad() { grads.assign(0); }

    /** Weights copied, gradients zero. */
    public FlatParameters copy() { return new FlatParameters(layout, weights.dup()); }
}

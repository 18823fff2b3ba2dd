package org.r1j.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Qwen2/Llama decoder on ND4J: weights in one flat buffer ({@link FlatParameters}), forward and explicit
 * backward layer by layer ({@code org.r1j.model.layers}), incremental decoding with a {@link KvCache}.
 */
public final class DecoderModel implements CausalLM {
    private final ModelConfig config;
    private final DataType dtype;
    private final FlatParameters params;

    /** A model from Hugging Face-named tensors in f32 (any float dtype is converted). */
    public DecoderModel(ModelConfig config, Map<String, INDArray> weightsByHfName) {
        this(config, weightsByHfName, DataType.FLOAT);
    }

    /**
     * A model from Hugging Face-named tensors, computing in {@code dtype} (FLOAT, or DOUBLE for gradient checks).
     * Every tensor of the layout must be present with its exact shape; unknown names are rejected too (except
     * {@code lm_head.weight} of a tied model and rotary caches, which Hugging Face may write).
     */
    public DecoderModel(ModelConfig config, Map<String, INDArray> weightsByHfName, DataType dtype) {
        this(config, dtype);
        ParamLayout layout = params.layout();
        for (String name : layout.names()) {
            INDArray w = weightsByHfName.get(name);
            if (w == null) throw new IllegalArgumentException("checkpoint is missing tensor '" + name + "' (expected shape "
                    + Arrays.toString(layout.entry(name).shape()) + ")");
            if (!Arrays.equals(w.shape(), layout.entry(name).shape()))
                throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(w.shape())
                        + ", the config needs " + Arrays.toString(layout.entry(name).shape()));
            params.weight(name).assign(w.castTo(dtype));
        }
        for (String name : weightsByHfName.keySet()) {
            boolean tiedHead = name.equals("lm_head.weight") && config.tieWordEmbeddings();
            if (layout.entry(name) == null && !tiedHead && !name.endsWith("rotary_emb.inv_freq"))
                throw new IllegalArgumentException("checkpoint has tensor '" + name + "' that a " + config.modelType()
                        + " model with this config does not use");
        }
    }

    private DecoderModel(ModelConfig config, DataType dtype) {
        if (dtype != DataType.FLOAT && dtype != DataType.DOUBLE)
            throw new IllegalArgumentException("model dtype must be FLOAT or DOUBLE, got " + dtype);
        this.config = config;
        this.dtype = dtype;
        this.params = new FlatParameters(new ParamLayout(config), dtype);
    }

    private DecoderModel(ModelConfig config, FlatParameters params) {
        this.config = config;
        this.dtype = params.flatWeights().dataType();
        this.params = params;
    }

    /** Random f32 model with Hugging Face's init: normal(0, 0.02) matrices and embeddings, zero biases, norms 1. */
    public static DecoderModel random(ModelConfig config, long seed) {
        return random(config, seed, DataType.FLOAT);
    }

    public static DecoderModel random(ModelConfig config, long seed, DataType dtype) {
        DecoderModel m = new DecoderModel(config, dtype);
        var rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        for (String name : m.params.names()) {
            INDArray w = m.params.weight(name);
            if (name.endsWith("norm.weight")) w.assign(1);
            else if (w.rank() == 2) w.assign(Nd4j.randn(rng, w.shape()).castTo(dtype).muli(0.02));
        }
        return m;
    }

    public DataType dtype() { return dtype; }

    /** Copies of the weights by Hugging Face name and shape (no {@code lm_head.weight} when tied). */
    public Map<String, INDArray> stateDict() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String name : params.names()) out.put(name, params.weight(name).dup());
        return out;
    }

    /**
     * (B, T, V) logits of right-padded rows (positions 0..T-1); entries past {@code lengths[b]} are padding and
     * their logits meaningless. For inspection and parity tests.
     */
    public INDArray logits(int[][] tokens, int[] lengths) {
        throw new UnsupportedOperationException("DecoderModel.logits: being implemented (issue #4)");
    }

    @Override
    public ModelConfig config() { return config; }

    @Override
    public ForwardPass forward(TokenBatch batch, float temperature, boolean training) {
        throw new UnsupportedOperationException("DecoderModel.forward: being implemented (issue #4)");
    }

    @Override
    public KvCache newCache(int batchSize, int maxSeqLen) {
        throw new UnsupportedOperationException("DecoderModel.newCache: being implemented (issue #4)");
    }

    @Override
    public INDArray prefill(KvCache cache, int[][] prompts, int[] promptLengths) {
        throw new UnsupportedOperationException("DecoderModel.prefill: being implemented (issue #4)");
    }

    @Override
    public INDArray decode(KvCache cache, int[] nextTokens) {
        throw new UnsupportedOperationException("DecoderModel.decode: being implemented (issue #4)");
    }

    @Override
    public FlatParameters parameters() { return params; }

    @Override
    public void zeroGrad() { params.zeroGrad(); }

    @Override
    public DecoderModel copy() { return new DecoderModel(config, params.copy()); }
}

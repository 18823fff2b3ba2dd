package org.r1j.model;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Backends;
import org.r1j.model.backend.Tensor;
import org.r1j.model.io.HostArray;
import org.r1j.model.layers.Rotary;

/**
 * A Qwen2/Llama decoder: weights in one flat buffer ({@link FlatParameters}) resolved once into a
 * {@link DecoderWeights}, forward and explicit backward layer by layer ({@code org.r1j.model.layers}), incremental
 * decoding with a {@link KvCache}. Every tensor operation runs on the model's {@link Backend}, chosen when it is
 * built (by default {@link Backends#forDtype}) and kept by {@link #copy}; every tensor (weights, gradients,
 * activations, cache) is that backend's. Host arrays ({@link HostArray}, no backend's) appear only at the
 * checkpoint boundary: the constructors take Hugging Face-named host arrays, {@link #random} draws on the host in
 * plain Java ({@link SeededNormals}: the same weights for a seed on every backend), and {@link #stateDict} copies out.
 */
public final class DecoderModel implements CausalLM {
    private final ModelConfig config;
    private final DataType dtype;
    private final FlatParameters params;
    private final Backend backend;
    private final Rotary rotary;
    private final DecoderBlock block;
    private final DecoderWeights weights; // views into the weights
    private final DecoderWeights grads;   // views into the gradients
    private final ArrayPool pool;
    int prefilledRows; // rows the last prefill computed (fewer than its batch when prompts repeat); for tests

    /** A model from Hugging Face-named tensors in f32 (any float dtype is converted). */
    public DecoderModel(ModelConfig config, Map<String, HostArray> weightsByHfName) {
        this(config, weightsByHfName, DataType.FLOAT);
    }

    /**
     * A model from Hugging Face-named tensors, computing in {@code dtype} (FLOAT, or DOUBLE for gradient checks).
     * Every tensor of the layout must be present with its exact shape; unknown names are rejected too (except
     * {@code lm_head.weight} of a tied model and rotary caches, which Hugging Face may write).
     */
    public DecoderModel(ModelConfig config, Map<String, HostArray> weightsByHfName, DataType dtype) {
        this(config, weightsByHfName, dtype, Backends.forDtype(dtype));
    }

    /** As above, on {@code backend} (which must compute in {@code dtype}). */
    public DecoderModel(ModelConfig config, Map<String, HostArray> weightsByHfName, DataType dtype, Backend backend) {
        this(config, load(config, weightsByHfName, checkDtype(dtype), Backends.checked(backend, dtype)), backend);
    }

    private static FlatParameters load(ModelConfig config, Map<String, HostArray> weights, DataType dtype, Backend be) {
        ParamLayout layout = new ParamLayout(config);
        for (String name : weights.keySet()) {
            boolean tiedHead = name.equals("lm_head.weight") && config.tieWordEmbeddings();
            if (layout.entry(name) == null && !tiedHead && !name.endsWith("rotary_emb.inv_freq"))
                throw new IllegalArgumentException("checkpoint has tensor '" + name + "' that a " + config.modelType()
                        + " model with this config does not use");
        }
        FlatParameters params = new FlatParameters(layout, dtype, be);
        for (String name : layout.names()) {
            HostArray w = weights.get(name);
            long[] want = layout.entry(name).shape();
            if (w == null) throw new IllegalArgumentException("checkpoint is missing tensor '" + name
                    + "' (expected shape " + Arrays.toString(want) + ")");
            if (!Arrays.equals(w.shape(), want))
                throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(w.shape())
                        + ", the config needs " + Arrays.toString(want));
            params.assignHost(name, w);
        }
        return params;
    }

    private static DataType checkDtype(DataType dtype) {
        if (dtype != DataType.FLOAT && dtype != DataType.DOUBLE)
            throw new IllegalArgumentException("model dtype must be FLOAT or DOUBLE, got " + dtype);
        return dtype;
    }

    private DecoderModel(ModelConfig config, FlatParameters params, Backend backend) {
        this.config = config;
        this.params = params;
        this.backend = backend;
        this.dtype = params.flatWeights().dtype();
        this.pool = new ArrayPool(backend);
        this.rotary = new Rotary(config.maxPositionEmbeddings(), config.headDim(), config.ropeTheta(), dtype, backend);
        this.block = new DecoderBlock(config, rotary, backend);
        this.weights = DecoderWeights.of(params, config, false);
        this.grads = DecoderWeights.of(params, config, true);
    }

    /**
     * Random f32 model with Hugging Face's init: normal(0, 0.02) matrices and embeddings, zero biases, norms 1. The
     * normals are {@link SeededNormals}' (seed, tensor name) streams rounded to f32, so a seed gives the same weights
     * on every backend and in every dtype (an f64 model holds the same values, widened).
     */
    public static DecoderModel random(ModelConfig config, long seed) {
        return random(config, seed, DataType.FLOAT);
    }

    public static DecoderModel random(ModelConfig config, long seed, DataType dtype) {
        return random(config, seed, dtype, Backends.forDtype(dtype));
    }

    public static DecoderModel random(ModelConfig config, long seed, DataType dtype, Backend backend) {
        FlatParameters p = new FlatParameters(new ParamLayout(config), checkDtype(dtype), Backends.checked(backend, dtype));
        for (String name : p.names()) {
            Tensor w = p.weight(name);
            if (name.endsWith("norm.weight")) backend.fill(w, 1);
            else if (w.rank() == 2) drawNormal(w, new SeededNormals(seed, name), 0.02);
        }
        return new DecoderModel(config, p, Backends.checked(backend, dtype));
    }

    /** Fills the (rows, cols) weight w with scale * normals, a block of rows (at most ~4M elements) at a time. */
    private static void drawNormal(Tensor w, SeededNormals normals, double scale) {
        long rows = w.size(0), cols = w.size(1);
        long block = Math.max(1, (1 << 22) / Math.max(1, cols));
        for (long r0 = 0; r0 < rows; r0 += block) {
            long r1 = Math.min(rows, r0 + block);
            float[] values = new float[Math.toIntExact((r1 - r0) * cols)];
            normals.fill(values, r0 * cols, scale);
            HostArray.of(values, r1 - r0, cols).copyTo(w.slice(0, r0, r1));
        }
    }

    public DataType dtype() { return dtype; }

    @Override
    public Backend backend() { return backend; }

    /** Copies of the weights by Hugging Face name and shape (no {@code lm_head.weight} when tied). */
    public Map<String, HostArray> stateDict() {
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (String name : params.names()) out.put(name, params.hostWeight(name));
        return out;
    }

    DecoderBlock block() { return block; }

    Rotary rotary() { return rotary; }

    DecoderWeights weights() { return weights; }

    DecoderWeights grads() { return grads; }

    ArrayPool pool() { return pool; }

    /** Frees the recycled activation buffers (they are kept between steps; see ArrayPool). */
    public void releaseBuffers() { pool.clear(); }

    /**
     * Frees everything the model holds in its backend's memory (weights, gradients, pooled activations, rotary
     * tables): a device backend's memory must not wait for GC, e.g. for a discarded copy. The model is unusable after.
     */
    @Override
    public void close() {
        pool.clear();
        rotary.close();
        params.close();
    }

    /**
     * Embedding, all layers and the final norm over a (B, T) block.
     *
     * @param tokens    (B*T) token ids, row-major
     * @param positions (B*T) rotary positions
     * @param mask      additive mask (see {@link Masks})
     * @param cache     null, or the cache to write keys/values into at {@code start..start+T-1}
     */
    private Trunk trunk(int[] tokens, int[] positions, int B, int T, Tensor mask, DecoderKvCache cache, int start,
                        boolean save, ArrayPool.Scope sc) {
        long N = (long) B * T, C = config.hiddenSize();
        Profile.start();
        Tensor tok = sc.own(backend.fromHost(tokens, tokens.length));
        long H3 = config.numAttentionHeads() + 2L * config.numKeyValueHeads();
        Tensor[] cs = {sc.take(dtype, N, H3, config.headDim()), sc.take(dtype, N, H3, config.headDim())};
        int maxPosition = 0;
        for (int p : positions) maxPosition = Math.max(maxPosition, p);
        rotary.headTables(sc.own(backend.fromHost(positions, positions.length)), maxPosition, config.numAttentionHeads(), config.numKeyValueHeads(),
                1.0 / Math.sqrt(config.headDim()), cs);
        Tensor x = sc.take(dtype, N, C);
        backend.gather(x, tok, weights.embed());
        Profile.mark("fwd embed/rope tables/mask");
        DecoderBlock.Saved[] saved = new DecoderBlock.Saved[config.numHiddenLayers()];
        for (int l = 0; l < saved.length; l++) {
            Tensor out = save ? sc.take(dtype, N, C) : x; // inference updates the residual stream in place
            Tensor ck = cache == null ? null : cache.k[l], cv = cache == null ? null : cache.v[l];
            if (save) {
                saved[l] = block.forward(out, x, weights.layer(l), B, T, cs[0], cs[1], mask, ck, cv, start, sc);
            } else {
                try (ArrayPool.Scope layerScope = pool.scope()) { // activations die with the layer
                    block.forward(out, x, weights.layer(l), B, T, cs[0], cs[1], mask, ck, cv, start, layerScope);
                }
            }
            x = out;
        }
        Tensor xf = sc.take(dtype, N, C);
        Tensor rstdf = sc.take(dtype, N, 1);
        backend.rmsNorm(xf, rstdf, x, weights.finalNorm(), config.rmsNormEps());
        Profile.mark("fwd rmsnorm");
        return new Trunk(B, T, tok, cs[0], cs[1], saved, x, xf, rstdf);
    }

    /**
     * (B, T, V) logits of right-padded rows (positions 0..T-1); entries past {@code lengths[b]} are padding and
     * their logits meaningless. For inspection and parity tests.
     */
    public Tensor logits(int[][] tokens, int[] lengths) {
        int B = tokens.length;
        if (B == 0) throw new IllegalArgumentException("logits: empty batch");
        int T = tokens[0].length;
        int[] flat = flatTokens(tokens, lengths, T, "logits");
        try (ArrayPool.Scope sc = pool.scope()) {
            Trunk tr = trunk(flat, trainingPositions(B, T), B, T,
                    sc.own(Masks.causal(backend, null, config.groupSize(), T, T, 0, dtype)), null, 0, false, sc);
            Tensor logits = backend.alloc(dtype, B, T, config.vocabSize());   // the caller's to close: the owner, not a reshape
            backend.linear(logits.reshape((long) B * T, config.vocabSize()), tr.xf(), weights.lmHead(), null);
            return logits;
        }
    }

    @Override
    public ModelConfig config() { return config; }

    @Override
    public ForwardPass forward(TokenBatch batch, float temperature, boolean training) {
        if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        int B = batch.batchSize();
        if (B == 0) throw new IllegalArgumentException("forward: empty batch");
        if (batch.promptLengths().length != B || batch.lengths().length != B)
            throw new IllegalArgumentException("forward: tokens has " + B + " rows but promptLengths/lengths have "
                    + batch.promptLengths().length + "/" + batch.lengths().length);
        int T = 0;
        for (int b = 0; b < B; b++) {
            if (batch.promptLengths()[b] < 1 || batch.promptLengths()[b] > batch.lengths()[b])
                throw new IllegalArgumentException("forward: row " + b + " has prompt length " + batch.promptLengths()[b]
                        + " and length " + batch.lengths()[b] + " (need 1 <= prompt length <= length)");
            T = Math.max(T, batch.lengths()[b]);
        }
        int[] flat = flatTokens(batch.tokens(), batch.lengths(), T, "forward");
        ArrayPool.Scope sc = pool.scope();
        Trunk tr = trunk(flat, trainingPositions(B, T), B, T, sc.own(Masks.causal(backend, null, config.groupSize(), T, T, 0, dtype)),
                null, 0, training, sc);
        return new DecoderForwardPass(this, tr, batch, temperature, training, sc);
    }

    /** Row-major (B*T) ids; padding (t >= lengths[b]) becomes 0; real ids are range-checked. */
    private int[] flatTokens(int[][] tokens, int[] lengths, int T, String where) {
        int B = tokens.length;
        if (lengths.length != B) throw new IllegalArgumentException(where + ": " + B + " rows but " + lengths.length + " lengths");
        if (T > config.maxPositionEmbeddings())
            throw new IllegalArgumentException(where + ": sequence length " + T + " exceeds max_position_embeddings "
                    + config.maxPositionEmbeddings());
        int[] flat = new int[B * T];
        for (int b = 0; b < B; b++) {
            if (lengths[b] < 0 || lengths[b] > T || lengths[b] > tokens[b].length)
                throw new IllegalArgumentException(where + ": row " + b + " length " + lengths[b] + " does not fit its "
                        + tokens[b].length + " tokens (batch length " + T + ")");
            for (int t = 0; t < lengths[b]; t++) {
                int id = tokens[b][t];
                if (id < 0 || id >= config.vocabSize())
                    throw new IllegalArgumentException(where + ": token id " + id + " at row " + b + ", position " + t
                            + " is outside the vocabulary 0.." + (config.vocabSize() - 1));
                flat[b * T + t] = id;
            }
        }
        return flat;
    }

    private static int[] trainingPositions(int B, int T) {
        int[] pos = new int[B * T];
        for (int i = 0; i < pos.length; i++) pos[i] = i % T;
        return pos;
    }

    @Override
    public KvCache newCache(int batchSize, int maxSeqLen) {
        return new DecoderKvCache(config, batchSize, maxSeqLen, dtype, backend);
    }

    @Override
    public Tensor prefill(KvCache kvCache, int[][] prompts, int[] promptLengths) {
        DecoderKvCache cache = ownCache(kvCache);
        int B = prompts.length;
        if (B != cache.batchSize()) throw new IllegalArgumentException("prefill: " + B + " prompts for a cache of " + cache.batchSize() + " rows");
        if (promptLengths.length != B) throw new IllegalArgumentException("prefill: " + B + " prompts but " + promptLengths.length + " prompt lengths");
        int P = prompts[0].length;
        if (P > cache.capacity()) throw new IllegalArgumentException("prefill: prompt length " + P + " exceeds the cache capacity " + cache.capacity());
        int[] pad = new int[B], flat = new int[B * P], pos = new int[B * P];
        for (int b = 0; b < B; b++) {
            if (prompts[b].length != P) throw new IllegalArgumentException("prefill: prompt rows must be left-padded to one length; row " + b + " has " + prompts[b].length + ", row 0 has " + P);
            if (promptLengths[b] < 1 || promptLengths[b] > P) throw new IllegalArgumentException("prefill: row " + b + " prompt length " + promptLengths[b] + " must be in 1.." + P);
            pad[b] = P - promptLengths[b];
            for (int t = pad[b]; t < P; t++) {
                int id = prompts[b][t];
                if (id < 0 || id >= config.vocabSize())
                    throw new IllegalArgumentException("prefill: token id " + id + " at row " + b + ", position " + t + " is outside the vocabulary 0.." + (config.vocabSize() - 1));
                flat[b * P + t] = id;
                pos[b * P + t] = t - pad[b];
            }
        }
        cache.pad = pad;
        cache.bind(null);
        cache.length = P;
        // GRPO samples G completions of each prompt: identical rows are computed once and their keys, values and
        // logits copied to the others (one gather per layer), so prefill costs the distinct prompts only
        int[] source = new int[B];
        List<Integer> distinct = new ArrayList<>();
        Map<IntBuffer, Integer> seen = new HashMap<>();
        for (int b = 0; b < B; b++) {
            int[] row = new int[P + 1];                    // the padding, then the ids (padding positions hold 0)
            row[0] = pad[b];
            System.arraycopy(flat, b * P, row, 1, P);
            IntBuffer key = IntBuffer.wrap(row);
            Integer first = seen.putIfAbsent(key, distinct.size());
            if (first == null) distinct.add(b);
            source[b] = first == null ? distinct.size() - 1 : first;
        }
        prefilledRows = distinct.size();
        if (distinct.size() == B) return prefillRows(cache, flat, pos, pad, B, P);
        int U = distinct.size();
        int[] uFlat = new int[U * P], uPos = new int[U * P], uPad = new int[U];
        for (int u = 0; u < U; u++) {
            int b = distinct.get(u);
            System.arraycopy(flat, b * P, uFlat, u * P, P);
            System.arraycopy(pos, b * P, uPos, u * P, P);
            uPad[u] = pad[b];
        }
        try (DecoderKvCache once = new DecoderKvCache(config, U, cache.capacity(), dtype, backend)) {
            try (Tensor uLogits = prefillRows(once, uFlat, uPos, uPad, U, P); Tensor rows = backend.fromHost(source, B)) {
            long rowLength = cache.kv[0].length() / (2L * B);       // kv is (2, rows, KVH, capacity, hs)
            for (int l = 0; l < cache.kv.length; l++) {
                for (int kOrV = 0; kOrV < 2; kOrV++) {
                    backend.gather(cache.kv[l].select(0, kOrV).reshape(B, rowLength), rows,
                            once.kv[l].select(0, kOrV).reshape(U, rowLength));
                }
            }
                Tensor logits = backend.alloc(dtype, B, config.vocabSize());
                backend.gather(logits, rows, uLogits);
                return logits;
            }
        }
    }

    /** Runs the (R, P) left-padded prompts through the model into {@code cache}; (R, V) logits of each last token. */
    private Tensor prefillRows(DecoderKvCache cache, int[] flat, int[] pos, int[] pad, int R, int P) {
        try (ArrayPool.Scope sc = pool.scope()) {
            Trunk tr = trunk(flat, pos, R, P, sc.own(Masks.causal(backend, pad, config.groupSize(), P, P, 0, dtype)), cache, 0, false, sc);
            int[] last = new int[R];
            for (int b = 0; b < R; b++) last[b] = b * P + P - 1;
            Tensor xLast = sc.take(dtype, R, config.hiddenSize());
            backend.gather(xLast, sc.own(backend.fromHost(last, R)), tr.xf());
            Tensor logits = backend.alloc(dtype, R, config.vocabSize());
            backend.linear(logits, xLast, weights.lmHead(), null);
            return logits;
        }
    }

    @Override
    public Tensor decode(KvCache kvCache, int[] nextTokens) {
        DecoderKvCache cache = ownCache(kvCache);
        int B = cache.batchSize();
        if (cache.pad == null) throw new IllegalStateException("decode before prefill on this cache");
        if (nextTokens.length != B) throw new IllegalArgumentException("decode: " + nextTokens.length + " tokens for " + B + " rows");
        if (cache.length >= cache.capacity()) throw new IllegalStateException("decode: the cache is full (" + cache.capacity() + " positions)");
        for (int b = 0; b < B; b++) {
            if (nextTokens[b] < 0 || nextTokens[b] >= config.vocabSize())
                throw new IllegalArgumentException("decode: token id " + nextTokens[b] + " at row " + b + " is outside the vocabulary 0.." + (config.vocabSize() - 1));
        }
        if (cache.step == null) cache.bind(backend.decodeStep(config, weights, rotary, cache));
        Tensor logits = cache.step.run(nextTokens);
        cache.length++;
        return logits;
    }

    /** {@link #decode} through the eager layer code ({@link DecoderBlock#forward} at T = 1, same backend), for tests. */
    Tensor decodeEager(KvCache kvCache, int[] nextTokens) {
        DecoderKvCache cache = ownCache(kvCache);
        int B = cache.batchSize(), start = cache.length;
        int[] pos = new int[B];
        for (int b = 0; b < B; b++) pos[b] = start - cache.pad[b];
        cache.bind(null); // the bound step's mask (or host mirror of the cache) would miss this slot
        try (ArrayPool.Scope sc = pool.scope()) {
            Trunk tr = trunk(nextTokens, pos, B, 1, sc.own(Masks.causal(backend, cache.pad, config.groupSize(), 1, start + 1, start, dtype)),
                    cache, start, false, sc);
            cache.length = start + 1;
            Tensor logits = backend.alloc(dtype, B, config.vocabSize());
            backend.linear(logits, tr.xf(), weights.lmHead(), null);
            return logits;
        }
    }

    private DecoderKvCache ownCache(KvCache c) {
        if (c instanceof DecoderKvCache d) return d;
        throw new IllegalArgumentException("this cache was not made by DecoderModel.newCache");
    }

    @Override
    public FlatParameters parameters() { return params; }

    @Override
    public void zeroGrad() { params.zeroGrad(); }

    @Override
    public DecoderModel copy() { return new DecoderModel(config, params.copy(), backend); }
}

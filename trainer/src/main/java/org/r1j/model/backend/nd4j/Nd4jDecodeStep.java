package org.r1j.model.backend.nd4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;
import static org.r1j.model.backend.nd4j.HostTensor.array;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.transforms.floating.RSqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.Set;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.DecoderKvCache;
import org.r1j.model.DecoderWeights;
import org.r1j.model.LayerWeights;
import org.r1j.model.Masks;
import org.r1j.model.ModelConfig;
import org.r1j.model.Profile;
import org.r1j.model.backend.DecodeStep;
import org.r1j.model.backend.Tensor;
import org.r1j.model.layers.Rotary;

/**
 * The nd4j backend's decoding step (one new token per row) for a fixed cache, as a list of {@link BoundOp}s built
 * once and replayed for every token — the CPU analogue of a CUDA graph. The math is {@code DecoderBlock.forward}
 * at T = 1; what differs is layout and bookkeeping:
 * <ul>
 *   <li>the residual stream and the MLP run feature-major, {@code (features, B)}: every GEMM is then
 *       {@code W @ X} with a feature-major output, which ND4J ran 2-3x faster at B = 16 than the batch-major
 *       {@code X @ W^T} (e.g. gate+up 16x256->1376: 190 vs 540 us); q/k/v are transposed back to batch-major
 *       for rotary and attention (one small copy per layer);</li>
 *   <li>bound ops need fixed arrays, so token ids and positions are small int arrays rewritten each step, and
 *       attention runs over the first {@code S} cache slots, S rounded up to a multiple of {@link #BUCKET}, with
 *       an additive mask hiding padding and unwritten slots; the attention ops are rebound when S grows;</li>
 *   <li>the only per-step views are the cache slot each layer writes.</li>
 * </ul>
 * The simd backend's step ({@code SimdDecodeStep}) keeps this scaffolding and the GEMMs and replaces the norms,
 * rotary, SwiGLU, weight GEMMs and attention ({@link #rmsNorm}, {@link #rotary}, {@link #swiGlu}, {@link #matmul},
 * {@link #prepareAttention}, {@link #attend}). Measured at the bench shape (small preset, 16 rows): the eager path spent ~14 ms per step,
 * most of it building ~40 ops per layer (see {@link BoundOp}).
 */
public class Nd4jDecodeStep implements DecodeStep {
    /** Attention length granularity: rebinding costs a few views per layer, padding costs masked columns. */
    static final int BUCKET = 16;

    protected final Nd4jBackend owner;
    protected final ModelConfig c;
    protected final DecoderWeights w;
    protected final Rotary rope;
    protected final DecoderKvCache cache;
    protected final DataType dt;
    protected final int B, L;
    protected final long C, NH, KVH, G, hs, H3, I;

    // step inputs, rewritten in place
    private final int[] tokIds, posIds;
    private final INDArray tok, pos;             // (B) int
    // activations, reused every step; ...T arrays are feature-major (features, B)
    private final INDArray xb, sq, ssT, meanRow, qkvT, rot, guT, logitsT;
    protected final INDArray xT, lnT, qkv, cos, sin, y4, sigT, hT;
    private INDArray mask;                       // (B, 1, 1, capacity) additive, made by prepareAttention
    private final INDArray kvNew;                // (2, B, KVH, hs) view of qkv's k and v heads, copied into the slot
    private Set slotCopy;                        // kvNew into the step's cache slot; retargeted per layer and step
    private BoundOp embed, embedTranspose;
    private BoundOp[] tables = {};               // gathers of the rotary tables at the step's positions
    private final List<List<Runnable>> beforeAttention = new ArrayList<>(), afterAttention = new ArrayList<>();
    private final List<Runnable> tail = new ArrayList<>();   // final norm and LM head
    private List<List<BoundOp>> attention = new ArrayList<>();
    private INDArray tablesBound;                // the rotary table the gathers read (tables grow with positions)
    private int boundS = -1;

    /** Allocates the step's arrays; {@link #bind()} then builds its ops (subclasses' hooks see a whole object). */
    protected Nd4jDecodeStep(Nd4jBackend owner, ModelConfig config, DecoderWeights weights, Rotary rope, DecoderKvCache cache) {
        this.owner = owner;
        this.c = config;
        this.w = weights;
        this.rope = rope;
        this.cache = cache;
        this.dt = weights.embed().dtype();
        B = cache.batchSize();
        L = c.numHiddenLayers();
        C = c.hiddenSize();
        NH = c.numAttentionHeads();
        KVH = c.numKeyValueHeads();
        G = NH / KVH;
        hs = c.headDim();
        H3 = NH + 2 * KVH;
        I = c.intermediateSize();
        tokIds = new int[B];
        posIds = new int[B];
        tok = Nd4j.createFromArray(tokIds);
        pos = Nd4j.createFromArray(posIds);
        xb = Nd4j.create(dt, B, C);
        xT = Nd4j.create(dt, C, B);
        sq = Nd4j.create(dt, C, B);
        ssT = Nd4j.create(dt, 1, B);
        lnT = Nd4j.create(dt, C, B);
        meanRow = Nd4j.create(dt, 1, C).assign(1.0 / C);
        qkvT = Nd4j.create(dt, H3 * hs, B);
        qkv = Nd4j.create(dt, B, H3 * hs);
        rot = Nd4j.create(dt, B * H3, hs);
        cos = Nd4j.create(dt, B, H3 * hs);
        sin = Nd4j.create(dt, B, H3 * hs);
        y4 = Nd4j.create(dt, B, KVH, G, hs);
        guT = Nd4j.create(dt, 2 * I, B);
        sigT = Nd4j.create(dt, I, B);
        hT = Nd4j.create(dt, I, B);
        logitsT = Nd4j.create(dt, c.vocabSize(), B);
        kvNew = Nd4j.create(qkv.data(), new long[] {2, B, KVH, hs}, new long[] {KVH * hs, H3 * hs, hs, 1}, NH * hs, 'c', dt);
    }

    /** A bound step over a prefilled cache. */
    static Nd4jDecodeStep over(Nd4jBackend owner, ModelConfig config, DecoderWeights weights, Rotary rope,
                               DecoderKvCache cache) {
        return new Nd4jDecodeStep(owner, config, weights, rope, cache).bind();
    }

    /** Builds the per-layer op lists through the hooks; returns this. */
    protected Nd4jDecodeStep bind() {
        embed = BoundOp.gather(array(w.embed()), tok, xb);
        embedTranspose = BoundOp.transpose(xb, xT);
        for (int l = 0; l < L; l++) {
            beforeAttention.add(layerBeforeAttention(w.layer(l)));
            afterAttention.add(layerAfterAttention(w.layer(l)));
        }
        rmsNorm(tail, array(w.finalNorm()));
        tail.add(matmul(array(w.lmHead()), lnT, logitsT, false, 0));
        return this;
    }

    @Override
    public Tensor run(int[] nextTokens) {
        int start = cache.length();
        int maxPos = 0;
        for (int b = 0; b < B; b++) {
            tokIds[b] = nextTokens[b];
            posIds[b] = start - cache.pad()[b];
            maxPos = Math.max(maxPos, posIds[b]);
        }
        tok.data().setData(tokIds);
        pos.data().setData(posIds);
        bindTables(maxPos);
        prepareAttention(start);
        embed.run();
        embedTranspose.run();
        for (BoundOp op : tables) op.run();
        Profile.mark("decode: embed, rotary tables");
        for (int l = 0; l < L; l++) {
            for (Runnable op : beforeAttention.get(l)) op.run();
            attend(l, start);
            Profile.mark("decode: attention");
            for (Runnable op : afterAttention.get(l)) op.run();
            Profile.mark("decode: o_proj, norm, mlp");
        }
        for (Runnable op : tail) op.run();
        INDArray out = logitsT.transpose().dup('c');          // (B, V), the caller's to keep
        Profile.mark("decode: lm head");
        return owner.wrap(out);
    }

    /**
     * Before a step writing slot {@code start}: unmask it (slots before the prefilled length are visible unless
     * left padding; later slots stay hidden until written) and bind the attention to enough slots.
     */
    protected void prepareAttention(int start) {
        if (mask == null) {
            mask = Nd4j.create(dt, B, 1, 1, cache.capacity()).assign(Masks.MASKED);
            for (int b = 0; b < B; b++) {
                for (int s = cache.pad()[b]; s < start; s++) mask.putScalar(new long[] {b, 0, 0, s}, 0.0);
            }
        }
        for (int b = 0; b < B; b++) mask.putScalar(new long[] {b, 0, 0, start}, 0.0);
        bindAttention(start + 1);
    }

    /** Layer l's new keys and values into slot {@code start}, then y4 = softmax(q k^T + mask) v over the slots. */
    protected void attend(int l, int start) {
        // the step's cache slot: the one view made per step (binding one per slot would cost the same)
        copyToSlot(array(cache.kv(l)).get(all(), all(), all(), point(start), all()));
        Profile.mark("decode: norm, qkv, rotary, cache");
        for (BoundOp op : attention.get(l)) op.run();
    }

    /** slot = kvNew, through one legacy Set op whose arrays are reset each time (an assign would build an op). */
    private void copyToSlot(INDArray slot) {
        if (slotCopy == null) slotCopy = new Set(slot, kvNew, slot);
        slotCopy.setX(slot);
        slotCopy.setY(kvNew);
        slotCopy.setZ(slot);
        Nd4j.getExecutioner().exec(slotCopy);
    }

    /** lnT = rmsnorm(xT) * w, feature-major: the mean of squares per column is a (1, C) @ (C, B) GEMM. */
    protected void rmsNorm(List<Runnable> ops, INDArray weight) {
        ops.add(BoundOp.multiply(xT, xT, sq));
        ops.add(BoundOp.matmul(meanRow, sq, ssT, false, false, 1, 0));
        ops.add(BoundOp.legacy(new ScalarAdd(ssT, c.rmsNormEps())));
        ops.add(BoundOp.legacy(new RSqrt(ssT, ssT)));
        ops.add(BoundOp.multiply(xT, ssT, lnT));
        ops.add(BoundOp.multiply(lnT, weight.reshape(C, 1), lnT));
    }

    /** Rotary on every head of qkv (B, H3 hs) at once: qkv = qkv * cos + (qkv @ R) * sin (v heads: cos 1, sin 0). */
    protected void rotary(List<Runnable> ops) {
        ops.add(BoundOp.matmul(qkv.reshape(B * H3, hs), array(rope.rotateHalfMatrix()), rot, false, false, 1, 0));
        ops.add(BoundOp.multiply(rot.reshape(B, H3 * hs), sin, rot.reshape(B, H3 * hs)));
        ops.add(BoundOp.multiply(qkv, cos, qkv));
        ops.add(BoundOp.add(qkv, rot.reshape(B, H3 * hs), qkv));
    }

    /** A weight GEMM of the step: {@code out = weight op(x) + beta out}, weight (O, in), out feature-major (O, B). */
    protected Runnable matmul(INDArray weight, INDArray x, INDArray out, boolean transposeX, double beta) {
        return BoundOp.matmul(weight, x, out, false, transposeX, 1, beta);
    }

    /** hT = silu(gateT) * upT, feature-major row blocks (I, B). */
    protected void swiGlu(List<Runnable> ops, INDArray gateT, INDArray upT) {
        ops.add(BoundOp.legacy(new Sigmoid(gateT, sigT)));
        ops.add(BoundOp.multiply(gateT, sigT, hT));
        ops.add(BoundOp.multiply(hT, upT, hT));
    }

    private List<Runnable> layerBeforeAttention(LayerWeights lw) {
        List<Runnable> ops = new ArrayList<>();
        rmsNorm(ops, array(lw.ln1()));
        ops.add(matmul(array(lw.wqkv()), lnT, qkvT, false, 0));
        if (lw.bqkv() != null) ops.add(BoundOp.add(qkvT, array(lw.bqkv()).reshape(H3 * hs, 1), qkvT));
        ops.add(BoundOp.transpose(qkvT, qkv));
        // rotary on every head at once (the tables scale q by 1/sqrt(hs) and leave v alone)
        rotary(ops);
        return ops;
    }

    private List<Runnable> layerAfterAttention(LayerWeights lw) {
        List<Runnable> ops = new ArrayList<>();
        // xT += Wo y^T (the residual accumulates in the GEMM)
        ops.add(matmul(array(lw.wo()), y4.reshape(B, NH * hs), xT, true, 1));
        rmsNorm(ops, array(lw.ln2()));
        // gate and up are adjacent in the parameter buffer: one (2I, C) GEMM; their outputs are row blocks
        ops.add(matmul(array(lw.wgu()), lnT, guT, false, 0));
        swiGlu(ops, guT.get(interval(0, I), all()), guT.get(interval(I, 2 * I), all()));
        ops.add(matmul(array(lw.wd()), hT, xT, false, 1));
        return ops;
    }

    /** The rotary tables must cover the largest position; they are regrown (and rebound) in powers of two. */
    private void bindTables(int maxPos) {
        Tensor[] t = rope.positionHeadTables(maxPos + 1, NH, KVH, 1.0 / Math.sqrt(hs));
        if (array(t[0]) == tablesBound) return;
        tablesBound = array(t[0]);
        tables = new BoundOp[] {BoundOp.gather(array(t[0]), pos, cos), BoundOp.gather(array(t[1]), pos, sin)};
    }

    /** Binds the attention over the first S slots (S = length rounded up to the bucket, at most the capacity). */
    private void bindAttention(int length) {
        int S = (int) Math.min(cache.capacity(), ((length + BUCKET - 1) / BUCKET) * (long) BUCKET);
        if (S == boundS) return;
        boundS = S;
        INDArray att = Nd4j.create(dt, B, KVH, G, S);
        INDArray maskS = mask.get(all(), all(), all(), interval(0, S));
        // the q heads of qkv as (B, KVH, G, hs): a strided view, head kvh*G + g
        INDArray q = Nd4j.create(qkv.data(), new long[] {B, KVH, G, hs}, new long[] {H3 * hs, G * hs, hs, 1}, 0, 'c', dt);
        List<List<BoundOp>> bound = new ArrayList<>();
        for (int l = 0; l < L; l++) {
            INDArray k = array(cache.keys(l)).get(all(), all(), interval(0, S), all());
            INDArray v = array(cache.values(l)).get(all(), all(), interval(0, S), all());
            List<BoundOp> ops = new ArrayList<>();
            ops.add(BoundOp.matmul(q, k, att, false, true, 1, 0));
            ops.add(BoundOp.add(att, maskS, att));
            ops.add(BoundOp.custom("softmax", new INDArray[] {att}, new INDArray[] {att}, new long[] {3}, new double[0]));
            ops.add(BoundOp.matmul(att, v, y4, false, false, 1, 0));
            bound.add(ops);
        }
        attention = bound;
    }
}

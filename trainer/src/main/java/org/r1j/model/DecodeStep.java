package org.r1j.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.transforms.floating.RSqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.Set;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.layers.SwiGlu;

/**
 * One decoding step (one new token per row) for a fixed cache, as a list of {@link BoundOp}s built once and
 * replayed for every token — the CPU analogue of a CUDA graph. The math is {@link DecoderBlock#forward} at
 * T = 1; what differs is layout and bookkeeping:
 * <ul>
 *   <li>the residual stream and the MLP run feature-major, {@code (features, B)}: every GEMM is then
 *       {@code W @ X} with a feature-major output, which ND4J ran 2-3x faster at B = 16 than the batch-major
 *       {@code X @ W^T} (e.g. gate+up 16x256->1376: 190 vs 540 us); q/k/v are transposed back to batch-major
 *       for rotary and attention (one small copy per layer);</li>
 *   <li>bound ops need fixed arrays, so token ids and positions are small int arrays rewritten each step, and
 *       attention runs over the first {@code S} cache slots, S rounded up to a multiple of {@link #BUCKET}, with
 *       an additive mask hiding padding and unwritten slots; the attention ops are rebound when S grows;</li>
 *   <li>in f32 on the CPU backend the attention and the cache write are {@link HostDecodeAttention} instead (SIMD
 *       loops, ~2x faster than libnd4j's batched matmul there); the bound attention ops serve other backends;</li>
 *   <li>the only per-step views are the cache slot each layer writes.</li>
 * </ul>
 * Measured at the bench shape (small preset, 16 rows): the eager path spent ~14 ms per step, most of it building
 * ~40 ops per layer (see {@link BoundOp}).
 */
final class DecodeStep {
    /** Attention length granularity: rebinding costs a few views per layer, padding costs masked columns. */
    static final int BUCKET = 16;

    private final DecoderModel model;
    private final DecoderKvCache cache;
    private final ModelConfig c;
    private final DataType dt;
    private final int B, L;
    private final long C, NH, KVH, G, hs, H3, I;

    // step inputs, rewritten in place
    private final int[] tokIds, posIds;
    private final INDArray tok, pos;           // (B) int
    // activations, reused every step; ...T arrays are feature-major (features, B)
    private final INDArray xb, xT, sq, ssT, lnT, meanRow, qkvT, qkv, rot, cos, sin, y4, guT, sigT, hT, logitsT;
    private final INDArray mask;               // (B, 1, 1, capacity) additive; op-path attention only
    private final INDArray kvNew;              // (2, B, KVH, hs) view of qkv's k and v heads, copied into the slot
    private Set slotCopy;                      // kvNew into the step's cache slot; retargeted per layer and step
    private final BoundOp embed, embedTranspose;
    private BoundOp[] tables = {};             // gathers of the rotary tables at the step's positions
    private final List<List<Runnable>> beforeAttention = new ArrayList<>(), afterAttention = new ArrayList<>();
    private final List<Runnable> tail = new ArrayList<>();   // final norm and LM head
    private List<List<BoundOp>> attention = new ArrayList<>();
    private INDArray tablesBound;              // the rotary table the gathers read (tables grow with positions)
    private final HostDecodeAttention host;    // null: ND4J ops throughout; else host kernels (CPU, f32)
    private int boundS = -1;

    /**
     * @param hostKernels attention, norms, rotary and SwiGLU as host SIMD kernels ({@link HostDecodeAttention},
     *                    {@link HostColumnOps}, the layers' own; see {@link org.r1j.model.layers.HostKernels}), else
     *                    bound ND4J ops
     */
    DecodeStep(DecoderModel model, DecoderKvCache cache, boolean hostKernels) {
        this.model = model;
        this.cache = cache;
        this.c = model.config();
        this.dt = model.dtype();
        B = cache.batchSize();
        L = c.numHiddenLayers();
        C = c.hiddenSize();
        NH = c.numAttentionHeads();
        KVH = c.numKeyValueHeads();
        G = NH / KVH;
        hs = c.headDim();
        H3 = NH + 2 * KVH;
        I = c.intermediateSize();
        long cap = cache.capacity();
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
        host = hostKernels ? new HostDecodeAttention(c, cache, qkv, y4) : null;
        // slots before the cache's length: visible unless left padding; later slots: hidden until written
        mask = host != null ? null : Nd4j.create(dt, B, 1, 1, cap).assign(Masks.MASKED);
        for (int b = 0; mask != null && b < B; b++) {
            for (int s = cache.pad[b]; s < cache.length; s++) mask.putScalar(new long[] {b, 0, 0, s}, 0.0);
        }
        kvNew = Nd4j.create(qkv.data(), new long[] {2, B, KVH, hs}, new long[] {KVH * hs, H3 * hs, hs, 1}, NH * hs, 'c', dt);
        embed = BoundOp.gather(model.parameters().weight("model.embed_tokens.weight"), tok, xb);
        embedTranspose = BoundOp.transpose(xb, xT);
        for (int l = 0; l < L; l++) {
            beforeAttention.add(layerBeforeAttention(l));
            afterAttention.add(layerAfterAttention(l));
        }
        rmsNorm(tail, model.parameters().weight("model.norm.weight"));
        tail.add(BoundOp.matmul(model.lmHeadWeight(), lnT, logitsT, false, false, 1, 0));
    }

    /** Embeds {@code nextTokens}, runs every layer (writing the cache at the next slot) and returns (B, V) logits. */
    INDArray run(int[] nextTokens) {
        int start = cache.length;
        int maxPos = 0;
        for (int b = 0; b < B; b++) {
            tokIds[b] = nextTokens[b];
            posIds[b] = start - cache.pad[b];
            maxPos = Math.max(maxPos, posIds[b]);
            if (mask != null) mask.putScalar(new long[] {b, 0, 0, start}, 0.0);
        }
        tok.data().setData(tokIds);
        pos.data().setData(posIds);
        bindTables(maxPos);
        if (host == null) bindAttention(start + 1);
        embed.run();
        embedTranspose.run();
        for (BoundOp op : tables) op.run();
        Profile.mark("decode: embed, rotary tables");
        for (int l = 0; l < L; l++) {
            for (Runnable op : beforeAttention.get(l)) op.run();
            if (host != null) {
                host.writeSlot(l, start);
                Profile.mark("decode: norm, qkv, rotary, cache");
                host.attend(l, cache.pad, start + 1);
            } else {
                // the step's cache slot: the one view made per step (binding one per slot would cost the same)
                copyToSlot(cache.kv[l].get(all(), all(), all(), point(start), all()));
                Profile.mark("decode: norm, qkv, rotary, cache");
                for (BoundOp op : attention.get(l)) op.run();
            }
            Profile.mark("decode: attention");
            for (Runnable op : afterAttention.get(l)) op.run();
            Profile.mark("decode: o_proj, norm, mlp");
        }
        for (Runnable op : tail) op.run();
        cache.length = start + 1;
        INDArray out = logitsT.transpose().dup('c');          // (B, V), the caller's to keep
        Profile.mark("decode: lm head");
        return out;
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
    private void rmsNorm(List<Runnable> ops, INDArray w) {
        if (host != null) {
            ops.add(HostColumnOps.rmsNorm(xT, w, lnT, c.rmsNormEps()));
            return;
        }
        ops.add(BoundOp.multiply(xT, xT, sq));
        ops.add(BoundOp.matmul(meanRow, sq, ssT, false, false, 1, 0));
        ops.add(BoundOp.legacy(new ScalarAdd(ssT, c.rmsNormEps())));
        ops.add(BoundOp.legacy(new RSqrt(ssT, ssT)));
        ops.add(BoundOp.multiply(xT, ssT, lnT));
        ops.add(BoundOp.multiply(lnT, w.reshape(C, 1), lnT));
    }

    private List<Runnable> layerBeforeAttention(int l) {
        LayerWeights w = model.layerWeights(l);
        List<Runnable> ops = new ArrayList<>();
        rmsNorm(ops, w.ln1());
        ops.add(BoundOp.matmul(w.wqkv(), lnT, qkvT, false, false, 1, 0));
        if (w.bqkv() != null) ops.add(BoundOp.add(qkvT, w.bqkv().reshape(H3 * hs, 1), qkvT));
        ops.add(BoundOp.transpose(qkvT, qkv));
        // rotary on every head at once: qkv = qkv * cos + (qkv @ R) * sin (v heads: cos 1, sin 0; q scaled)
        if (host != null) {
            INDArray heads = qkv.reshape(B * H3, hs);          // Rotary's host pass (HostRotary) on full tables
            ops.add(() -> model.rotary().forward(heads, cos, sin, null));
            return ops;
        }
        ops.add(BoundOp.matmul(qkv.reshape(B * H3, hs), model.rotary().rotateHalfMatrix(), rot, false, false, 1, 0));
        ops.add(BoundOp.multiply(rot.reshape(B, H3 * hs), sin, rot.reshape(B, H3 * hs)));
        ops.add(BoundOp.multiply(qkv, cos, qkv));
        ops.add(BoundOp.add(qkv, rot.reshape(B, H3 * hs), qkv));
        return ops;
    }

    private List<Runnable> layerAfterAttention(int l) {
        LayerWeights w = model.layerWeights(l);
        List<Runnable> ops = new ArrayList<>();
        // xT += Wo y^T (the residual accumulates in the GEMM)
        ops.add(BoundOp.matmul(w.wo(), y4.reshape(B, NH * hs), xT, false, true, 1, 1));
        rmsNorm(ops, w.ln2());
        // gate and up are adjacent in the parameter buffer: one (2I, C) GEMM; their outputs are row blocks
        ops.add(BoundOp.matmul(gateUp(l), lnT, guT, false, false, 1, 0));
        INDArray gateT = guT.get(interval(0, I), all()), upT = guT.get(interval(I, 2 * I), all());
        if (host != null) {
            ops.add(() -> SwiGlu.forward(hT, sigT, gateT, upT));  // its host pass (HostSwiGlu): row blocks are dense
        } else {
            ops.add(BoundOp.legacy(new Sigmoid(gateT, sigT)));
            ops.add(BoundOp.multiply(gateT, sigT, hT));
            ops.add(BoundOp.multiply(hT, upT, hT));
        }
        ops.add(BoundOp.matmul(w.wd(), hT, xT, false, false, 1, 1));
        return ops;
    }

    /** (2I, C) view of gate_proj then up_proj, which {@link ParamLayout} stores back to back. */
    private INDArray gateUp(int l) {
        String p = "model.layers." + l + ".mlp.";
        ParamLayout layout = model.parameters().layout();
        if (layout.entry(p + "up_proj.weight").offset() != layout.entry(p + "gate_proj.weight").offset() + I * C)
            throw new IllegalStateException("gate_proj and up_proj are not adjacent in the parameter buffer");
        return model.parameters().fusedWeight(p + "gate_proj.weight", 2 * I, C);
    }

    /** The rotary tables must cover the largest position; they are regrown (and rebound) in powers of two. */
    private void bindTables(int maxPos) {
        INDArray[] t = model.rotary().positionHeadTables(maxPos + 1, NH, KVH, 1.0 / Math.sqrt(hs));
        if (t[0] == tablesBound) return;
        tablesBound = t[0];
        tables = new BoundOp[] {BoundOp.gather(t[0], pos, cos), BoundOp.gather(t[1], pos, sin)};
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
            INDArray k = cache.k[l].get(all(), all(), interval(0, S), all());
            INDArray v = cache.v[l].get(all(), all(), interval(0, S), all());
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

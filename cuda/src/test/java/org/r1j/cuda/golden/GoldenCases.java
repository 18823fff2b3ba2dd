package org.r1j.cuda.golden;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.cuda.CsrRows;
import org.r1j.cuda.check.CaseDir;
import org.r1j.grpo.GrpoLoss;
import org.r1j.grpo.ImportanceSamplingLevel;
import org.r1j.grpo.KlEstimator;
import org.r1j.grpo.LossType;
import org.r1j.model.backend.AdamWStep;
import org.r1j.model.backend.Tensor;
import org.r1j.model.backend.nd4j.HostArrays;
import org.r1j.model.backend.nd4j.Nd4jBackend;
import org.r1j.model.io.HalfFloats;
import org.r1j.model.layers.Rotary;
import org.r1j.model.sample.SamplingParams;
import org.r1j.model.sample.TokenChooser;

/**
 * The CUDA kernels' goldens: random f32 inputs (fixed seeds) and what trainer's Java reference makes of them — the
 * nd4j backend in f64 (the reference every CPU backend is tested against), GrpoLoss, TokenChooser, HalfFloats — as
 * {@link CaseDir}s. The host build of the kernels (HostKernelsTest) and the device check on a GPU (the device kit)
 * both run these cases and compare with the expectations at the tolerances written here.
 *
 * <p>Shapes are small but cover what matters: Qwen2.5-0.5B's hidden width (896) and vocabulary (151,936), GQA
 * (stacked query rows), left padding, ties in sampling, every GRPO loss type, bf16 special values. Each case
 * stays under a few MB so the kit stays small.
 */
public final class GoldenCases {
    private static final Nd4jBackend REF = Nd4jBackend.INSTANCE;
    private static final double F32 = 1e-4;   // the issue's f32 bound, relative

    /** The reference backend's tensor over a host array (no copy: the op writes into {@code a}). */
    private static Tensor tensor(INDArray a) {
        return REF.wrap(a);
    }

    private static INDArray[] arrays(Tensor[] ts) {
        INDArray[] out = new INDArray[ts.length];
        for (int i = 0; i < ts.length; i++) out[i] = HostArrays.of(ts[i]);
        return out;
    }

    private final Path root;
    private final List<Path> written = new ArrayList<>();
    private final SplittableRandom rng = new SplittableRandom(20261203);

    private GoldenCases(Path root) {
        this.root = root;
    }

    /** Writes every case under {@code root} and returns their directories. */
    public static List<Path> write(Path root) {
        GoldenCases g = new GoldenCases(root);
        g.rmsNorm(64, 896);
        g.columnSums(100, 64);
        g.rotary(8, 6, 64, false, false);
        g.rotary(8, 6, 64, true, false);
        g.rotary(5, 4, 32, false, true);
        g.maskedSoftmax();
        g.causalSoftmax();
        g.softmaxBackward(72, 24, 64);
        g.swiGlu(32, 1216);
        // the head split of a fused (B, T, NH + 2 KVH, hs) activation: heads 2..3 of 6 as (B, KVH, T, hs)
        g.copyStrided("head-split", new long[] {2, 5, 6, 4}, 2 * 4, new long[] {2, 2, 5, 4}, new long[] {5 * 6 * 4, 4, 6 * 4, 1},
                0, new long[] {40, 20, 4, 1});
        // the decode step's cache write: k and v heads of qkv (B 3, H3 4, hs 8) into slot 5 of kv (2, B, KVH 1, cap 7, hs)
        g.copyStrided("cache-slot", new long[] {3, 32}, 2 * 8, new long[] {2, 3, 1, 8}, new long[] {8, 32, 8, 1},
                5 * 8, new long[] {3 * 7 * 8, 7 * 8, 7 * 8, 1});
        g.gather(50, 64, 100);
        g.scatterAdd(300, 64, 20);
        g.logProbs(16, 1000, 0.7, true);
        g.logProbs(2, 151_936, 1.0, false);   // the backward is element-wise: V = 1000 covers it
        g.grpo("dapo-k3", LossType.DAPO, null, 0.04, KlEstimator.K3, true, false, 1);
        g.grpo("grpo-nokl", LossType.GRPO, null, 0, KlEstimator.K3, true, false, 1);
        g.grpo("bnpo-isw", LossType.BNPO, null, 0.02, KlEstimator.K1, true, true, 2);
        g.grpo("drgrpo-delta-k2", LossType.DR_GRPO, 1.5, 0.1, KlEstimator.K2, true, false, 1);
        g.grpo("cispo", LossType.CISPO, null, 0, KlEstimator.K3, true, false, 1);
        g.grpo("sapo", LossType.SAPO, null, 0.04, KlEstimator.K3, true, false, 1);
        g.grpo("dapo-detached-emask", LossType.DAPO, null, 0, KlEstimator.K3, false, false, 1);
        g.adamW(10_000, 3);
        g.sums(100_003);
        g.sample("greedy", 32, 1000, 0, 1, 0, 0, false);
        g.sample("t1", 64, 1000, 1.0, 1, 0, 0, false);
        g.sample("t06-topp095", 64, 1000, 0.6, 0.95, 0, 0, false);
        g.sample("topk50", 64, 1000, 0.8, 1, 50, 0, false);
        g.sample("topk20-topp09-ties", 64, 1000, 1.0, 0.9, 20, 0, true);
        g.sample("minp01", 64, 1000, 1.0, 1, 0, 0.1, false);
        g.sample("topp-ties", 64, 500, 0.7, 0.8, 0, 0.05, true);
        g.sample("qwen-vocab-t06-topp095", 2, 151_936, 0.6, 0.95, 0, 0, false);
        g.casts();
        g.addBias(10, 64);
        return g.written;
    }

    // ---- helpers ----

    private CaseDir create(String name, String op) {
        return CaseDir.create(root.resolve(String.format("%02d-%s", written.size(), name)), op);
    }

    private void done(CaseDir c) {
        c.save();
        written.add(c.dir());
    }

    private float[] normal(int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (gaussian() * scale);
        return v;
    }

    private float[] uniform(int n, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        return v;
    }

    private double gaussian() {
        double u = rng.nextDouble(), w = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }

    /** An f64 array holding f32 values (the reference computes in f64 on exactly the kernel's inputs). */
    private static INDArray f64(float[] v, long... shape) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return Nd4j.create(d, shape, 'c');
    }

    private static float[] f32(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) if (Float.isFinite(x)) m = Math.max(m, Math.abs(x));
        return m;
    }

    /** rtol F32 with an absolute floor scaled to the output (sums of many terms cancel). */
    private static void tolerance(CaseDir c, String name, float[] want, double floor) {
        c.tolerance(name, F32, floor * Math.max(1, maxAbs(want)));
    }

    // ---- cases ----

    private void rmsNorm(int N, int C) {
        float[] x = normal(N * C, 1), w = uniform(C, 0.5, 1.5);
        double eps = 1e-6;
        INDArray out = Nd4j.create(DataType.DOUBLE, N, C), rstd = Nd4j.create(DataType.DOUBLE, N, 1);
        REF.rmsNorm(tensor(out), tensor(rstd), tensor(f64(x, N, C)), tensor(f64(w, C)), eps);
        CaseDir f = create("rmsnorm-fwd", "rmsnorm_fwd").param("N", N).param("C", C).param("eps", (float) eps).param("lanes", 256);
        f.input("inp", x);
        f.input("w", w);
        f.expect("out", f32(out));
        f.expect("rstd", f32(rstd));
        tolerance(f, "out", f32(out), 1e-6);
        tolerance(f, "rstd", f32(rstd), 1e-7);
        done(f);

        float[] rs = f32(rstd), dout = normal(N * C, 1), dinp0 = normal(N * C, 0.1), dw0 = normal(C, 0.1);
        INDArray dinp = f64(dinp0, N, C), dw = f64(dw0, C);
        REF.rmsNormBackward(tensor(dinp), tensor(dw), tensor(f64(dout, N, C)), tensor(f64(x, N, C)), tensor(f64(w, C)), tensor(f64(rs, N, 1)), null, null);
        CaseDir b = create("rmsnorm-bwd", "rmsnorm_bwd").param("N", N).param("C", C).param("rows", 16).param("lanes", 128);
        b.input("dinp", dinp0);
        b.input("dw", dw0);
        b.input("dout", dout);
        b.input("inp", x);
        b.input("w", w);
        b.input("rstd", rs);
        b.expect("dinp", f32(dinp));
        b.expect("dw", f32(dw));
        tolerance(b, "dinp", f32(dinp), 1e-6);
        tolerance(b, "dw", f32(dw), 1e-6);
        done(b);
    }

    private void columnSums(int N, int C) {
        float[] a = normal(N * C, 1), dst0 = normal(C, 1);
        INDArray want = f64(dst0, C).addi(f64(a, N, C).sum(0));
        CaseDir c = create("column-sums", "column_sums").param("N", N).param("C", C).param("rows", 16);
        c.input("a", a);
        c.input("dst", dst0);
        c.expect("dst", f32(want));
        tolerance(c, "dst", f32(want), 1e-6);
        done(c);
    }

    /** x (N, H, hs); tables full per head, or (perPosition) one row per token shared by its heads. */
    private void rotary(int N, int H, int hs, boolean backward, boolean perPosition) {
        float[] x = normal(N * H * hs, 1);
        int tableRows = perPosition ? N : N * H;
        float[] cos = uniform(tableRows * hs, -1, 1), sin = uniform(tableRows * hs, -1, 1);
        Rotary rope = new Rotary(4, hs, 10000, DataType.DOUBLE, REF);
        INDArray xs = f64(x, N, H, hs);
        INDArray cs = perPosition ? f64(cos, N, 1, hs) : f64(cos, N, H, hs), sn = perPosition ? f64(sin, N, 1, hs) : f64(sin, N, H, hs);
        if (perPosition) {   // the layer broadcasts (B, 1, T, hs) tables over heads
            cs = cs.broadcast(N, H, hs).dup('c');
            sn = sn.broadcast(N, H, hs).dup('c');
        }
        if (backward) REF.rotaryBackward(rope, tensor(xs), tensor(cs), tensor(sn), null);
        else REF.rotary(rope, tensor(xs), tensor(cs), tensor(sn), null);
        CaseDir c = create("rotary" + (backward ? "-bwd" : "") + (perPosition ? "-per-position" : ""), "rotary")
                .param("rows", N * H).param("hs", hs).param("rep", perPosition ? H : 1).param("transposed", backward ? 1 : 0);
        c.input("x", x);
        c.input("cos", cos);
        c.input("sin", sin);
        c.expect("x", f32(xs));
        tolerance(c, "x", f32(xs), 1e-6);
        done(c);
    }

    /** Explicit additive mask (per batch): causal plus left padding, as DecoderModel builds for prefill. */
    private void maskedSoftmax() {
        int B = 2, H = 3, R = 16, S = 24;
        float[] att = normal(B * H * R * S, 3);
        float[] mask = new float[B * R * S];
        int[] pad = {0, 5};
        for (int b = 0; b < B; b++)
            for (int r = 0; r < R; r++)
                for (int s = 0; s < S; s++)
                    mask[(b * R + r) * S + s] = s > r + (S - R) || s < pad[b] ? Float.NEGATIVE_INFINITY : 0f;
        INDArray a = f64(att, B, H, R, S);
        REF.maskedSoftmax(tensor(a), tensor(f64(mask, B, 1, R, S)));
        CaseDir c = create("masked-softmax", "masked_softmax").param("B", B).param("H", H).param("R", R).param("S", S)
                .param("MB", B).param("G", 0).param("q0", 0).param("hasMask", 1).param("hasStart", 0).param("lanes", 32);
        c.input("att", att);
        c.input("mask", mask);
        c.expect("att", f32(a));
        c.tolerance("att", F32, 1e-7);
        done(c);
    }

    /** Causal mask from indices, GQA stacked rows r = t G + g, queries at positions q0.., left padding start[b]. */
    private void causalSoftmax() {
        int B = 2, KVH = 2, T = 12, G = 3, q0 = 4, S = q0 + T, R = T * G;
        int[] start = {0, 3};
        float[] att = normal(B * KVH * R * S, 3);
        float[] mask = new float[B * R * S];
        for (int b = 0; b < B; b++)
            for (int r = 0; r < R; r++)
                for (int s = 0; s < S; s++)
                    mask[(b * R + r) * S + s] = s > q0 + r / G || s < start[b] ? Float.NEGATIVE_INFINITY : 0f;
        INDArray a = f64(att, B, KVH, R, S);
        REF.maskedSoftmax(tensor(a), tensor(f64(mask, B, 1, R, S)));
        CaseDir c = create("causal-softmax-gqa", "masked_softmax").param("B", B).param("H", KVH).param("R", R).param("S", S)
                .param("MB", 1).param("G", G).param("q0", q0).param("hasMask", 0).param("hasStart", 1).param("lanes", 64);
        c.input("att", att);
        c.input("start", start);
        c.expect("att", f32(a));
        c.tolerance("att", F32, 1e-7);
        done(c);
    }

    private void softmaxBackward(int rows, int S, int W) {
        float[] a = normal(rows * W, 1), b = normal(rows * W, 1);
        INDArray dot = HostArrays.of(REF.rowDot(tensor(f64(a, rows, W)), tensor(f64(b, rows, W)), tensor(Nd4j.create(DataType.DOUBLE, rows, W))));
        CaseDir c = create("row-dot", "row_dot").param("rows", rows).param("W", W).param("lanes", 32);
        c.input("a", a);
        c.input("b", b);
        c.expect("out", f32(dot));
        tolerance(c, "out", f32(dot), 1e-6);
        done(c);

        float[] att = uniform(rows * S, 0, 0.2), datt0 = normal(rows * S, 1), rd = normal(rows, 1);
        INDArray datt = f64(datt0, rows, S);
        REF.softmaxBackward(tensor(datt), tensor(f64(att, rows, S)), tensor(f64(rd, rows, 1)));
        CaseDir s = create("softmax-bwd", "softmax_bwd").param("rows", rows).param("S", S);
        s.input("datt", datt0);
        s.input("att", att);
        s.input("rowDot", rd);
        s.expect("datt", f32(datt));
        tolerance(s, "datt", f32(datt), 1e-6);
        done(s);
    }

    private void swiGlu(int N, int I) {
        int n = N * I;
        float[] gate = normal(n, 2), up = normal(n, 1);
        INDArray h = Nd4j.create(DataType.DOUBLE, N, I), sig = Nd4j.create(DataType.DOUBLE, N, I);
        REF.swiGlu(tensor(h), tensor(sig), tensor(f64(gate, N, I)), tensor(f64(up, N, I)));
        CaseDir f = create("swiglu", "swiglu").param("n", n);
        f.input("gate", gate);
        f.input("up", up);
        f.expect("h", f32(h));
        f.expect("sig", f32(sig));
        tolerance(f, "h", f32(h), 1e-6);
        tolerance(f, "sig", f32(sig), 1e-7);
        done(f);

        float[] dh = normal(n, 1), sg = f32(sig);
        INDArray dgate = Nd4j.create(DataType.DOUBLE, N, I), dup = Nd4j.create(DataType.DOUBLE, N, I);
        REF.swiGluBackward(tensor(dgate), tensor(dup), tensor(f64(dh, N, I)), tensor(f64(gate, N, I)), tensor(f64(up, N, I)), tensor(f64(sg, N, I)));
        CaseDir b = create("swiglu-bwd", "swiglu_bwd").param("n", n);
        b.input("dh", dh);
        b.input("gate", gate);
        b.input("up", up);
        b.input("sig", sg);
        b.expect("dgate", f32(dgate));
        b.expect("dup", f32(dup));
        tolerance(b, "dgate", f32(dgate), 1e-6);
        tolerance(b, "dup", f32(dup), 1e-6);
        done(b);
    }

    private int[] rows(int n, int bound) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = rng.nextInt(bound);
        return r;
    }

    private void gather(int N, int C, int V) {
        int[] rows = rows(N, V);
        float[] table = normal(V * C, 1);
        INDArray out = Nd4j.create(DataType.DOUBLE, N, C);
        REF.gather(tensor(out), tensor(Nd4j.createFromArray(rows)), tensor(f64(table, V, C)));
        CaseDir c = create("gather", "gather").param("N", N).param("C", C).param("V", V);
        c.input("rows", rows);
        c.input("table", table);
        c.expect("out", f32(out));
        c.tolerance("out", 0, 0);
        done(c);
    }

    private void scatterAdd(int N, int C, int V) {
        int[] rows = rows(N, V);
        float[] table = normal(V * C, 1), values = normal(N * C, 1);
        INDArray t = f64(table, V, C);
        REF.scatterAdd(tensor(t), tensor(Nd4j.createFromArray(rows)), tensor(f64(values, N, C)));
        CsrRows csr = CsrRows.of(rows, V);
        CaseDir c = create("scatter-add", "scatter_add").param("N", N).param("C", C).param("V", V).param("U", csr.distinct());
        c.input("table", table);
        c.input("values", values);
        c.input("uniq", csr.uniq());
        c.input("starts", csr.starts());
        c.input("order", csr.order());
        c.expect("table", f32(t));
        tolerance(c, "table", f32(t), 1e-6);
        done(c);
    }

    /** dst view (dstOffset, shape, dstStrides) of a zero buffer = src view (srcOffset, shape, srcStrides) of a dense one. */
    private void copyStrided(String name, long[] srcShape, long srcOffset, long[] shape, long[] srcStrides, long dstOffset, long[] dstStrides) {
        long srcLength = 1, dstLength = 1;
        for (long s : srcShape) srcLength *= s;
        for (int d = 0; d < shape.length; d++) dstLength += (shape[d] - 1) * dstStrides[d];
        dstLength += dstOffset;
        float[] src = normal((int) srcLength, 1);
        Tensor dst = REF.zeros(DataType.DOUBLE, dstLength);
        REF.copy(dst.view(dstOffset, shape, dstStrides), tensor(f64(src, srcLength)).view(srcOffset, shape, srcStrides));
        CaseDir c = create("copy-strided-" + name, "copy_strided").param("srcLength", srcLength).param("dstLength", dstLength)
                .param("srcOffset", srcOffset).param("dstOffset", dstOffset);
        int pad = 6 - shape.length;
        for (int k = 0; k < 6; k++) {
            int j = k - pad;
            c.param("n" + k, j < 0 ? 1 : shape[j]).param("d" + k, j < 0 ? 0 : dstStrides[j]).param("s" + k, j < 0 ? 0 : srcStrides[j]);
        }
        c.input("src", src);
        c.expect("dst", dst.toFloats());
        c.tolerance("dst", 0, 0);
        done(c);
    }

    private void logProbs(int M, int V, double temperature, boolean backward) {
        float[] logits = normal(M * V, 3);
        int[] targets = rows(M, V);
        long[] flat = new long[M];
        for (int m = 0; m < M; m++) flat[m] = (long) m * V + targets[m];
        INDArray probs = Nd4j.create(DataType.DOUBLE, M, V);
        INDArray[] lp = arrays(REF.logProbHead(tensor(probs), tensor(f64(logits, M, V)), tensor(Nd4j.createFromArray(flat)), temperature));
        float invT = (float) (1 / temperature);
        CaseDir f = create("logprob-V" + V, "logprob").param("M", M).param("V", V).param("invT", invT).param("lanes", 256);
        f.input("logits", logits);
        f.input("targets", targets);
        f.expect("probs", f32(probs));
        f.expect("logp", f32(lp[0]));
        f.expect("entropy", f32(lp[1]));
        f.tolerance("probs", F32, 1e-8);
        f.tolerance("logp", F32, 1e-4);
        f.tolerance("entropy", F32, 1e-4);
        done(f);
        if (!backward) return;

        float[] p = f32(probs), dlogp = normal(M, 1);
        INDArray dl = Nd4j.create(DataType.DOUBLE, M, V);
        REF.logProbHeadBackward(tensor(dl), tensor(f64(dlogp, M)), tensor(f64(p, M, V)), tensor(Nd4j.createFromArray(flat)), temperature);
        CaseDir b = create("logprob-bwd-V" + V, "logprob_bwd").param("M", M).param("V", V).param("invT", invT);
        b.input("dlogp", dlogp);
        b.input("probs", p);
        b.input("targets", targets);
        b.expect("dlogits", f32(dl));
        b.tolerance("dlogits", F32, 1e-7);
        done(b);

        // the entropy bonus's gradient on top of it, from the entropies of the forward (REF.entropyBackward)
        float[] h = f32(lp[1]), coef = normal(M, 1), dl0 = f32(dl);
        INDArray de = f64(dl0, M, V);
        REF.entropyBackward(tensor(de), tensor(f64(p, M, V)), tensor(f64(h, M)), tensor(f64(coef, M)));
        CaseDir e = create("entropy-bwd-V" + V, "entropy_bwd").param("M", M).param("V", V);
        e.input("dlogits", dl0);
        e.input("probs", p);
        e.input("h", h);
        e.input("coef", coef);
        e.expect("dlogits", f32(de));
        tolerance(e, "dlogits", f32(de), 1e-7);
        done(e);
    }

    /** GrpoLoss.weight, per row (its aggregation factors; GrpoLoss keeps it private). */
    private static double rowWeight(LossType t, double rowTokens, double batchTokens, int rows, double stepTokens,
                                    int accumulation, int maxLen) {
        return switch (t) {
            case GRPO, SAPO -> 1.0 / (Math.max(rowTokens, 1) * rows * accumulation);
            case BNPO -> 1.0 / (Math.max(batchTokens, 1) * accumulation);
            case DR_GRPO -> 1.0 / ((double) rows * maxLen * accumulation);
            case DAPO, CISPO -> 1.0 / Math.max(stepTokens, 1);
        };
    }

    private void grpo(String name, LossType type, Double delta, double beta, KlEstimator kl, boolean withOld,
                      boolean withIsw, int accumulation) {
        int B = 8, T = 20, maxLen = 24;
        boolean emaskCase = name.contains("emask");
        float[][] logp = new float[B][T], old = new float[B][T], ref = new float[B][T], mask = new float[B][T],
                isw = new float[B][T], ent = new float[B][T];
        double[] adv = new double[B];
        float[] advF = new float[B];
        for (int b = 0; b < B; b++) {
            advF[b] = (float) gaussian();
            adv[b] = advF[b];
            int len = 6 + rng.nextInt(T - 5);
            for (int t = 0; t < T; t++) {
                logp[b][t] = (float) (-0.05 - 2 * rng.nextDouble());
                old[b][t] = (float) (logp[b][t] + 0.3 * gaussian());           // ratios spread across the clip range
                ref[b][t] = (float) (logp[b][t] + 0.5 * gaussian());
                mask[b][t] = t < len ? 1f : 0f;
                isw[b][t] = (float) (0.5 + rng.nextDouble());
                ent[b][t] = (float) (3 * rng.nextDouble());
            }
        }
        old[0][0] = logp[0][0];   // a tie of the min's two branches (rho = 1 exactly)
        double quantile = emaskCase ? 0.5 : 1;
        GrpoLoss.Objective o = new GrpoLoss.Objective(0.2, 0.28, delta, beta, type, maxLen, ImportanceSamplingLevel.TOKEN, kl,
                1.0, 1.05, 0, quantile);
        double maskSum = 0;
        double[] rowTokens = new double[B];
        for (int b = 0; b < B; b++) {
            for (float m : mask[b]) rowTokens[b] += m;
            maskSum += rowTokens[b];
        }
        double stepTokens = maskSum * accumulation;
        GrpoLoss.Result r = new GrpoLoss(o).compute(new GrpoLoss.Batch(logp, withOld ? old : null, beta != 0 ? ref : null, adv,
                mask, ent, withIsw ? isw : null, stepTokens, accumulation));
        float[] rw = new float[B];
        for (int b = 0; b < B; b++) rw[b] = (float) rowWeight(type, rowTokens[b], maskSum, B, stepTokens, accumulation, maxLen);
        int lossKind = type == LossType.CISPO ? 1 : type == LossType.SAPO ? 2 : 0;
        CaseDir c = create("grpo-" + name, "grpo_token").param("B", B).param("T", T).param("lossKind", lossKind)
                .param("kl", kl.ordinal() + 1).param("hasDelta", delta == null ? 0 : 1).param("epsLow", 0.2)
                .param("epsHigh", type == LossType.CISPO ? 0.28 : 0.28).param("delta", delta == null ? 0 : delta)
                .param("beta", beta).param("tauPos", 1.0).param("tauNeg", 1.05).param("hasOld", withOld ? 1 : 0)
                .param("hasRef", beta != 0 ? 1 : 0).param("hasIsw", withIsw ? 1 : 0).param("hasEmask", emaskCase ? 1 : 0);
        c.input("logp", flat(logp));
        if (withOld) c.input("old", flat(old));
        if (beta != 0) c.input("ref", flat(ref));
        c.input("adv", advF);
        c.input("mask", flat(mask));
        c.input("rowWeight", rw);
        if (withIsw) c.input("isw", flat(isw));
        if (emaskCase) c.input("emask", flat(GrpoLoss.highEntropyMask(ent, mask, 1 - quantile)));
        float[] d = flat(r.dLogprobs());
        c.expect("dlogp", d);
        tolerance(c, "dlogp", d, 1e-6);
        c.expect("lossSum", new double[] {r.loss()});
        c.tolerance("lossSum", 1e-5, 1e-7);
        c.expect("klSum", new double[] {r.klMean() * Math.max(maskSum, 1)});
        c.tolerance("klSum", 1e-5, 1e-6);
        c.expect("lowCount", new double[] {Math.round(r.lowClipMean() * Math.max(r.clipCount(), 1))});
        c.expect("highCount", new double[] {Math.round(r.highClipMean() * Math.max(r.clipCount(), 1))});
        c.tolerance("lowCount", 0, 0);
        c.tolerance("highCount", 0, 0);
        done(c);
    }

    private static float[] flat(float[][] v) {
        int n = 0;
        for (float[] row : v) n += row.length;
        float[] out = new float[n];
        int at = 0;
        for (float[] row : v) {
            System.arraycopy(row, 0, out, at, row.length);
            at += row.length;
        }
        return out;
    }

    private void adamW(int n, int step) {
        float[] w = normal(n, 1), g = normal(n, 0.01), m = normal(n, 0.001), v = uniform(n, 0, 1e-4);
        double lr = 3e-4, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.1;
        AdamWStep s = new AdamWStep(1 - lr * wd, b1, b2, -lr / (1 - Math.pow(b1, step)), 1 / Math.sqrt(1 - Math.pow(b2, step)), eps);
        INDArray W = f64(w, n), M = f64(m, n), Vv = f64(v, n);
        REF.adamW(tensor(W), tensor(f64(g, n)), tensor(M), tensor(Vv), tensor(Nd4j.create(DataType.DOUBLE, n)), s);
        CaseDir c = create("adamw", "adamw").param("n", n).param("keep", (float) s.keep()).param("b1", (float) b1)
                .param("c1", (float) (1 - b1)).param("b2", (float) b2).param("c2", (float) (1 - b2))
                .param("step", (float) s.stepSize()).param("vScale", (float) s.invSqrtBc2()).param("eps", (float) eps);
        c.input("w", w);
        c.input("g", g);
        c.input("m", m);
        c.input("v", v);
        c.expect("w", f32(W));
        c.expect("m", f32(M));
        c.expect("v", f32(Vv));
        c.tolerance("w", F32, 1e-7);
        c.tolerance("m", F32, 1e-9);
        c.tolerance("v", F32, 1e-12);
        done(c);
    }

    private void sums(int n) {
        float[] x = normal(n, 1);
        double sq = REF.sumOfSquares(tensor(f64(x, n)));
        CaseDir c = create("sum-of-squares", "sum").param("n", n).param("squares", 1).param("blocks", 40).param("lanes", 256);
        c.input("x", x);
        c.expect("out", new double[] {sq});
        c.tolerance("out", 1e-12, 0);
        done(c);
        double s = f64(x, n).sumNumber().doubleValue();
        CaseDir p = create("sum", "sum").param("n", n).param("squares", 0).param("blocks", 7).param("lanes", 64);
        p.input("x", x);
        p.expect("out", new double[] {s});
        p.tolerance("out", 1e-12, 1e-9);
        done(p);
    }

    /** rows of logits with one seed each; ties: logits rounded to 0.5 so equal values abound. */
    private void sample(String name, int rows, int V, double temperature, double topP, int topK, double minP, boolean ties) {
        float[] logits = normal(rows * V, 2.5);
        if (ties) for (int i = 0; i < logits.length; i++) logits[i] = Math.round(logits[i] * 2) / 2f;
        double[] u = new double[rows];
        int[] token = new int[rows];
        float[] logp = new float[rows];
        SamplingParams p = new SamplingParams(temperature, topP, topK, 1, List.of(), 0, minP, 1);
        for (int r = 0; r < rows; r++) {
            long seed = 1000L * r + name.hashCode();
            u[r] = new SplittableRandom(seed).nextDouble();   // what choose() draws from the same seed
            TokenChooser.Choice ch = TokenChooser.choose(Arrays.copyOfRange(logits, r * V, (r + 1) * V), p, new SplittableRandom(seed));
            token[r] = ch.token();
            logp[r] = ch.logprob();
        }
        CaseDir c = create("sample-" + name, "sample").param("rows", rows).param("V", V).param("temperature", temperature)
                .param("topP", topP).param("topK", topK).param("minP", minP).param("lanes", 256);
        c.input("logits", logits);
        c.input("u", u);
        c.expect("token", token);
        c.expect("logp", logp);
        c.tolerance("token", 0, 0);
        c.tolerance("logp", 1e-5, 1e-5);
        done(c);
    }

    private void casts() {
        float[] x = normal(4096, 100);
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE,
                Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, Float.intBitsToFloat(0x3f808000), Float.intBitsToFloat(0x3f818000),
                Float.intBitsToFloat(0x3f80c000), Float.intBitsToFloat(0x7f7fffff), Float.intBitsToFloat(0x7fc00001),
                Float.intBitsToFloat(0xff800001), Float.intBitsToFloat(0x00017fff)};
        System.arraycopy(special, 0, x, 0, special.length);
        short[] bf = new short[x.length];
        for (int i = 0; i < x.length; i++) bf[i] = HalfFloats.floatToBf16(x[i]);
        CaseDir c = create("cast-f32-bf16", "cast_f32_bf16").param("n", x.length);
        c.input("x", x);
        c.expect("out", bf);
        c.tolerance("out", 0, 0);
        done(c);

        short[] all = new short[65536];
        int[] bits = new int[65536];
        for (int i = 0; i < 65536; i++) {
            all[i] = (short) i;
            bits[i] = Float.floatToRawIntBits(HalfFloats.bf16ToFloat((short) i));
        }
        CaseDir b = create("cast-bf16-f32", "cast_bf16_f32").param("n", all.length);
        b.input("x", all);
        b.expect("out", bits);   // compared as raw bits (NaN payloads included)
        b.tolerance("out", 0, 0);
        done(b);
    }

    private void addBias(int N, int C) {
        float[] out = normal(N * C, 1), bias = normal(C, 1);
        INDArray want = f64(out, N, C).addiRowVector(f64(bias, C));
        CaseDir c = create("add-bias", "add_bias").param("N", N).param("C", C);
        c.input("out", out);
        c.input("b", bias);
        c.expect("out", f32(want));
        c.tolerance("out", 1e-7, 1e-7);
        done(c);
    }
}

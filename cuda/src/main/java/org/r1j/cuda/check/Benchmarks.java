package org.r1j.cuda.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.r1j.cuda.CsrRows;
import org.r1j.cuda.CudaContext;
import org.r1j.cuda.CudaOps;
import org.r1j.cuda.blas.Cublas;
import org.r1j.cuda.memory.DeviceBuffer;

/**
 * GPU throughput of r1j's kernels and of cuBLAS GEMMs at Qwen2.5-0.5B training shapes (16,384 tokens, hidden 896,
 * intermediate 4,864, 14 query / 2 key-value heads of 64, vocabulary 151,936), timed with CUDA events after
 * warm-up. {@link #PLAN} is the one list of cases: the device check runs it and writes it into its report, and the
 * kit's PyTorch script runs the same cases from there, so both sides time the same work.
 */
final class Benchmarks {
    /** One timed case: its name, kernel family and sizes, the bytes it must move at least and its FLOPs. */
    record Bench(String name, String op, Map<String, Object> shape, double bytes, double flops) {}

    static final int VOCAB = 151_936, HIDDEN = 896, INTER = 4_864, HS = 64, NH = 14, KVH = 2;

    static final List<Bench> PLAN = plan(1);

    /** The plan with token counts, GEMM sizes and element counts divided by {@code shrink} (1: the real one). */
    static List<Bench> plan(int shrink) {
        int N = 16_384 / shrink, g1 = 4096 / shrink, g2 = 8192 / shrink, lpM = Math.max(1, 2048 / shrink), T = Math.max(8, 1024 / shrink);
        int rows = Math.max(1, 64 / shrink), B = Math.max(1, 4 / shrink), G = NH / KVH;
        long n = 100_000_000L / shrink;
        List<Bench> p = new ArrayList<>();
        for (int s : new int[] {g1, g2}) {
            double f = 2.0 * s * s * s;
            p.add(new Bench("gemm bf16 " + s + "^3", "gemm", shape("M", s, "N", s, "K", s, "dtype", "bf16"), 2.0 * 3 * s * s, f));
            p.add(new Bench("gemm tf32 " + s + "^3", "gemm", shape("M", s, "N", s, "K", s, "dtype", "tf32"), 4.0 * 3 * s * s, f));
        }
        p.add(new Bench("gemm f32 " + g1 + "^3", "gemm", shape("M", g1, "N", g1, "K", g1, "dtype", "f32"), 4.0 * 3 * g1 * g1, 2.0 * g1 * g1 * g1));
        int lin = shrink == 1 ? N : Math.max(1, N / shrink);   // the stand-in's GEMM is a plain loop
        p.add(new Bench("linear bf16 up-proj (" + lin + "x896)·(4864x896)^T", "linear", shape("M", lin, "N", INTER, "K", HIDDEN, "dtype", "bf16"),
                2.0 * ((double) lin * HIDDEN + (double) INTER * HIDDEN + (double) lin * INTER), 2.0 * lin * INTER * HIDDEN));
        p.add(new Bench("rmsnorm fwd (" + N + ", 896)", "rmsnorm_fwd", shape("N", N, "C", HIDDEN), 4.0 * 2 * N * HIDDEN, 0));
        p.add(new Bench("rmsnorm bwd (" + N + ", 896)", "rmsnorm_bwd", shape("N", N, "C", HIDDEN), 4.0 * 4 * N * HIDDEN, 0));
        p.add(new Bench("swiglu fwd (" + N + ", 4864)", "swiglu", shape("N", N, "I", INTER), 4.0 * 4 * N * INTER, 0));
        p.add(new Bench("swiglu bwd (" + N + ", 4864)", "swiglu_bwd", shape("N", N, "I", INTER), 4.0 * 6 * N * INTER, 0));
        p.add(new Bench("rotary q+k (" + N + " x 16 heads x 64)", "rotary", shape("rows", N * (NH + KVH), "hs", HS), 4.0 * 4 * N * (NH + KVH) * HS, 0));
        p.add(new Bench("causal softmax GQA (" + B + ", 2, " + T + "x7, " + T + ")", "causal_softmax", shape("B", B, "H", KVH, "T", T, "G", G),
                4.0 * 2 * B * KVH * (double) T * G * T, 0));
        p.add(new Bench("log-prob head fwd (" + lpM + ", 151936)", "logprob", shape("M", lpM, "V", VOCAB), 4.0 * 2 * lpM * (double) VOCAB, 0));
        p.add(new Bench("log-prob head bwd (" + lpM + ", 151936)", "logprob_bwd", shape("M", lpM, "V", VOCAB), 4.0 * 3 * lpM * (double) VOCAB, 0));
        p.add(new Bench("adamw " + n + " params", "adamw", shape("n", n), 4.0 * 7 * n, 0));
        p.add(new Bench("sum of squares " + n, "sumsq", shape("n", n), 4.0 * n, 0));
        int table = VOCAB / shrink;
        p.add(new Bench("embedding gather (" + N + " of " + table + " x 896)", "gather", shape("N", N, "C", HIDDEN, "V", table), 4.0 * 2 * N * HIDDEN, 0));
        p.add(new Bench("embedding scatter-add (" + N + " into " + table + " x 896)", "scatter_add", shape("N", N, "C", HIDDEN, "V", table), 4.0 * 3 * N * HIDDEN, 0));
        p.add(new Bench("sample " + rows + " rows T 0.6 top-p 0.95", "sample", shape("rows", rows, "V", VOCAB, "temperature", 0.6, "topP", 0.95, "topK", 0),
                4.0 * rows * VOCAB, 0));
        p.add(new Bench("sample " + rows + " rows T 1.0", "sample", shape("rows", rows, "V", VOCAB, "temperature", 1.0, "topP", 1.0, "topK", 0), 4.0 * rows * VOCAB, 0));
        return List.copyOf(p);
    }

    private static Map<String, Object> shape(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private final CudaContext ctx;
    private final CudaOps ops;
    private final int warmup, reps;
    private final SplittableRandom rng = new SplittableRandom(7);
    private final List<DeviceBuffer> held = new ArrayList<>();

    Benchmarks(CudaContext ctx, int warmup, int reps) {
        this.ctx = ctx;
        this.ops = new CudaOps(ctx.kernels());
        this.warmup = warmup;
        this.reps = reps;
    }

    /** Device buffer of n random floats in [-scale, scale) (filled from the host). */
    private long random(long n, double scale) {
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        return keep(ctx.upload(v));
    }

    private long zeros(long bytes) {
        DeviceBuffer b = ctx.allocate(bytes);
        ctx.zero(b);
        return keep(b);
    }

    private long keep(DeviceBuffer b) {
        held.add(b);
        return b.pointer();
    }

    private long bf16(long n) {
        long f = random(n, 1), b = zeros(2 * n);
        ops.castToBf16(b, f, n);
        return b;
    }

    /** Times one case: ms per call and the derived rates. */
    Map<String, Object> run(Bench b) {
        try {
            double ms = ctx.timeMs(work(b), warmup, reps);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", b.name());
            r.put("ms", ms);
            if (b.bytes() > 0) r.put("GB/s", b.bytes() / (ms * 1e-3) / 1e9);
            if (b.flops() > 0) r.put("TFLOP/s", b.flops() / (ms * 1e-3) / 1e12);
            return r;
        } finally {
            ctx.synchronize();
            held.forEach(DeviceBuffer::close);
            held.clear();
            ctx.allocator().releaseCached();   // the next case's shapes differ: give the memory back
        }
    }

    private Runnable work(Bench b) {
        Map<String, Object> s = b.shape();
        int i1 = s.containsKey("N") ? ((Number) s.get("N")).intValue() : 0;
        switch (b.op()) {
            case "gemm", "linear" -> {
                int M = (int) s.get("M"), Nn = (int) s.get("N"), K = (int) s.get("K");
                String dt = (String) s.get("dtype");
                boolean bf = dt.equals("bf16"), transB = b.op().equals("linear");
                long a = bf ? bf16((long) M * K) : random((long) M * K, 1), w = bf ? bf16((long) K * Nn) : random((long) K * Nn, 1);
                long c = zeros((long) M * Nn * (bf ? 2 : 4));
                int type = bf ? Cublas.R_16BF : Cublas.R_32F;
                int compute = dt.equals("tf32") ? Cublas.COMPUTE_32F_FAST_TF32 : Cublas.COMPUTE_32F;
                Cublas blas = ctx.cublas();
                return () -> blas.gemm(false, transB, M, Nn, K, 1f, a, w, 0f, c, type, type, compute);
            }
            case "rmsnorm_fwd" -> {
                int C = (int) s.get("C");
                long x = random((long) i1 * C, 2), w = random(C, 1), o = zeros(4L * i1 * C), r = zeros(4L * i1);
                return () -> ops.rmsNorm(o, r, x, w, i1, C, 1e-6f, org.r1j.cuda.Kernels.rowLanes(C));
            }
            case "rmsnorm_bwd" -> {
                int C = (int) s.get("C"), rows = 256;
                long x = random((long) i1 * C, 2), w = random(C, 1), d = random((long) i1 * C, 1), r = random(i1, 1);
                long dx = zeros(4L * i1 * C), dw = zeros(4L * C), part = zeros(4L * CudaOps.chunks(i1, rows) * C);
                return () -> ops.rmsNormBackward(dx, dw, d, x, w, r, i1, C, part, rows, org.r1j.cuda.Kernels.rowLanes(C));
            }
            case "swiglu" -> {
                long n = (long) i1 * (int) s.get("I");
                long g = random(n, 3), u = random(n, 1), h = zeros(4 * n), sg = zeros(4 * n);
                return () -> ops.swiGlu(h, sg, g, u, n);
            }
            case "swiglu_bwd" -> {
                long n = (long) i1 * (int) s.get("I");
                long g = random(n, 3), u = random(n, 1), sg = random(n, 0.5), dh = random(n, 1), dg = zeros(4 * n), du = zeros(4 * n);
                return () -> ops.swiGluBackward(dg, du, dh, g, u, sg, n);
            }
            case "rotary" -> {
                long rows = (int) s.get("rows");
                int hs = (int) s.get("hs");
                long x = random(rows * hs, 1), c = random(rows * hs, 1), sn = random(rows * hs, 1);
                return () -> ops.rotary(x, c, sn, rows, hs, 1, false);
            }
            case "causal_softmax" -> {
                int B = (int) s.get("B"), H = (int) s.get("H"), T = (int) s.get("T"), G = (int) s.get("G");
                long att = random((long) B * H * T * G * T, 4);
                return () -> ops.maskedSoftmax(att, 0, B, H, T * G, T, 1, G, 0, 0, org.r1j.cuda.Kernels.rowLanes(T));
            }
            case "logprob", "logprob_bwd" -> {
                int M = (int) s.get("M"), V = (int) s.get("V");
                long z = random((long) M * V, 8), probs = zeros(4L * M * V), lp = zeros(4L * M), ent = zeros(4L * M);
                int[] t = new int[M];
                for (int i = 0; i < M; i++) t[i] = rng.nextInt(V);
                long tg = keep(ctx.upload(t));
                if (b.op().equals("logprob")) return () -> ops.logProbs(probs, lp, ent, z, tg, M, V, 1f, 1024);
                long dlp = random(M, 1);
                return () -> ops.logProbsBackward(z, dlp, probs, tg, M, V, 1f);
            }
            case "adamw" -> {
                long n = ((Number) s.get("n")).longValue();
                long w = random(n, 1), g = random(n, 0.01), m = zeros(4 * n), v = zeros(4 * n);
                var sc = new CudaOps.AdamWScalars(1f - 3e-5f, 0.9f, 0.1f, 0.999f, 0.001f, -3e-3f, 31.6f, 1e-8f);
                return () -> ops.adamW(w, g, m, v, n, sc);
            }
            case "sumsq" -> {
                long n = ((Number) s.get("n")).longValue();
                long x = random(n, 1), o = zeros(8), part = zeros(8L * 1024);
                return () -> ops.sum(o, part, x, n, true, 1024, 256, false);
            }
            case "gather", "scatter_add" -> {
                int C = (int) s.get("C"), V = (int) s.get("V");
                int[] rows = new int[i1];
                for (int i = 0; i < i1; i++) rows[i] = rng.nextInt(V);
                long table = random((long) V * C, 1), out = zeros(4L * i1 * C), ids = keep(ctx.upload(rows));
                if (b.op().equals("gather")) return () -> ops.gather(out, ids, table, i1, C);
                CsrRows csr = CsrRows.of(rows, V);
                long u = keep(ctx.upload(csr.uniq())), st = keep(ctx.upload(csr.starts())), ord = keep(ctx.upload(csr.order()));
                return () -> ops.scatterAdd(table, out, u, st, ord, csr.distinct(), C);
            }
            case "sample" -> {
                int rows = (int) s.get("rows"), V = (int) s.get("V");
                double T = ((Number) s.get("temperature")).doubleValue(), P = ((Number) s.get("topP")).doubleValue();
                long z = random((long) rows * V, 8), tok = zeros(4L * rows), lp = zeros(4L * rows), work = zeros(8L * rows * V);
                double[] u = new double[rows];
                for (int i = 0; i < rows; i++) u[i] = rng.nextDouble();
                long ud = keep(ctx.upload(u));
                return () -> ops.sample(tok, lp, work, z, ud, rows, V, T, P, 0, (int) s.get("topK"), 1024);
            }
            default -> throw new IllegalArgumentException("no benchmark for " + b.op());
        }
    }
}

package org.r1j.cuda.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r1j.cuda.CudaContext;
import org.r1j.cuda.CudaOps;
import org.r1j.cuda.memory.DeviceBuffer;

/**
 * Runs one golden {@link CaseDir} on the GPU through {@link CudaOps} — the same steps host_check.cpp takes on the
 * host, with the case's lanes — and returns every output the reference wrote, widened to doubles.
 */
final class DeviceCases {
    private final CudaContext ctx;
    private final CudaOps ops;
    private final List<DeviceBuffer> buffers = new ArrayList<>();

    DeviceCases(CudaContext ctx) {
        this.ctx = ctx;
        this.ops = new CudaOps(ctx.kernels());
    }

    private long f32(CaseDir c, String name) { return keep(ctx.upload(CaseDir.f32(c.input(name)))).pointer(); }
    private long i32(CaseDir c, String name) { return keep(ctx.upload(CaseDir.i32(c.input(name)))).pointer(); }
    private long optional(CaseDir c, String name) { return c.hasInput(name) ? f32(c, name) : 0; }

    private long zeros(long bytes) {
        DeviceBuffer b = keep(ctx.allocate(Math.max(bytes, 8)));
        ctx.zero(b);
        return b.pointer();
    }

    private DeviceBuffer keep(DeviceBuffer b) {
        buffers.add(b);
        return b;
    }

    private DeviceBuffer find(long ptr) {
        for (DeviceBuffer b : buffers) if (b.pointer() == ptr) return b;
        throw new IllegalStateException("no buffer at " + ptr);
    }

    private double[] floats(long ptr, long n) { return Tolerance.widen(ctx.downloadFloats(find(ptr), (int) n)); }
    private double[] ints(long ptr, long n) { return Tolerance.widen(ctx.downloadInts(find(ptr), (int) n)); }

    Map<String, double[]> run(CaseDir c) {
        try {
            return dispatch(c);
        } finally {
            buffers.forEach(DeviceBuffer::close);
            buffers.clear();
        }
    }

    private Map<String, double[]> dispatch(CaseDir c) {
        Map<String, double[]> out = new LinkedHashMap<>();
        switch (c.op()) {
            case "rmsnorm_fwd" -> {
                int N = c.i("N"), C = c.i("C");
                long o = zeros(4L * N * C), r = zeros(4L * N);
                ops.rmsNorm(o, r, f32(c, "inp"), f32(c, "w"), N, C, c.f("eps"), c.i("lanes"));
                out.put("out", floats(o, (long) N * C));
                out.put("rstd", floats(r, N));
            }
            case "rmsnorm_bwd" -> {
                int N = c.i("N"), C = c.i("C"), rows = c.i("rows");
                long dinp = f32(c, "dinp"), dw = f32(c, "dw"), part = zeros(4L * CudaOps.chunks(N, rows) * C);
                ops.rmsNormBackward(dinp, dw, f32(c, "dout"), f32(c, "inp"), f32(c, "w"), f32(c, "rstd"), N, C, part, rows, c.i("lanes"));
                out.put("dinp", floats(dinp, (long) N * C));
                out.put("dw", floats(dw, C));
            }
            case "column_sums" -> {
                int N = c.i("N"), C = c.i("C"), rows = c.i("rows");
                long dst = f32(c, "dst");
                ops.columnSums(dst, f32(c, "a"), N, C, zeros(4L * CudaOps.chunks(N, rows) * C), rows);
                out.put("dst", floats(dst, C));
            }
            case "rotary" -> {
                long rows = c.l("rows");
                int hs = c.i("hs");
                long x = f32(c, "x");
                ops.rotary(x, f32(c, "cos"), f32(c, "sin"), rows, hs, c.i("rep"), c.i("transposed") == 1);
                out.put("x", floats(x, rows * hs));
            }
            case "masked_softmax" -> {
                int B = c.i("B"), H = c.i("H"), R = c.i("R"), S = c.i("S");
                long att = f32(c, "att");
                long mask = c.i("hasMask") == 1 ? f32(c, "mask") : 0, start = c.i("hasStart") == 1 ? i32(c, "start") : 0;
                ops.maskedSoftmax(att, mask, B, H, R, S, c.i("MB"), c.i("G"), c.i("q0"), start, c.i("lanes"));
                out.put("att", floats(att, (long) B * H * R * S));
            }
            case "row_dot" -> {
                int rows = c.i("rows");
                long o = zeros(4L * rows);
                ops.rowDot(o, f32(c, "a"), f32(c, "b"), rows, c.i("W"), c.i("lanes"));
                out.put("out", floats(o, rows));
            }
            case "softmax_bwd" -> {
                long rows = c.l("rows");
                int S = c.i("S");
                long datt = f32(c, "datt");
                ops.softmaxBackward(datt, f32(c, "att"), f32(c, "rowDot"), rows, S);
                out.put("datt", floats(datt, rows * S));
            }
            case "swiglu" -> {
                long n = c.l("n"), h = zeros(4 * n), sig = zeros(4 * n);
                ops.swiGlu(h, sig, f32(c, "gate"), f32(c, "up"), n);
                out.put("h", floats(h, n));
                out.put("sig", floats(sig, n));
            }
            case "swiglu_bwd" -> {
                long n = c.l("n"), dg = zeros(4 * n), du = zeros(4 * n);
                ops.swiGluBackward(dg, du, f32(c, "dh"), f32(c, "gate"), f32(c, "up"), f32(c, "sig"), n);
                out.put("dgate", floats(dg, n));
                out.put("dup", floats(du, n));
            }
            case "gather" -> {
                int N = c.i("N"), C = c.i("C");
                long o = zeros(4L * N * C);
                ops.gather(o, i32(c, "rows"), f32(c, "table"), N, C);
                out.put("out", floats(o, (long) N * C));
            }
            case "scatter_add" -> {
                int C = c.i("C"), V = c.i("V");
                long t = f32(c, "table");
                ops.scatterAdd(t, f32(c, "values"), i32(c, "uniq"), i32(c, "starts"), i32(c, "order"), c.i("U"), C);
                out.put("table", floats(t, (long) V * C));
            }
            case "logprob" -> {
                int M = c.i("M"), V = c.i("V");
                long probs = zeros(4L * M * V), lp = zeros(4L * M), ent = zeros(4L * M);
                ops.logProbs(probs, lp, ent, f32(c, "logits"), i32(c, "targets"), M, V, c.f("invT"), c.i("lanes"));
                out.put("probs", floats(probs, (long) M * V));
                out.put("logp", floats(lp, M));
                out.put("entropy", floats(ent, M));
            }
            case "logprob_bwd" -> {
                int M = c.i("M"), V = c.i("V");
                long dl = zeros(4L * M * V);
                ops.logProbsBackward(dl, f32(c, "dlogp"), f32(c, "probs"), i32(c, "targets"), M, V, c.f("invT"));
                out.put("dlogits", floats(dl, (long) M * V));
            }
            case "copy_strided" -> {
                long[] shape = new long[6], d = new long[6], s = new long[6];
                for (int k = 0; k < 6; k++) {
                    shape[k] = c.i("n" + k);
                    d[k] = c.i("d" + k);
                    s[k] = c.i("s" + k);
                }
                long dst = zeros(4L * c.i("dstLength"));
                ops.copyStrided(dst + 4L * c.i("dstOffset"), f32(c, "src") + 4L * c.i("srcOffset"), shape, d, s);
                out.put("dst", floats(dst, c.i("dstLength")));
            }
            case "entropy_bwd" -> {
                int M = c.i("M"), V = c.i("V");
                long dl = f32(c, "dlogits");
                ops.entropyBackward(dl, f32(c, "probs"), f32(c, "h"), f32(c, "coef"), M, V);
                out.put("dlogits", floats(dl, (long) M * V));
            }
            case "grpo_token" -> {
                int B = c.i("B"), T = c.i("T");
                long n = (long) B * T;
                long loss = zeros(4 * n), dl = zeros(4 * n), kl = zeros(4 * n), flags = zeros(4 * n);
                float[] mask = CaseDir.f32(c.input("mask"));
                CudaOps.GrpoTerms o = new CudaOps.GrpoTerms(c.i("lossKind"), c.i("kl"), c.i("hasDelta") == 1, c.d("epsLow"),
                        c.d("epsHigh"), c.d("delta"), c.d("beta"), c.d("tauPos"), c.d("tauNeg"));
                ops.grpoToken(loss, dl, kl, flags, f32(c, "logp"), optional(c, "old"), optional(c, "ref"), f32(c, "adv"),
                        f32(c, "mask"), f32(c, "rowWeight"), optional(c, "isw"), optional(c, "emask"), B, T, o);
                double[] l = floats(loss, n), k = floats(kl, n), f = ints(flags, n);
                double ls = 0, ks = 0, low = 0, high = 0;
                for (int j = 0; j < n; j++) {   // summed in token order, as host_check.cpp does
                    ls += (float) l[j];
                    ks += (float) k[j];
                    if (((int) f[j] & 1) != 0) low += mask[j];
                    if (((int) f[j] & 2) != 0) high += mask[j];
                }
                out.put("dlogp", floats(dl, n));
                out.put("flags", f);
                out.put("lossSum", new double[] {ls});
                out.put("klSum", new double[] {ks});
                out.put("lowCount", new double[] {low});
                out.put("highCount", new double[] {high});
            }
            case "adamw" -> {
                long n = c.l("n");
                long w = f32(c, "w"), m = f32(c, "m"), v = f32(c, "v");
                ops.adamW(w, f32(c, "g"), m, v, n, new CudaOps.AdamWScalars(c.f("keep"), c.f("b1"), c.f("c1"), c.f("b2"), c.f("c2"),
                        c.f("step"), c.f("vScale"), c.f("eps")));
                out.put("w", floats(w, n));
                out.put("m", floats(m, n));
                out.put("v", floats(v, n));
            }
            case "sum" -> {
                long n = c.l("n");
                int blocks = c.i("blocks");
                long o = zeros(8), part = zeros(8L * blocks);
                ops.sum(o, part, f32(c, "x"), n, c.i("squares") == 1, blocks, c.i("lanes"), false);
                out.put("out", ctx.downloadDoubles(find(o), 1));
            }
            case "sample" -> {
                int rows = c.i("rows"), V = c.i("V");
                long tok = zeros(4L * rows), lp = zeros(4L * rows), work = zeros(8L * rows * V);
                long u = keep(ctx.upload(CaseDir.f64(c.input("u")))).pointer();
                ops.sample(tok, lp, work, f32(c, "logits"), u, rows, V, c.d("temperature"), c.d("topP"), c.d("minP"), c.i("topK"), c.i("lanes"));
                out.put("token", ints(tok, rows));
                out.put("logp", floats(lp, rows));
            }
            case "cast_f32_bf16" -> {
                long n = c.l("n"), o = zeros(2 * n);
                ops.castToBf16(o, f32(c, "x"), n);
                short[] s = ctx.downloadShorts(find(o), (int) n);
                double[] d = new double[s.length];
                for (int i = 0; i < s.length; i++) d[i] = s[i] & 0xffff;
                out.put("out", d);
            }
            case "cast_bf16_f32" -> {
                long n = c.l("n"), o = zeros(4 * n);
                long in = keep(ctx.upload(CaseDir.u16(c.input("x")))).pointer();
                ops.castToF32(o, in, n);
                out.put("out", ints(o, n));   // raw bits, as the reference wrote them
            }
            case "add_bias" -> {
                int N = c.i("N"), C = c.i("C");
                long o = f32(c, "out");
                ops.addBias(o, f32(c, "b"), N, C);
                out.put("out", floats(o, (long) N * C));
            }
            default -> throw new IllegalArgumentException(c.dir() + ": no device runner for op " + c.op());
        }
        return out;
    }
}

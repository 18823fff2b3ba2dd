package org.r1j.cuda.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.AdamWStep;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Tensor;
import org.r1j.model.backend.TensorContract;
import org.r1j.model.backend.nd4j.Nd4jBackend;
import org.r1j.model.layers.Rotary;
import org.r1j.model.sample.SamplingParams;
import org.r1j.model.sample.TokenChooser;

/**
 * The CUDA backend end to end on the host stand-in for libcuda/libcublas (src/test/cuda/fake_cuda.cpp, which runs
 * the kernels' host build and does GEMMs as column-major loops): found through {@code Backends.select("cuda")},
 * trainer's TensorContractTest checks on device tensors, and every implemented op against the nd4j backend in f64.
 * This exercises the FFM glue, argument packing, strided views, temporaries and the row-major GEMM mapping;
 * it proves nothing about GPU code generation. Runs in its own surefire execution ("fake-device"), whose
 * R1J_CUDA_LIBRARY_PATH names the stand-in.
 */
class CudaBackendTest {
    private static final Backend REF = Nd4jBackend.INSTANCE;
    private static final DataType F = DataType.FLOAT, D = DataType.DOUBLE;
    private static CudaBackend cu;
    private final Random rnd = new Random(12);

    @BeforeAll
    static void openOnTheStandIn() throws Exception {
        cu = FakeDevice.backend();
    }

    private float[] normal(int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (rnd.nextGaussian() * scale);
        return v;
    }

    private static Tensor dev(float[] v, long... shape) { return cu.fromHost(F, v, shape); }

    private static Tensor ref(float[] v, long... shape) { return REF.fromHost(D, v, shape); }

    /** Every element within 2e-5 of the f64 reference, scaled by the reference's largest magnitude (at least 1). */
    private static void close(String what, Tensor want, Tensor got) {
        assertArrayEquals(want.shape(), got.shape(), what + ": shape");
        double[] w = want.toDoubles(), g = got.toDoubles();
        double scale = 1;
        for (double x : w) scale = Math.max(scale, Math.abs(x));
        for (int i = 0; i < w.length; i++)
            assertEquals(w[i], g[i], 2e-5 * scale, what + "[" + i + "]");
    }

    // ---- trainer's TensorContractTest, on device tensors ----

    // ---- the seam's memory contract (trainer's TensorContract, as every CPU backend runs it), plus the device's own ----

    @Test
    void hostCopiesRoundTrip() {
        TensorContract.hostCopiesRoundTrip(cu, F);
        Tensor longs = cu.fromHost(new long[] {5L, 6L}, 2);
        assertArrayEquals(new int[] {5, 6}, longs.toInts());
        assertFalse(cu.supports(D));
        assertThrows(IllegalArgumentException.class, () -> cu.alloc(D, 2));
    }

    @Test
    void viewsShareMemoryAndOpsWriteThroughThem() {
        TensorContract.viewsShareMemoryAndOpsWriteThroughThem(cu, F);
        Tensor m = cu.fromHost(F, new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> m.view(5, new long[] {2}, new long[] {1}), "past the buffer's end");
    }

    @Test
    void closingViewsNeverFreesTheOwner() {
        TensorContract.closingViewsNeverFreesTheOwner(cu, F);
    }

    @Test
    void elementWiseHelpers() {
        TensorContract.elementWiseHelpers(cu, F);
    }

    // ---- ops against nd4j f64 ----

    @Test
    void gemmInEveryTransposeAndIntoAStridedOutput() {
        int M = 5, N = 7, K = 3;
        for (boolean ta : new boolean[] {false, true}) for (boolean tb : new boolean[] {false, true}) {
            long[] as = ta ? new long[] {K, M} : new long[] {M, K}, bs = tb ? new long[] {N, K} : new long[] {K, N};
            float[] a = normal(M * K, 1), b = normal(K * N, 1), c = normal(M * (N + 3), 1);
            Tensor wantC = REF.zeros(D, M, N), gotC = dev(c, M, N + 3).slice(1, 1, N + 1);   // strided c here (nd4j takes dense)
            REF.copy(wantC, ref(c, M, N + 3).slice(1, 1, N + 1));
            REF.gemm(ref(a, as), ref(b, bs), wantC, ta, tb, 0.5, 0.25);
            cu.gemm(dev(a, as), dev(b, bs), gotC, ta, tb, 0.5, 0.25);
            close("gemm ta=" + ta + " tb=" + tb, wantC, gotC);
            assertEquals(c[0], gotC.view(-1, new long[] {1}, new long[] {1}).toFloats()[0], "column 0 untouched");
            // a as a column-major view (the transpose of a dense matrix: no copy), b as a column slice (copied)
            float[] bw = normal((int) bs[0] * ((int) bs[1] + 2), 1);
            Tensor wc = REF.zeros(D, M, N), gc = cu.zeros(F, M, N);
            REF.gemm(ref(a, as[1], as[0]).permute(1, 0), ref(bw, bs[0], bs[1] + 2).slice(1, 2, bs[1] + 2), wc, ta, tb, 1, 0);
            cu.gemm(dev(a, as[1], as[0]).permute(1, 0), dev(bw, bs[0], bs[1] + 2).slice(1, 2, bs[1] + 2), gc, ta, tb, 1, 0);
            close("gemm on views ta=" + ta + " tb=" + tb, wc, gc);
        }
    }

    /** R1J_CUDA_DTYPE=bf16: GEMM operands rounded to bf16, products summed in f32: close to f64, and not f32's result. */
    @Test
    void bf16GemmsRoundTheOperandsAndAccumulateInF32() {
        CudaBackend bf = new CudaBackend(cu.context(), GemmPrecision.BF16);   // shares the context: never closed here
        int m = 24, k = 96, n = 16;
        float[] a = normal(m * k, 1), b = normal(n * k, 1);
        Tensor want = REF.zeros(D, m, n), f32 = cu.zeros(F, m, n), got = bf.zeros(F, m, n);
        REF.gemm(ref(a, m, k), ref(b, n, k), want, false, true, 1, 0);
        cu.gemm(dev(a, m, k), dev(b, n, k), f32, false, true, 1, 0);
        Tensor ba = bf.fromHost(F, a, m, k), bb = bf.fromHost(F, b, n, k);
        bf.gemm(ba, bb, got, false, true, 1, 0);
        double[] w = want.toDoubles();
        float[] g = got.toFloats(), f = f32.toFloats();
        double worst = 0, fromF32 = 0;
        for (int i = 0; i < w.length; i++) {
            worst = Math.max(worst, Math.abs(g[i] - w[i]));
            fromF32 = Math.max(fromF32, Math.abs(g[i] - f[i]));
        }
        // each bf16 operand is within 2^-9 relative; |sum| of 96 unit products ~ 10, so errors ~ sqrt(96) * 2^-8 ~ 0.04
        assertTrue(worst < 0.15, "bf16 GEMM off by " + worst);
        assertTrue(fromF32 > 1e-3, "bf16 GEMM equals f32's to " + fromF32 + ": were the operands cast?");
        assertEquals(GemmPrecision.BF16, GemmPrecision.parse(" bf16 "));
        var e = assertThrows(IllegalArgumentException.class, () -> GemmPrecision.parse("fp8"));
        assertEquals("R1J_CUDA_DTYPE: unknown 'fp8'; use f32, tf32 or bf16", e.getMessage());
        for (Tensor t : new Tensor[] {want, f32, got, ba, bb}) t.close();
    }

    @Test
    void batchedMatmulOnCausalChunksAndCacheSlices() {
        int B = 2, KVH = 3, R = 4, S = 5, hs = 6, SMAX = 7;
        float[] q = normal(B * KVH * R * hs, 1), k = normal(B * KVH * SMAX * hs, 1), att = normal(B * KVH * 2 * R * S, 1);
        // scores (B, KVH, R, S) = q k^T over the cache's first S slots, into rows [R, 2R) of a (.., 2R, S) matrix, beta 1
        Tensor wAtt = REF.zeros(D, B, KVH, R, S), gAttAll = dev(att, B, KVH, 2 * R, S);
        REF.copy(wAtt, ref(att, B, KVH, 2 * R, S).slice(2, R, 2 * R));
        REF.batchedMatmul(ref(q, B, KVH, R, hs), ref(k, B, KVH, SMAX, hs).slice(2, 0, S), wAtt, false, true, 1);
        cu.batchedMatmul(dev(q, B, KVH, R, hs), dev(k, B, KVH, SMAX, hs).slice(2, 0, S), gAttAll.slice(2, R, 2 * R), false, true, 1);
        close("batchedMatmul (one strided-batched GEMM)", wAtt, gAttAll.slice(2, R, 2 * R));
        close("rows outside the chunk untouched", ref(att, B, KVH, 2 * R, S).slice(2, 0, R), gAttAll.slice(2, 0, R));
        // y (B, KVH, R, hs) = att v into a column chunk of a wider output: does not fold, one GEMM per (b, kvh)
        float[] v = normal(B * KVH * S * hs, 1), y = normal(B * KVH * R * 2 * hs, 1);
        Tensor wy = REF.zeros(D, B, KVH, R, hs), gyAll = dev(y, B, KVH, R, 2 * hs);
        REF.batchedMatmul(wAtt, ref(v, B, KVH, S, hs), wy, false, false, 0);
        cu.batchedMatmul(gAttAll.slice(2, R, 2 * R), dev(v, B, KVH, S, hs), gyAll.slice(3, hs, 2 * hs), false, false, 0);
        close("batchedMatmul (per-matrix fallback)", wy, gyAll.slice(3, hs, 2 * hs));
    }

    @Test
    void linearForwardAndBackward() {
        int N = 6, IC = 5, OC = 4;
        float[] x = normal(N * IC, 1), w = normal(OC * IC, 0.5), b = normal(OC, 1), dout = normal(N * OC, 1);
        float[] dinp0 = normal(N * IC, 1), dw0 = normal(OC * IC, 1), db0 = normal(OC, 1);
        Tensor wo = REF.zeros(D, N, OC), go = cu.zeros(F, N, OC);
        REF.linear(wo, ref(x, N, IC), ref(w, OC, IC), ref(b, OC));
        cu.linear(go, dev(x, N, IC), dev(w, OC, IC), dev(b, OC));
        close("linear", wo, go);
        Tensor[] want = {ref(dinp0, N, IC), ref(dw0, OC, IC), ref(db0, OC)}, got = {dev(dinp0, N, IC), dev(dw0, OC, IC), dev(db0, OC)};
        REF.linearBackward(want[0], want[1], want[2], ref(dout, N, OC), ref(x, N, IC), ref(w, OC, IC), true, null);
        cu.linearBackward(got[0], got[1], got[2], dev(dout, N, OC), dev(x, N, IC), dev(w, OC, IC), true, null);
        for (int i = 0; i < 3; i++) close("linearBackward " + new String[] {"dinp", "dw", "db"}[i], want[i], got[i]);
    }

    @Test
    void gatherAndScatterAddWithRepeats() {
        int V = 9, C = 5;
        int[] rows = {3, 0, 3, 8, 3, 1, 0};
        float[] table = normal(V * C, 1), values = normal(rows.length * C, 1);
        Tensor wo = REF.zeros(D, rows.length, C), go = cu.zeros(F, rows.length, C);
        REF.gather(wo, REF.fromHost(rows, rows.length), ref(table, V, C));
        cu.gather(go, cu.fromHost(rows, rows.length), dev(table, V, C));
        close("gather", wo, go);
        Tensor wt = ref(table, V, C), gt = dev(table, V, C);
        REF.scatterAdd(wt, REF.fromHost(rows, rows.length), ref(values, rows.length, C));
        cu.scatterAdd(gt, cu.fromHost(rows, rows.length), dev(values, rows.length, C));
        close("scatterAdd", wt, gt);
    }

    @Test
    void rmsNormForwardAndBackward() {
        int N = 4, C = 48;
        float[] x = normal(N * C, 2), w = normal(C, 1), dout = normal(N * C, 1), dinp0 = normal(N * C, 1), dw0 = normal(C, 1);
        Tensor wo = REF.zeros(D, N, C), wr = REF.zeros(D, N, 1), go = cu.zeros(F, N, C), gr = cu.zeros(F, N, 1);
        REF.rmsNorm(wo, wr, ref(x, N, C), ref(w, C), 1e-6);
        cu.rmsNorm(go, gr, dev(x, N, C), dev(w, C), 1e-6);
        close("rmsNorm out", wo, go);
        close("rmsNorm rstd", wr, gr);
        Tensor wdi = ref(dinp0, N, C), wdw = ref(dw0, C), gdi = dev(dinp0, N, C), gdw = dev(dw0, C);
        REF.rmsNormBackward(wdi, wdw, ref(dout, N, C), ref(x, N, C), ref(w, C), wr, null, null);
        cu.rmsNormBackward(gdi, gdw, dev(dout, N, C), dev(x, N, C), dev(w, C), gr, null, null);
        close("rmsNormBackward dinp", wdi, gdi);
        close("rmsNormBackward dw", wdw, gdw);
    }

    @Test
    void swiGluOnTheHalvesOfAFusedProjection() {
        int N = 3, I = 10;
        float[] fused = normal(N * 2 * I, 2), dh = normal(N * I, 1);
        Tensor rf = ref(fused, N, 2 * I), df = dev(fused, N, 2 * I);
        Tensor wh = REF.zeros(D, N, I), ws = REF.zeros(D, N, I), gh = cu.zeros(F, N, I), gs = cu.zeros(F, N, I);
        REF.swiGlu(wh, ws, rf.slice(1, 0, I), rf.slice(1, I, 2 * I));
        cu.swiGlu(gh, gs, df.slice(1, 0, I), df.slice(1, I, 2 * I));   // strided inputs: copied to dense temporaries
        close("swiGlu h", wh, gh);
        close("swiGlu sig", ws, gs);
        Tensor wdg = REF.zeros(D, N, I), wdu = REF.zeros(D, N, I), gdg = cu.zeros(F, N, I), gdu = cu.zeros(F, N, I);
        REF.swiGluBackward(wdg, wdu, ref(dh, N, I), rf.slice(1, 0, I), rf.slice(1, I, 2 * I), ws);
        cu.swiGluBackward(gdg, gdu, dev(dh, N, I), df.slice(1, 0, I), df.slice(1, I, 2 * I), gs);
        close("swiGluBackward dgate", wdg, gdg);
        close("swiGluBackward dup", wdu, gdu);
    }

    @Test
    void rotaryWithHeadAndPositionTables() {
        int N = 3, H = 2, hs = 8;
        Rotary rope = new Rotary(4, hs, 10000, D, REF);
        for (boolean perPosition : new boolean[] {false, true}) for (boolean backward : new boolean[] {false, true}) {
            long[] ts = perPosition ? new long[] {N, 1, hs} : new long[] {N, H, hs};
            int tn = (int) (ts[0] * ts[1] * ts[2]);
            float[] x = normal(N * H * hs, 1), cos = normal(tn, 1), sin = normal(tn, 1);
            Tensor wx = ref(x, N, H, hs), gx = dev(x, N, H, hs);
            if (backward) {
                REF.rotaryBackward(rope, wx, ref(cos, ts), ref(sin, ts), null);
                cu.rotaryBackward(null, gx, dev(cos, ts), dev(sin, ts), null);
            } else {
                REF.rotary(rope, wx, ref(cos, ts), ref(sin, ts), null);
                cu.rotary(null, gx, dev(cos, ts), dev(sin, ts), null);
            }
            close("rotary perPosition=" + perPosition + " backward=" + backward, wx, gx);
        }
    }

    @Test
    void maskedSoftmaxWithPerRowAndSharedMasksSlicedFromALargerOne() {
        int B = 2, H = 3, R = 4, S = 6;
        for (int MB : new int[] {1, B}) {
            float[] big = new float[MB * 6 * S];
            for (int b = 0; b < MB; b++) for (int r = 0; r < 6; r++) for (int s = 0; s < S; s++)
                big[(b * 6 + r) * S + s] = s <= r + b ? 0 : Float.NEGATIVE_INFINITY;
            float[] att = normal(B * H * R * S, 2);
            Tensor wa = ref(att, B, H, R, S), ga = dev(att, B, H, R, S);
            REF.maskedSoftmax(wa, ref(big, MB, 1, 6, S).slice(2, 1, 1 + R));
            cu.maskedSoftmax(ga, dev(big, MB, 1, 6, S).slice(2, 1, 1 + R));
            close("maskedSoftmax MB=" + MB, wa, ga);
        }
    }

    @Test
    void logProbHeadForwardAndBackward() {
        int M = 5, V = 37;
        double T = 0.7;
        float[] logits = normal(M * V, 3), dlogp = normal(M, 1);
        long[] flat = new long[M];
        for (int m = 0; m < M; m++) flat[m] = (long) m * V + rnd.nextInt(V);
        Tensor wp = REF.zeros(D, M, V), gp = cu.zeros(F, M, V);
        Tensor[] want = REF.logProbHead(wp, ref(logits, M, V), REF.fromHost(flat, M), T);
        Tensor[] got = cu.logProbHead(gp, dev(logits, M, V), cu.fromHost(flat, M), T);
        close("logProbHead probs", wp, gp);
        close("logProbHead logp", want[0], got[0]);
        close("logProbHead entropy", want[1], got[1]);
        Tensor wd = REF.zeros(D, M, V), gd = cu.zeros(F, M, V);
        REF.logProbHeadBackward(wd, ref(dlogp, M), wp, REF.fromHost(flat, M), T);
        cu.logProbHeadBackward(gd, dev(dlogp, M), gp, cu.fromHost(flat, M), T);
        close("logProbHeadBackward", wd, gd);
        float[] coef = normal(M, 1);
        REF.entropyBackward(wd, wp, want[1], ref(coef, M));
        cu.entropyBackward(gd, gp, got[1], dev(coef, M));
        close("entropyBackward (added to the log-prob gradient)", wd, gd);
    }

    @Test
    void indexTensorsMadeOnTheHostAreNotReadBackAndAWriteForgetsThem() {
        int M = 4, V = 11, C = 3;
        long[] flat = new long[M];
        int[] ids = {2, 0, 2, 5};
        for (int m = 0; m < M; m++) flat[m] = (long) m * V + ids[m];
        Tensor targets = cu.fromHost(flat, M), rows = cu.fromHost(ids, M);
        Tensor probs = cu.zeros(F, M, V), dl = cu.zeros(F, M, V), table = cu.zeros(F, 6, C);
        float[] values = normal(M * C, 1);
        long before = cu.downloads();
        Tensor[] lp = cu.logProbHead(probs, dev(normal(M * V, 1), M, V), targets, 1.0);
        cu.logProbHeadBackward(dl, dev(normal(M, 1), M), probs, targets, 1.0);
        cu.scatterAdd(table, rows, dev(values, M, C));
        assertEquals(before, cu.downloads(), "ids and targets came from the host: nothing read back");
        Tensor wt = REF.zeros(D, 6, C);
        REF.scatterAdd(wt, REF.fromHost(ids, M), ref(values, M, C));
        close("scatterAdd with host-known rows", wt, table);
        // a device write into the rows makes the host's copy stale: the next grouping reads them back
        int[] moved = {1, 1, 3, 4};
        cu.copy(rows, cu.fromHost(moved, M));
        Tensor t2 = cu.zeros(F, 6, C), w2 = REF.zeros(D, 6, C);
        cu.scatterAdd(t2, rows, dev(values, M, C));
        REF.scatterAdd(w2, REF.fromHost(moved, M), ref(values, M, C));
        close("scatterAdd after a write into the rows", w2, t2);
        for (Tensor t : lp) t.close();
    }

    /** One worker's loop: allocate, upload, GEMM, read back and check, free; the first failure, or null. */
    private static Throwable gemmLoop(int seed, int rounds) {
        try {
            Random r = new Random(seed);
            for (int i = 0; i < rounds; i++) {
                int m = 3 + r.nextInt(5), k = 2 + r.nextInt(6), n = 1 + r.nextInt(4);
                float[] a = new float[m * k], b = new float[k * n];
                for (int j = 0; j < a.length; j++) a[j] = (float) r.nextGaussian();
                for (int j = 0; j < b.length; j++) b[j] = (float) r.nextGaussian();
                try (Tensor da = dev(a, m, k); Tensor db = dev(b, k, n); Tensor dc = cu.zeros(F, m, n)) {
                    cu.gemm(da, db, dc, false, false, 1.0, 0.0);
                    float[] got = dc.toFloats();
                    for (int x = 0; x < m; x++)
                        for (int y = 0; y < n; y++) {
                            double want = 0;
                            for (int p = 0; p < k; p++) want += (double) a[x * k + p] * b[p * n + y];
                            assertEquals(want, got[x * n + y], 1e-4 * Math.max(1, Math.abs(want)), "round " + i + " c[" + x + "," + y + "]");
                        }
                }
            }
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /**
     * Any thread may use the backend (a notebook's background job, a sweep's runs): a thread that did not open the
     * context works on it (the stand-in fails calls from a thread that never made the context current, as the driver
     * does), a tensor made on one thread is freed on another, and two threads at once share the device and its
     * allocator with every result right and every byte given back.
     */
    @Test
    void anyThreadMayUseTheBackendAndTwoAtOnceShareIt() throws Exception {
        long live = cu.context().allocator().liveBytes();
        Tensor mine = cu.zeros(F, 2);
        Throwable[] thrown = new Throwable[3];
        Thread other = new Thread(() -> {
            thrown[0] = gemmLoop(1, 5);
            try {
                mine.close();   // made on the test's thread, given back from this one
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "r1j-job-x");
        other.start();
        other.join();
        if (thrown[0] != null) throw new AssertionError("on a second thread", thrown[0]);
        Thread[] two = {new Thread(() -> thrown[1] = gemmLoop(2, 200), "w1"), new Thread(() -> thrown[2] = gemmLoop(3, 200), "w2")};
        for (Thread t : two) t.start();
        for (Thread t : two) t.join();
        for (int i = 1; i < 3; i++) if (thrown[i] != null) throw new AssertionError("worker " + i, thrown[i]);
        assertEquals(live, cu.context().allocator().liveBytes(), "every buffer of every thread given back");
    }

    @Test
    void rowDotAndSoftmaxBackward() {
        int rows = 6, S = 9;
        float[] a = normal(rows * S, 1), b = normal(rows * S, 1);
        Tensor want = REF.rowDot(ref(a, 2, 3, S), ref(b, 2, 3, S), REF.zeros(D, 2, 3, S));
        Tensor got = cu.rowDot(dev(a, 2, 3, S), dev(b, 2, 3, S), cu.zeros(F, 2, 3, S));
        close("rowDot", want, got);
        Tensor wd = ref(a, 2, 3, S), gd = dev(a, 2, 3, S);
        REF.softmaxBackward(wd, ref(b, 2, 3, S), want);
        cu.softmaxBackward(gd, dev(b, 2, 3, S), got);
        close("softmaxBackward", wd, gd);
    }

    @Test
    void copyBetweenPermutedViews() {
        float[] x = normal(2 * 3 * 4, 1);
        Tensor wd = REF.zeros(D, 4, 3, 2), gd = cu.zeros(F, 4, 3, 2);
        REF.copy(wd, ref(x, 2, 3, 4).permute(2, 1, 0));
        cu.copy(gd, dev(x, 2, 3, 4).permute(2, 1, 0));
        close("copy from a permuted view", wd, gd);
        Tensor wb = REF.zeros(D, 2, 3, 4), gb = cu.zeros(F, 2, 3, 4);
        REF.copy(wb.permute(1, 0, 2), ref(x, 3, 2, 4));
        cu.copy(gb.permute(1, 0, 2), dev(x, 3, 2, 4));
        close("copy into a permuted view", wb, gb);
        // rank 7 with no axes to merge: past the strided-copy kernel's 6 axes, one driver copy per run instead
        float[] y = normal(128, 1);
        long[] seven = {2, 2, 2, 2, 2, 2, 2};
        Tensor w7 = REF.zeros(D, seven), g7 = cu.zeros(F, seven);
        REF.copy(w7, ref(y, seven).permute(6, 5, 4, 3, 2, 1, 0));
        cu.copy(g7, dev(y, seven).permute(6, 5, 4, 3, 2, 1, 0));
        close("copy of a rank-7 transpose", w7, g7);
    }

    /** Device sampling against the seam's host reference (TokenChooser per row): the same draws pick the same tokens. */
    @Test
    void chooseTokensOnTheDeviceAsTokenChooserDoes() {
        int b = 6, v = 300;
        float[] x = normal(b * v, 3);
        x[2 * v + 7] = x[2 * v + 8] = 9f;                                    // a tie at the top of row 2
        Tensor ref = REF.fromHost(F, x, b, v), dev = dev(x, b, v);
        var fixed = List.of(SamplingParams.greedy(4), new SamplingParams(1, 1, 0, 4, List.of(), 0),
                new SamplingParams(0.6, 0.95, 0, 4, List.of(), 0), new SamplingParams(1, 1, 20, 4, List.of(), 0),
                new SamplingParams(0.8, 0.9, 50, 4, List.of(), 0, 0.1, 1));
        for (SamplingParams p : fixed) {
            for (int vocab : new int[] {v, 257}) {
                double[] draws = new double[b];
                for (int r = 0; r < b; r++) draws[r] = rnd.nextDouble();
                TokenChooser.Choice[] want = REF.chooseTokens(ref, vocab, p, draws), got = cu.chooseTokens(dev, vocab, p, draws);
                for (int r = 0; r < b; r++) {
                    String what = p + ", vocab " + vocab + ", row " + r;
                    assertEquals(want[r].token(), got[r].token(), what);
                    assertTrue(got[r].token() < vocab, what);
                    assertEquals(want[r].logprob(), got[r].logprob(), 1e-5, what);
                }
            }
        }
        ref.close();
        dev.close();
    }

    @Test
    void adamWAndSumOfSquares() {
        int n = 3000;
        float[] w = normal(n, 1), g = normal(n, 0.01), m = normal(n, 0.001), v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (rnd.nextDouble() * 1e-4);
        double lr = 3e-4, b1 = 0.9, b2 = 0.999;
        int t = 3;
        AdamWStep s = new AdamWStep(1 - lr * 0.1, b1, b2, -lr / (1 - Math.pow(b1, t)), 1 / Math.sqrt(1 - Math.pow(b2, t)), 1e-8);
        Tensor[] want = {ref(w, n), ref(m, n), ref(v, n)}, got = {dev(w, n), dev(m, n), dev(v, n)};
        REF.adamW(want[0], ref(g, n), want[1], want[2], REF.zeros(D, n), s);
        cu.adamW(got[0], dev(g, n), got[1], got[2], null, s);
        for (int i = 0; i < 3; i++) close("adamW " + "wmv".charAt(i), want[i], got[i]);
        assertEquals(REF.sumOfSquares(ref(w, n)), cu.sumOfSquares(dev(w, n)), 1e-6 * REF.sumOfSquares(ref(w, n)));
        assertEquals(REF.sumOfSquares(ref(w, n).slice(0, 7, 2000)), cu.sumOfSquares(dev(w, n).slice(0, 7, 2000)), 1e-3);
    }

    /** The global norm's sum over many tensors: the per-tensor sums' additions exactly, with one read off the device. */
    @Test
    void sumOfSquaresOverTensorsReadsOnce() {
        Tensor wide = dev(normal(600, 1), 20, 30);
        List<Tensor> grads = List.of(dev(normal(3000, 1), 30, 100), dev(normal(7, 2), 7), dev(normal(4096 * 3, 0.1), 3, 4096),
                wide.slice(1, 5, 25));   // a strided view: summed from a dense copy
        double want = 0;
        for (Tensor g : grads) want += cu.sumOfSquares(g);
        long reads = cu.downloads();
        assertEquals(want, cu.sumOfSquares(grads), 0.0, "bit for bit the host loop's sum");
        assertEquals(reads + 1, cu.downloads(), "one read for all the tensors");
        assertEquals(0.0, cu.sumOfSquares(List.of()));
        for (Tensor g : grads) g.close();
        wide.close();
    }

    // ---- refusals, and memory ----

    @Test
    void otherBackendsTensorsAndStridedOutputsAreRefused() {
        Tensor a = cu.zeros(F, 1, 1, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> cu.scale(REF.zeros(D, 2), 2), "another backend's tensor");
        assertThrows(IllegalArgumentException.class, () -> cu.scale(a.slice(3, 0, 1), 2), "outputs must be dense");
    }

    @Test
    void closeGivesTheBufferBackAndViewsDoNot() {
        var alloc = cu.context().allocator();
        int before = alloc.liveBuffers();
        Tensor t = cu.zeros(F, 64, 64);
        assertEquals(before + 1, alloc.liveBuffers());
        t.slice(0, 0, 2).close();                                            // a view's close leaves the buffer alone
        assertEquals(0f, t.toFloats()[0]);
        t.close();
        t.close();                                                            // idempotent
        assertEquals(before, alloc.liveBuffers());
        assertThrows(IllegalStateException.class, t::toFloats);
        Tensor again = cu.alloc(F, 64, 64);
        assertEquals(before + 1, alloc.liveBuffers());
        again.close();
        long driverCalls = alloc.driverAllocations();
        cu.alloc(F, 64, 64).close();
        assertEquals(driverCalls, alloc.driverAllocations(), "the same size class comes from the cache");
    }
}

package org.r1j.cuda.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.r1j.cuda.CudaContext;
import org.r1j.cuda.CudaOps;
import org.r1j.cuda.Fatbin;
import org.r1j.cuda.NativeLibrarySearch;
import org.r1j.cuda.blas.Cublas;
import org.r1j.cuda.driver.CudaDriver;
import org.r1j.cuda.memory.DeviceBuffer;

/**
 * The device kit's check, run on a GPU machine with nothing but a JDK runtime and this jar:
 * <ol>
 *   <li>probes: the JVM, where each CUDA library was found, the fatbin's images, the device;</li>
 *   <li>runs every golden case (inputs and the Java reference's outputs, written on a CPU machine by the cuda
 *       module's tests) through the kernels on the GPU and compares at the case's tolerances;</li>
 *   <li>checks cuBLAS GEMMs (f32, TF32, bf16; all transposes; strided batched) against a host GEMM in f64;</li>
 *   <li>times the kernels and GEMMs of {@link Benchmarks#PLAN} with CUDA events after warm-up.</li>
 * </ol>
 * Writes {@code device-check.json} and {@code device-check.md} to the output folder, also when a step fails (the
 * failure is in the report). Exit 0: everything agreed; 1: a comparison failed; 3: no usable GPU.
 * {@code --plan FILE} writes only the benchmark plan (no GPU needed: the kit builder does this for PyTorch);
 * {@code --shrink N} divides the benchmark sizes (for the host stand-in of the driver in the tests).
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp r1j-cuda.jar org.r1j.cuda.check.DeviceCheck --goldens DIR --out DIR [--reps N]</pre>
 */
public final class DeviceCheck {
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final StringBuilder md = new StringBuilder();
    private boolean allOk = true;
    private final List<Benchmarks.Bench> plan;

    /** shrink > 1 divides the benchmark sizes (a check of the check itself on a slow stand-in device). */
    DeviceCheck(int shrink) {
        this.plan = Benchmarks.plan(shrink);
    }

    public static void main(String[] args) throws Exception {
        Path goldens = null, out = Path.of("."), plan = null;
        int reps = 20, shrink = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--goldens" -> goldens = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--plan" -> plan = Path.of(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--shrink" -> shrink = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("device-check: unknown argument " + args[i]
                            + " (use --goldens DIR --out DIR [--reps N] [--shrink N] | --plan FILE)");
                    System.exit(2);
                }
            }
        }
        if (plan != null) {
            Files.writeString(plan, Json.write(planJson()));
            return;
        }
        Files.createDirectories(out);
        System.exit(new DeviceCheck(shrink).run(goldens, out, reps));
    }

    static List<Object> planJson() {
        return planJson(Benchmarks.PLAN);
    }

    static List<Object> planJson(List<Benchmarks.Bench> plan) {
        List<Object> l = new ArrayList<>();
        for (Benchmarks.Bench b : plan) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", b.name());
            m.put("op", b.op());
            m.put("shape", b.shape());
            m.put("bytes", b.bytes());
            m.put("flops", b.flops());
            l.add(m);
        }
        return l;
    }

    private void line(String s) {
        System.out.println(s);
        md.append(s).append('\n');
    }

    int run(Path goldens, Path out, int reps) throws Exception {
        long t0 = System.nanoTime();
        line("# r1j device check\n");
        Map<String, Object> probe = new LinkedHashMap<>();
        probe.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        probe.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        Map<String, Object> libs = new LinkedHashMap<>();
        for (String so : List.of(CudaDriver.SONAME, Cublas.SONAME, Cublas.LT_SONAME)) {
            List<String> searched = new ArrayList<>();
            Path f = NativeLibrarySearch.system().find(so, searched);
            libs.put(so, f == null ? "not found by search (left to the dynamic loader)" : f.toString());
        }
        probe.put("libraries", libs);
        probe.put("fatbin images", Fatbin.images(Fatbin.load()).stream().map(Object::toString).toList());
        report.put("probe", probe);
        line("- JVM: " + probe.get("java"));
        libs.forEach((k, v) -> line("- " + k + ": " + v));
        line("- fatbin: " + probe.get("fatbin images"));
        int status;
        CudaContext ctx;
        try {
            ctx = CudaContext.open(0);
        } catch (RuntimeException e) {
            report.put("error", e.getMessage());
            line("\n**No usable GPU:** " + e.getMessage());
            write(out, t0);
            return 3;
        }
        try (ctx) {
            report.put("device", ctx.info().toString());
            line("- device: " + ctx.info());
            try {
                Cublas blas = ctx.cublas();
                report.put("cublas", blas.version() + " (cuBLASLt " + blas.ltVersion() + ")");
                line("- cuBLAS " + report.get("cublas"));
            } catch (RuntimeException e) {
                report.put("cublas error", e.getMessage());
                line("- cuBLAS: **" + e.getMessage() + "**");
                allOk = false;
            }
            if (goldens != null) cases(ctx, goldens);
            if (!report.containsKey("cublas error")) gemmChecks(ctx);
            bench(ctx, reps);
            status = allOk ? 0 : 1;
        } catch (RuntimeException e) {
            report.put("error", String.valueOf(e));
            line("\n**Stopped:** " + e);
            e.printStackTrace();
            status = 1;
        }
        report.put("ok", status == 0);
        line("\n" + (status == 0 ? "ALL CHECKS PASSED" : "SOME CHECKS FAILED"));
        write(out, t0);
        return status;
    }

    private void write(Path out, long t0) throws Exception {
        report.put("seconds", (System.nanoTime() - t0) / 1e9);
        Files.writeString(out.resolve("device-check.json"), Json.write(report));
        Files.writeString(out.resolve("device-check.md"), md.toString());
    }

    private void cases(CudaContext ctx, Path goldens) {
        line("\n## Kernels against the Java reference (golden cases)\n");
        line("| case | output | result | max abs | max rel |");
        line("| --- | --- | --- | --- | --- |");
        List<Object> rows = new ArrayList<>();
        DeviceCases runner = new DeviceCases(ctx);
        for (Path dir : CaseDir.under(goldens)) {
            CaseDir c = CaseDir.read(dir);
            Map<String, double[]> got;
            try {
                got = runner.run(c);
            } catch (RuntimeException e) {
                allOk = false;
                rows.add(Map.of("case", c.name(), "error", String.valueOf(e)));
                line("| " + c.name() + " | | **" + e + "** | | |");
                continue;
            }
            for (String name : c.outputs()) {
                double[] g = got.get(name);
                Tolerance.Agreement a = g == null ? null : c.tolerance(name).compare(g, CaseDir.doubles(c.expected(name), c.type(name)));
                boolean ok = a != null && a.ok();
                allOk &= ok;
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("case", c.name());
                r.put("op", c.op());
                r.put("output", name);
                r.put("ok", ok);
                if (a != null) {
                    r.put("maxAbs", a.maxAbs());
                    r.put("maxRel", a.maxRel());
                    r.put("n", a.n());
                }
                rows.add(r);
                line(String.format("| %s | %s | %s | %s | %s |", c.name(), name, a == null ? "**no output**" : ok ? "ok" : "**" + a.summary() + "**",
                        a == null ? "" : String.format("%.3g", a.maxAbs()), a == null ? "" : String.format("%.3g", a.maxRel())));
            }
        }
        report.put("cases", rows);
    }

    /** cuBLAS against an f64 host GEMM: every transpose in f32 and TF32, bf16 operands, and a strided batch. */
    private void gemmChecks(CudaContext ctx) {
        line("\n## cuBLAS GEMM against a host GEMM (f64)\n");
        line("| case | result | max abs | max rel |");
        line("| --- | --- | --- | --- |");
        List<Object> rows = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(11);
        int M = 257, N = 129, K = 520;
        CudaOps ops = new CudaOps(ctx.kernels());
        Cublas blas = ctx.cublas();
        for (String mode : List.of("f32", "tf32", "bf16")) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                float[] a = new float[M * K], b = new float[K * N];
                for (int i = 0; i < a.length; i++) a[i] = (float) (r.nextDouble() * 2 - 1);
                for (int i = 0; i < b.length; i++) b[i] = (float) (r.nextDouble() * 2 - 1);
                try (DeviceBuffer da = ctx.upload(a); DeviceBuffer db = ctx.upload(b); DeviceBuffer dc = ctx.allocate(4L * M * N);
                     DeviceBuffer ha = ctx.allocate(2L * a.length); DeviceBuffer hb = ctx.allocate(2L * b.length)) {
                    long pa = da.pointer(), pb = db.pointer();
                    int type = Cublas.R_32F;
                    if (mode.equals("bf16")) {   // operands rounded on the device; the host reference reads them back
                        ops.castToBf16(ha.pointer(), pa, a.length);
                        ops.castToBf16(hb.pointer(), pb, b.length);
                        a = widenBf16(ctx.downloadShorts(ha, a.length));
                        b = widenBf16(ctx.downloadShorts(hb, b.length));
                        pa = ha.pointer();
                        pb = hb.pointer();
                        type = Cublas.R_16BF;
                    }
                    blas.gemm(ta, tb, M, N, K, 1f, pa, pb, 0f, dc.pointer(), type, Cublas.R_32F,
                            mode.equals("tf32") ? Cublas.COMPUTE_32F_FAST_TF32 : Cublas.COMPUTE_32F);
                    double[] want = hostGemm(a, b, ta, tb, M, N, K);
                    double scale = 0;
                    for (double w : want) scale = Math.max(scale, Math.abs(w));
                    // f32 accumulation over K; TF32 rounds the operands to 10-bit mantissas first
                    Tolerance tol = new Tolerance(mode.equals("tf32") ? 5e-3 : 1e-4, (mode.equals("tf32") ? 5e-3 : 1e-5) * scale);
                    Tolerance.Agreement ag = tol.compare(Tolerance.widen(ctx.downloadFloats(dc, M * N)), want);
                    gemmRow(rows, String.format("%s %dx%dx%d transA %s transB %s", mode, M, N, K, ta, tb), ag);
                }
            }
        }
        int batch = 6, m = 64, n = 48, k = 32;
        float[] a = new float[batch * m * k], b = new float[batch * k * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
        try (DeviceBuffer da = ctx.upload(a); DeviceBuffer db = ctx.upload(b); DeviceBuffer dc = ctx.allocate(4L * batch * m * n)) {
            blas.gemmBatched(false, true, m, n, k, 1f, da.pointer(), (long) m * k, db.pointer(), (long) k * n, 0f, dc.pointer(),
                    (long) m * n, batch, Cublas.R_32F, Cublas.R_32F, Cublas.COMPUTE_32F);
            float[] c = ctx.downloadFloats(dc, batch * m * n);
            double[] want = new double[c.length];
            for (int bi = 0; bi < batch; bi++) {
                float[] ai = java.util.Arrays.copyOfRange(a, bi * m * k, (bi + 1) * m * k), bt = java.util.Arrays.copyOfRange(b, bi * k * n, (bi + 1) * k * n);
                System.arraycopy(hostGemm(ai, bt, false, true, m, n, k), 0, want, bi * m * n, m * n);
            }
            gemmRow(rows, "strided batched f32 6 x (64x48x32), B transposed", new Tolerance(1e-4, 1e-4).compare(Tolerance.widen(c), want));
        }
        report.put("gemm", rows);
    }

    private void gemmRow(List<Object> rows, String name, Tolerance.Agreement a) {
        allOk &= a.ok();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("case", name);
        m.put("ok", a.ok());
        m.put("maxAbs", a.maxAbs());
        m.put("maxRel", a.maxRel());
        rows.add(m);
        line(String.format("| %s | %s | %.3g | %.3g |", name, a.ok() ? "ok" : "**" + a.summary() + "**", a.maxAbs(), a.maxRel()));
    }

    private static float[] widenBf16(short[] s) {
        float[] f = new float[s.length];
        for (int i = 0; i < s.length; i++) f[i] = Float.intBitsToFloat((s[i] & 0xffff) << 16);
        return f;
    }

    /** Row-major op(A) op(B) in f64: A (M, K) or (K, M), B (K, N) or (N, K). */
    static double[] hostGemm(float[] a, float[] b, boolean ta, boolean tb, int M, int N, int K) {
        double[] c = new double[M * N];
        for (int i = 0; i < M; i++)
            for (int p = 0; p < K; p++) {
                double av = ta ? a[p * M + i] : a[i * K + p];
                for (int j = 0; j < N; j++) c[i * N + j] += av * (tb ? b[j * K + p] : b[p * N + j]);
            }
        return c;
    }

    private void bench(CudaContext ctx, int reps) {
        line("\n## Throughput (CUDA events, " + reps + " calls after 3 warm-up calls)\n");
        line("| case | ms / call | GB/s (min. traffic) | TFLOP/s |");
        line("| --- | --- | --- | --- |");
        Benchmarks bench = new Benchmarks(ctx, 3, reps);
        List<Object> rows = new ArrayList<>();
        for (Benchmarks.Bench b : plan) {
            try {
                Map<String, Object> r = bench.run(b);
                rows.add(r);
                line(String.format("| %s | %.4f | %s | %s |", b.name(), (double) r.get("ms"), fmt(r.get("GB/s")), fmt(r.get("TFLOP/s"))));
            } catch (RuntimeException e) {
                rows.add(Map.of("name", b.name(), "error", String.valueOf(e)));
                line("| " + b.name() + " | **" + e + "** | | |");
            }
        }
        report.put("bench", rows);
        report.put("plan", planJson(plan));
    }

    private static String fmt(Object v) {
        return v == null ? "" : String.format("%.1f", (double) v);
    }
}

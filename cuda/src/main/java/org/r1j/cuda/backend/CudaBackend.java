package org.r1j.cuda.backend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.cuda.CsrRows;
import org.r1j.cuda.CudaContext;
import org.r1j.cuda.CudaOps;
import org.r1j.cuda.Kernels;
import org.r1j.cuda.blas.Cublas;
import org.r1j.cuda.memory.DeviceBuffer;
import org.r1j.model.DecoderKvCache;
import org.r1j.model.DecoderWeights;
import org.r1j.model.ModelConfig;
import org.r1j.model.backend.AdamWStep;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.DecodeStep;
import org.r1j.model.backend.Layouts;
import org.r1j.model.backend.Tensor;
import org.r1j.model.layers.Linear;
import org.r1j.model.layers.Rotary;
import org.r1j.model.sample.SamplingParams;
import org.r1j.model.sample.TokenChooser;

/**
 * trainer's {@link Backend} on one GPU (f32 storage): tensors are {@link CudaTensor}s in the context's caching
 * allocator, GEMMs go to cuBLAS through the row-major helper ({@code GemmLayout}), every other op to r1j's kernels
 * ({@link CudaOps}), all on the context's one stream; only host copies synchronise. Decoding is {@link CudaDecodeStep}.
 * Every call must come from the thread that opened the context. The one broadcast of rotary tables without a kernel
 * throws {@link #notYet} (only tests use it). GRPO, SFT and generation run on it (checked on the host stand-in).
 *
 * <p>Strided views: element-wise kernels and row kernels read dense rows, so a strided <em>input</em> is copied to a
 * dense temporary first; an op's <em>outputs</em> must be contiguous (a clear error otherwise), except GEMM's c,
 * {@link #copy} and {@link #fill}, which take any strides. Strided copies of 4-byte elements are one
 * {@code r1j_copy_strided} launch (up to 6 axes once merged); others run as one device-to-device copy per dense run.
 */
public final class CudaBackend implements Backend, AutoCloseable {
    /** Rows per partial sum of the column-sum kernels (rmsNorm's dw, bias gradients). */
    private static final int COLUMN_ROWS = 16;

    private final CudaContext ctx;
    private final CudaOps ops;
    private final GemmPrecision precision;

    /** On {@code ctx} with the configured GEMM precision ({@link GemmPrecision#configured}). */
    public CudaBackend(CudaContext ctx) {
        this(ctx, GemmPrecision.configured());
    }

    public CudaBackend(CudaContext ctx, GemmPrecision precision) {
        this.ctx = ctx;
        this.ops = new CudaOps(ctx.kernels());
        this.precision = precision;
    }

    public CudaContext context() { return ctx; }

    /** What the weight GEMMs compute in. */
    public GemmPrecision precision() { return precision; }

    @Override public String name() { return "cuda"; }

    @Override public boolean onDevice() { return true; }

    @Override public void synchronize() { ctx.synchronize(); }

    /** The caching allocator's peak (bytes held, cached blocks included: what the driver gave out). */
    @Override public long peakDeviceBytes() { return ctx.allocator().peakBytes(); }

    @Override public String gemmPrecision() { return precision.name().toLowerCase(java.util.Locale.ROOT); }

    /** "cuda on NVIDIA H200 (sm_90, 132 SMs, 139.8 GiB), driver API 13.0; weight GEMMs f32". */
    @Override
    public String describe() {
        return "cuda on " + ctx.info() + "; weight GEMMs " + gemmPrecision();
    }

    @Override public boolean supports(DataType dtype) { return dtype == DataType.FLOAT; }

    static UnsupportedOperationException notYet(String op) {
        return new UnsupportedOperationException("cuda backend: " + op + " not implemented yet (#12)");
    }

    // ---- memory ---------------------------------------------------------------------------------------------

    @Override
    public CudaTensor alloc(DataType dtype, long... shape) {
        if (dtype == DataType.DOUBLE) throw new IllegalArgumentException("cuda backend computes in f32 only, not " + dtype);
        return raw(dtype, shape);
    }

    /** Any stored dtype, f64 included (the kernels' f64 sums). */
    private CudaTensor raw(DataType dtype, long... shape) {
        DeviceBuffer b = ctx.allocate(Layouts.length(shape) * CudaTensor.elementBytes(dtype));
        return new CudaTensor(this, dtype, b, shape.clone(), Layouts.rowMajor(shape), 0, true);
    }

    @Override
    public CudaTensor zeros(DataType dtype, long... shape) {
        CudaTensor t = alloc(dtype, shape);
        ctx.driver().memsetD8(t.pointer(), (byte) 0, t.length() * CudaTensor.elementBytes(dtype), ctx.stream());
        return t;
    }

    @Override
    public Tensor fromHost(DataType dtype, float[] values, long... shape) {
        return upload(dtype, MemorySegment.ofArray(values), values.length, shape);
    }

    @Override
    public Tensor fromHost(DataType dtype, double[] values, long... shape) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];   // round to nearest
        return fromHost(dtype, f, shape);
    }

    @Override
    public Tensor fromHost(int[] values, long... shape) {
        CudaTensor t = upload(DataType.INT, MemorySegment.ofArray(values), values.length, shape);
        t.hostIndices(values.clone());
        return t;
    }

    /** Kept on the host as ints too when they fit (flat targets m V + token do below 2^31). */
    @Override
    public Tensor fromHost(long[] values, long... shape) {
        CudaTensor t = upload(DataType.LONG, MemorySegment.ofArray(values), values.length, shape);
        int[] ints = new int[values.length];
        for (int i = 0; i < ints.length; i++) {
            if (values[i] != (int) values[i]) return t;
            ints[i] = (int) values[i];
        }
        t.hostIndices(ints);
        return t;
    }

    /** An index tensor's values on the host: as {@code fromHost} made it when known, else read back (synchronises). */
    private static int[] hostIds(CudaTensor c) {
        int[] known = c.hostIndices();
        return known != null && c.isContiguous() ? known : c.toInts();
    }

    private CudaTensor upload(DataType dtype, MemorySegment heap, long n, long[] shape) {
        if (Layouts.length(shape) != n)
            throw new IllegalArgumentException("fromHost: " + n + " values for shape " + Arrays.toString(shape));
        CudaTensor t = alloc(dtype, shape);
        try (Arena a = Arena.ofConfined()) {
            long bytes = n * CudaTensor.elementBytes(dtype);
            MemorySegment tmp = a.allocate(Math.max(1, bytes), 16);
            MemorySegment.copy(heap, 0, tmp, 0, bytes);
            ctx.driver().copyHostToDevice(t.pointer(), tmp, bytes, ctx.stream());
            ctx.synchronize();   // before tmp goes
        }
        return t;
    }

    private final java.util.concurrent.atomic.AtomicLong downloads = new java.util.concurrent.atomic.AtomicLong();

    /** Device-to-host copies so far (each synchronises): tests count the ones an op makes. */
    long downloads() { return downloads.get(); }

    /** The storage elements [lo, hi] a view reaches, as host memory (synchronises). */
    private MemorySegment download(CudaTensor t, long lo, long hi, Arena a) {
        downloads.incrementAndGet();
        long bytes = (hi - lo + 1) * CudaTensor.elementBytes(t.dtype());
        MemorySegment tmp = a.allocate(Math.max(1, bytes), 16);
        if (bytes > 0) {
            ctx.driver().copyDeviceToHost(tmp, t.pointerAt(lo), bytes, ctx.stream());
            ctx.synchronize();
        }
        return tmp;
    }

    /** Storage index of every element, row-major (for host reads of strided views). */
    private static long[] indices(CudaTensor t) {
        long n = t.length();
        long[] shape = t.shape(), strides = t.strides(), idx = new long[(int) n];
        long[] i = new long[shape.length];
        for (int e = 0; e < n; e++) {
            long s = t.offset();
            for (int d = 0; d < shape.length; d++) s += i[d] * strides[d];
            idx[e] = s;
            for (int d = shape.length - 1; d >= 0 && ++i[d] == shape[d]; d--) i[d] = 0;
        }
        return idx;
    }

    float[] hostFloats(CudaTensor t) {
        float[] out = new float[Math.toIntExact(t.length())];
        eachElement(t, (e, m, j) -> out[e] = switch (t.dtype()) {
            case FLOAT -> m.getAtIndex(ValueLayout.JAVA_FLOAT, j);
            case INT -> m.getAtIndex(ValueLayout.JAVA_INT, j);
            case LONG -> m.getAtIndex(ValueLayout.JAVA_LONG, j);
            default -> throw new IllegalStateException(t.dtype().toString());
        });
        return out;
    }

    int[] hostInts(CudaTensor t) {
        int[] out = new int[Math.toIntExact(t.length())];
        eachElement(t, (e, m, j) -> out[e] = switch (t.dtype()) {
            case INT -> m.getAtIndex(ValueLayout.JAVA_INT, j);
            case LONG -> Math.toIntExact(m.getAtIndex(ValueLayout.JAVA_LONG, j));
            case FLOAT -> (int) m.getAtIndex(ValueLayout.JAVA_FLOAT, j);
            default -> throw new IllegalStateException(t.dtype().toString());
        });
        return out;
    }

    /** Reads element {@code e} (row-major position in the view) from {@code m} at storage index {@code j}. */
    private interface ElementRead {
        void read(int e, MemorySegment m, long j);
    }

    /** Downloads the storage span a (possibly strided) view reaches once and hands each of its elements to read. */
    private void eachElement(CudaTensor t, ElementRead read) {
        long[] idx = indices(t);
        if (idx.length == 0) return;
        long lo = Arrays.stream(idx).min().getAsLong(), hi = Arrays.stream(idx).max().getAsLong();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = download(t, lo, hi, a);
            for (int e = 0; e < idx.length; e++) read.read(e, m, idx[e] - lo);
        }
    }

    // ---- argument checks and dense temporaries ----------------------------------------------------------------

    private CudaTensor own(Tensor t, String op) {
        if (!(t instanceof CudaTensor c) || c.backend() != this)
            throw new IllegalArgumentException("cuda backend: " + op + " got a tensor of another backend: " + t);
        return c;
    }

    /** An op's output: must be dense (no copy back is made). */
    private CudaTensor out(Tensor t, String op) {
        CudaTensor c = own(t, op);
        if (!c.isContiguous())
            throw new IllegalArgumentException("cuda backend: " + op + " writes dense outputs only, got " + c);
        c.written();
        return c;
    }

    /** Dense temporaries made for one op, given back when it has been enqueued (stream order keeps reuse safe). */
    private final class Temps implements AutoCloseable {
        private final List<CudaTensor> made = new ArrayList<>();

        /** t itself when dense, else a dense copy. */
        CudaTensor in(Tensor t, String op) {
            CudaTensor c = own(t, op);
            if (c.isContiguous()) return c;
            CudaTensor d = alloc(c.dtype(), c.shape());
            made.add(d);
            copy(d, c);
            return d;
        }

        CudaTensor scratch(DataType dtype, long... shape) {
            CudaTensor d = raw(dtype, shape);
            made.add(d);
            return d;
        }

        @Override
        public void close() {
            made.forEach(CudaTensor::close);
        }
    }

    private static void sameLength(String op, Tensor a, Tensor b) {
        if (a.length() != b.length())
            throw new IllegalArgumentException("cuda backend: " + op + ": " + Arrays.toString(a.shape()) + " vs " + Arrays.toString(b.shape()));
    }

    private static int i32(long v) { return Math.toIntExact(v); }

    // ---- matrix products ------------------------------------------------------------------------------------

    /** A 2-D operand as cuBLAS reads it: a dense row-major matrix, or the transpose of one (a column-major view). */
    private record Operand(CudaTensor dense, boolean flipped) {}

    private static Operand operand(CudaTensor t, Temps temps, String op) {
        long r = t.size(0), c = t.size(1), sr = t.strides()[0], sc = t.strides()[1];
        if ((sc == 1 || c == 1) && (sr == c || r == 1)) return new Operand(t, false);
        if ((sr == 1 || r == 1) && (sc == r || c == 1)) return new Operand(t, true);
        return new Operand(temps.in(t, op), false);
    }

    @Override
    public void gemm(Tensor a, Tensor b, Tensor c, boolean transposeA, boolean transposeB, double alpha, double beta) {
        gemm(a, b, c, transposeA, transposeB, alpha, beta, precision);
    }

    private void gemm(Tensor a, Tensor b, Tensor c, boolean transposeA, boolean transposeB, double alpha, double beta,
                      GemmPrecision p) {
        CudaTensor ca = own(a, "gemm"), cb = own(b, "gemm"), cc = own(c, "gemm");
        if (ca.rank() != 2 || cb.rank() != 2 || cc.rank() != 2) throw new IllegalArgumentException("cuda backend: gemm takes 2-D tensors");
        long M = transposeA ? ca.size(1) : ca.size(0), K = transposeA ? ca.size(0) : ca.size(1);
        long K2 = transposeB ? cb.size(1) : cb.size(0), N = transposeB ? cb.size(0) : cb.size(1);
        if (K != K2 || cc.size(0) != M || cc.size(1) != N)
            throw new IllegalArgumentException("cuda backend: gemm shapes " + Arrays.toString(ca.shape()) + (transposeA ? "^T" : "") + " x "
                    + Arrays.toString(cb.shape()) + (transposeB ? "^T" : "") + " -> " + Arrays.toString(cc.shape()));
        try (Temps temps = new Temps()) {
            Operand oa = operand(ca, temps, "gemm"), ob = operand(cb, temps, "gemm");
            CudaTensor dc = cc.isContiguous() ? cc : temps.in(cc, "gemm");   // beta reads c: the temporary starts as c
            long pa = oa.dense().pointer(), pb = ob.dense().pointer();
            if (p == GemmPrecision.BF16) {
                pa = bf16(oa.dense(), temps);
                pb = bf16(ob.dense(), temps);
            }
            ctx.cublas().gemm(transposeA ^ oa.flipped(), transposeB ^ ob.flipped(), i32(M), i32(N), i32(K), (float) alpha,
                    pa, pb, (float) beta, dc.pointer(), p == GemmPrecision.BF16 ? Cublas.R_16BF : Cublas.R_32F,
                    Cublas.R_32F, p == GemmPrecision.TF32 ? Cublas.COMPUTE_32F_FAST_TF32 : Cublas.COMPUTE_32F);
            if (dc != cc) copy(cc, dc);
        }
    }

    /**
     * One cuBLAS strided-batched GEMM when every operand's (B, KVH) axes fold into one batch stride and its last two
     * axes are a dense matrix (row-major, or column-major for a and b): slices on axis 2 (causal query chunks, the
     * cache's first S slots) stay that way. Anything else runs as one {@link #gemm} per (b, kvh).
     */
    @Override
    public void batchedMatmul(Tensor a, Tensor b, Tensor c, boolean transposeA, boolean transposeB, double beta) {
        CudaTensor ca = own(a, "batchedMatmul"), cb = own(b, "batchedMatmul"), cc = own(c, "batchedMatmul");
        if (ca.rank() != 4 || cb.rank() != 4 || cc.rank() != 4)
            throw new IllegalArgumentException("cuda backend: batchedMatmul takes rank-4 tensors, got " + ca + ", " + cb + ", " + cc);
        for (int d = 0; d < 2; d++)
            if (ca.size(d) != cc.size(d) || cb.size(d) != cc.size(d))
                throw new IllegalArgumentException("cuda backend: batchedMatmul batch axes differ: " + ca + ", " + cb + ", " + cc);
        long sa = batchStride(ca), sb = batchStride(cb), sc = batchStride(cc);
        Boolean fa = matrixKind(ca), fb = matrixKind(cb), fc = matrixKind(cc);
        if (sa >= 0 && sb >= 0 && sc >= 0 && fa != null && fb != null && Boolean.FALSE.equals(fc)) {
            long M = cc.size(2), N = cc.size(3), K = transposeA ? ca.size(2) : ca.size(3);
            if ((transposeA ? ca.size(3) : ca.size(2)) != M || (transposeB ? cb.size(2) : cb.size(3)) != N
                    || (transposeB ? cb.size(3) : cb.size(2)) != K)
                throw new IllegalArgumentException("cuda backend: batchedMatmul shapes " + ca + (transposeA ? "^T" : "") + " x " + cb
                        + (transposeB ? "^T" : "") + " -> " + cc);
            ctx.cublas().gemmBatched(transposeA ^ fa, transposeB ^ fb, i32(M), i32(N), i32(K), 1f, ca.pointer(), sa, cb.pointer(), sb,
                    (float) beta, cc.pointer(), sc, i32(cc.size(0) * cc.size(1)), Cublas.R_32F, Cublas.R_32F,
                    precision == GemmPrecision.TF32 ? Cublas.COMPUTE_32F_FAST_TF32 : Cublas.COMPUTE_32F);
            return;
        }
        if (cc.size(0) > 1 && batchable(ca, cb, cc)) {
            // the axes do not fold into one batch stride, but each b's KVH matrices do (e.g. the decode step's q heads,
            // a strided view of the fused q/k/v activation): one strided-batched GEMM per b
            for (long i = 0; i < cc.size(0); i++)
                batchedMatmul(ca.slice(0, i, i + 1), cb.slice(0, i, i + 1), cc.slice(0, i, i + 1), transposeA, transposeB, beta);
            return;
        }
        for (long i = 0; i < cc.size(0); i++) for (long j = 0; j < cc.size(1); j++)
            gemm(ca.select(0, i).select(0, j), cb.select(0, i).select(0, j), cc.select(0, i).select(0, j), transposeA, transposeB, 1, beta,
                    precision == GemmPrecision.BF16 ? GemmPrecision.F32 : precision);   // attention stays f32 (GemmPrecision.BF16)
    }

    /** A bf16 copy of a dense operand (the matrix it spans, whether row- or column-major), freed with temps. */
    private long bf16(CudaTensor dense, Temps temps) {
        CudaTensor h = temps.scratch(DataType.BFLOAT16, dense.length());
        ops.castToBf16(h.pointer(), dense.pointer(), dense.length());
        return h.pointer();
    }

    /** Whether every operand's last two axes are a dense matrix (c row-major), so one b's KVH matrices fold. */
    private static boolean batchable(CudaTensor a, CudaTensor b, CudaTensor c) {
        return matrixKind(a) != null && matrixKind(b) != null && Boolean.FALSE.equals(matrixKind(c));
    }

    /** The one stride that steps through the (B, KVH) axes of t in order, or -1 when they do not fold. */
    private static long batchStride(CudaTensor t) {
        long[] st = t.strides();
        if (t.size(1) == 1) return t.size(0) == 1 ? 0 : st[0];
        if (t.size(0) == 1 || st[0] == t.size(1) * st[1]) return st[1];
        return -1;
    }

    /** Whether t's last two axes are a dense column-major matrix (true), row-major (false), or neither (null). */
    private static Boolean matrixKind(CudaTensor t) {
        long r = t.size(2), c = t.size(3), sr = t.strides()[2], sc = t.strides()[3];
        if ((sc == 1 || c == 1) && (sr == c || r == 1)) return false;
        if ((sr == 1 || r == 1) && (sc == r || c == 1)) return true;
        return null;
    }

    @Override public void linear(Tensor out, Tensor inp, Tensor w, Tensor b) { Linear.forward(this, out, inp, w, b); }

    /** dwScratch is not needed: cuBLAS accumulates into the row-major gradient directly. */
    @Override
    public void linearBackward(Tensor dinp, Tensor dw, Tensor db, Tensor dout, Tensor inp, Tensor w, boolean accumulate, Tensor dwScratch) {
        Linear.backward(this, dinp, dw, db, dout, inp, w, accumulate, null);
    }

    // ---- element-wise and reductions ------------------------------------------------------------------------

    @Override
    public void addRowVector(Tensor out, Tensor b) {
        CudaTensor o = out(out, "addRowVector");
        try (Temps t = new Temps()) {
            CudaTensor bb = t.in(b, "addRowVector");
            long C = bb.length();
            if (o.rank() != 2 || o.size(1) != C) throw new IllegalArgumentException("cuda backend: addRowVector " + o + " += " + bb);
            ops.addBias(o.pointer(), bb.pointer(), i32(o.size(0)), i32(C));
        }
    }

    @Override
    public void add(Tensor dst, Tensor src) {
        CudaTensor d = out(dst, "add");
        sameLength("add", dst, src);
        try (Temps t = new Temps()) {
            ops.axpy(d.pointer(), 1f, t.in(src, "add").pointer(), d.length());
        }
    }

    @Override
    public void addColumnSums(Tensor acc, Tensor x) {
        CudaTensor a = out(acc, "addColumnSums");
        try (Temps t = new Temps()) {
            CudaTensor xx = t.in(x, "addColumnSums");
            long C = xx.size(xx.rank() - 1), N = xx.length() / C;
            if (a.length() != C) throw new IllegalArgumentException("cuda backend: addColumnSums " + a + " += columns of " + xx);
            CudaTensor part = t.scratch(DataType.FLOAT, CudaOps.chunks(i32(N), COLUMN_ROWS), C);
            ops.columnSums(a.pointer(), xx.pointer(), i32(N), i32(C), part.pointer(), COLUMN_ROWS);
        }
    }

    @Override
    public void scale(Tensor x, double factor) {
        CudaTensor c = out(x, "scale");
        ops.scale(c.pointer(), (float) factor, c.length());
    }

    @Override
    public void fill(Tensor x, double value) {
        CudaTensor c = own(x, "fill");
        c.written();
        if (c.length() == 0) return;
        Runs runs = Runs.of(c.shape(), c.strides());
        if (value == 0) {
            for (long start : runs.starts(c.offset()))
                ctx.driver().memsetD8(c.pointerAt(start), (byte) 0, runs.length() * 4, ctx.stream());
            return;
        }
        float[] one = new float[i32(runs.length())];
        Arrays.fill(one, (float) value);
        try (CudaTensor src = (CudaTensor) fromHost(DataType.FLOAT, one, one.length)) {
            for (long start : runs.starts(c.offset()))
                ctx.driver().copyDeviceToDevice(c.pointerAt(start), src.pointer(), runs.length() * 4, ctx.stream());
        }
    }

    @Override
    public void mix(Tensor dst, Tensor src, double alpha) {
        CudaTensor d = out(dst, "mix");
        sameLength("mix", dst, src);
        try (Temps t = new Temps()) {
            CudaTensor s = t.in(src, "mix");
            ops.scale(d.pointer(), (float) (1 - alpha), d.length());
            ops.axpy(d.pointer(), (float) alpha, s.pointer(), d.length());
        }
    }

    // ---- embedding ------------------------------------------------------------------------------------------

    @Override
    public void gather(Tensor out, Tensor rows, Tensor table) {
        CudaTensor o = out(out, "gather");
        try (Temps t = new Temps()) {
            CudaTensor r = t.in(rows, "gather"), tb = t.in(table, "gather");
            if (r.dtype() != DataType.INT) throw new IllegalArgumentException("cuda backend: gather rows must be INT, got " + r.dtype());
            long N = r.length(), C = tb.size(1);
            if (o.length() != N * C) throw new IllegalArgumentException("cuda backend: gather " + N + " rows of " + tb + " into " + o);
            ops.gather(o.pointer(), r.pointer(), tb.pointer(), i32(N), i32(C));
        }
    }

    /** The rows are grouped on the host ({@link CsrRows}: deterministic sums, no atomics), so their ids come back once. */
    @Override
    public void scatterAdd(Tensor table, Tensor rows, Tensor values) {
        CudaTensor tb = out(table, "scatterAdd");
        int[] ids = hostIds(own(rows, "scatterAdd"));
        if (ids.length == 0) return;
        CsrRows csr = CsrRows.of(ids, i32(tb.size(0)));
        try (Temps t = new Temps()) {
            CudaTensor v = t.in(values, "scatterAdd");
            long C = tb.size(1);
            if (v.length() != ids.length * C) throw new IllegalArgumentException("cuda backend: scatterAdd " + v + " into " + tb);
            CudaTensor uniq = track(t, fromHost(csr.uniq(), csr.uniq().length)), starts = track(t, fromHost(csr.starts(), csr.starts().length)),
                    order = track(t, fromHost(csr.order(), csr.order().length));
            ops.scatterAdd(tb.pointer(), v.pointer(), uniq.pointer(), starts.pointer(), order.pointer(), csr.distinct(), i32(C));
        }
    }

    private static CudaTensor track(Temps t, Tensor made) {
        t.made.add((CudaTensor) made);
        return (CudaTensor) made;
    }

    // ---- layers ---------------------------------------------------------------------------------------------

    @Override
    public void rmsNorm(Tensor out, Tensor rstd, Tensor inp, Tensor w, double eps) {
        CudaTensor o = out(out, "rmsNorm"), r = out(rstd, "rmsNorm");
        try (Temps t = new Temps()) {
            CudaTensor x = t.in(inp, "rmsNorm"), ww = t.in(w, "rmsNorm");
            long C = ww.length(), N = x.length() / C;
            sameLength("rmsNorm", o, x);
            ops.rmsNorm(o.pointer(), r.pointer(), x.pointer(), ww.pointer(), i32(N), i32(C), (float) eps, Kernels.rowLanes(C));
        }
    }

    /** xhat and g are not needed: the kernel recomputes x * rstd per element. */
    @Override
    public void rmsNormBackward(Tensor dinp, Tensor dw, Tensor dout, Tensor inp, Tensor w, Tensor rstd, Tensor xhat, Tensor g) {
        CudaTensor di = out(dinp, "rmsNormBackward"), dww = out(dw, "rmsNormBackward");
        try (Temps t = new Temps()) {
            CudaTensor d = t.in(dout, "rmsNormBackward"), x = t.in(inp, "rmsNormBackward"), ww = t.in(w, "rmsNormBackward"),
                    r = t.in(rstd, "rmsNormBackward");
            long C = ww.length(), N = x.length() / C;
            CudaTensor part = t.scratch(DataType.FLOAT, CudaOps.chunks(i32(N), COLUMN_ROWS), C);
            ops.rmsNormBackward(di.pointer(), dww.pointer(), d.pointer(), x.pointer(), ww.pointer(), r.pointer(), i32(N), i32(C),
                    part.pointer(), COLUMN_ROWS, Kernels.rowLanes(C));
        }
    }

    @Override
    public void rotary(Rotary rope, Tensor x, Tensor cos, Tensor sin, Tensor scratch) { rotate(x, cos, sin, false); }

    @Override
    public void rotaryBackward(Rotary rope, Tensor dx, Tensor cos, Tensor sin, Tensor scratch) { rotate(dx, cos, sin, true); }

    /**
     * The kernel takes tables of x's shape (rep 1: {@code Rotary.headTables}) or per position shared by the heads of
     * axis rank-2 ((..., 1, hs) for x (..., H, hs): rep H); other broadcasts are not implemented yet.
     */
    private void rotate(Tensor x, Tensor cos, Tensor sin, boolean transposed) {
        String op = transposed ? "rotaryBackward" : "rotary";
        CudaTensor xx = out(x, op);
        try (Temps t = new Temps()) {
            CudaTensor c = t.in(cos, op), s = t.in(sin, op);
            long[] xs = xx.shape(), cs = c.shape();
            int hs = i32(xs[xs.length - 1]);
            long rep;
            if (Arrays.equals(xs, cs)) rep = 1;
            else if (xs.length >= 2 && cs.length == xs.length && cs[cs.length - 2] == 1 && samePrefix(xs, cs)) rep = xs[xs.length - 2];
            else throw notYet(op + " with tables " + Arrays.toString(cs) + " for x " + Arrays.toString(xs));
            if (!Arrays.equals(cs, s.shape())) throw new IllegalArgumentException("cuda backend: " + op + ": cos and sin shapes differ");
            ops.rotary(xx.pointer(), c.pointer(), s.pointer(), xx.length() / hs, hs, i32(rep), transposed);
        }
    }

    /** Equal except on the last two axes' first one (the heads axis), and the last (hs). */
    private static boolean samePrefix(long[] xs, long[] cs) {
        for (int d = 0; d < xs.length - 2; d++) if (xs[d] != cs[d]) return false;
        return xs[xs.length - 1] == cs[cs.length - 1];
    }

    @Override
    public void maskedSoftmax(Tensor att, Tensor mask) {
        CudaTensor a = out(att, "maskedSoftmax");
        if (a.rank() != 4) throw new IllegalArgumentException("cuda backend: maskedSoftmax takes (B, H, rows, S), got " + a);
        try (Temps t = new Temps()) {
            long B = a.size(0), H = a.size(1), R = a.size(2), S = a.size(3);
            CudaTensor m = mask == null ? null : t.in(mask, "maskedSoftmax");
            long MB = m == null ? 1 : m.size(0);
            if (m != null && (m.rank() != 4 || (MB != 1 && MB != B) || m.size(1) != 1 || m.size(2) != R || m.size(3) != S))
                throw new IllegalArgumentException("cuda backend: maskedSoftmax mask " + m + " for " + a);
            ops.maskedSoftmax(a.pointer(), m == null ? 0 : m.pointer(), i32(B), i32(H), i32(R), i32(S), i32(MB), 0, 0, 0, Kernels.rowLanes(S));
        }
    }

    /**
     * The decode step's attention softmax: att (B, KVH, G, S) for the query at position {@code q0} (one token per row,
     * its G heads stacked), the causal mask and row b's left padding {@code pad[b]} (INT, B) applied by index.
     */
    void causalSoftmax(Tensor att, int G, int q0, CudaTensor pad) {
        CudaTensor a = out(att, "causalSoftmax");
        long B = a.size(0), H = a.size(1), R = a.size(2), S = a.size(3);
        if (R != G || pad.length() != B || pad.dtype() != DataType.INT)
            throw new IllegalArgumentException("cuda backend: causalSoftmax " + a + " with G " + G + ", pad " + pad);
        ops.maskedSoftmax(a.pointer(), 0, i32(B), i32(H), i32(R), i32(S), 1, G, q0, pad.pointer(), Kernels.rowLanes(S));
    }

    @Override
    public void swiGlu(Tensor h, Tensor sig, Tensor gate, Tensor up) {
        CudaTensor hh = out(h, "swiGlu"), ss = out(sig, "swiGlu");
        sameLength("swiGlu", h, gate);
        sameLength("swiGlu", h, up);
        try (Temps t = new Temps()) {
            ops.swiGlu(hh.pointer(), ss.pointer(), t.in(gate, "swiGlu").pointer(), t.in(up, "swiGlu").pointer(), hh.length());
        }
    }

    @Override
    public void swiGluBackward(Tensor dgate, Tensor dup, Tensor dh, Tensor gate, Tensor up, Tensor sig) {
        CudaTensor dg = out(dgate, "swiGluBackward"), du = out(dup, "swiGluBackward");
        sameLength("swiGluBackward", dgate, dh);
        try (Temps t = new Temps()) {
            ops.swiGluBackward(dg.pointer(), du.pointer(), t.in(dh, "swiGluBackward").pointer(), t.in(gate, "swiGluBackward").pointer(),
                    t.in(up, "swiGluBackward").pointer(), t.in(sig, "swiGluBackward").pointer(), dg.length());
        }
    }

    /**
     * The kernel takes token ids (M) as i32; the seam's flat LONG targets (m V + token) are converted on the host,
     * from the values {@code fromHost} kept (no read back), once per targets tensor (forward and backward share it).
     */
    private CudaTensor tokenIds(Tensor targetFlat, long M, long V, Temps t) {
        CudaTensor tf = own(targetFlat, "logProbHead");
        if (tf.dtype() == DataType.INT) return t.in(tf, "logProbHead");
        CudaTensor kept = tf.tokenIds();
        if (kept != null) return kept;
        int[] flat = hostIds(tf);
        if (flat.length != M) throw new IllegalArgumentException("cuda backend: logProbHead " + flat.length + " targets for " + M + " rows");
        int[] tok = new int[flat.length];
        for (int m = 0; m < tok.length; m++) tok[m] = Math.toIntExact(flat[m] - m * V);
        CudaTensor ids = (CudaTensor) fromHost(tok, tok.length);
        if (tf.hostIndices() != null) tf.tokenIds(ids);   // lives with the targets
        else track(t, ids);
        return ids;
    }

    @Override
    public Tensor[] logProbHead(Tensor probs, Tensor logits, Tensor targetFlat, double temperature) {
        CudaTensor p = out(probs, "logProbHead"), l = out(logits, "logProbHead");
        long M = l.size(0), V = l.size(1);
        sameLength("logProbHead", p, l);
        CudaTensor logp = alloc(DataType.FLOAT, M), ent = alloc(DataType.FLOAT, M);
        try (Temps t = new Temps()) {
            ops.logProbs(p.pointer(), logp.pointer(), ent.pointer(), l.pointer(), tokenIds(targetFlat, M, V, t).pointer(), i32(M), i32(V),
                    (float) (1 / temperature), Kernels.rowLanes(V));
        }
        return new Tensor[] {logp, ent};
    }

    @Override
    public void logProbHeadBackward(Tensor dlogits, Tensor dlogp, Tensor probs, Tensor targetFlat, double temperature) {
        CudaTensor d = out(dlogits, "logProbHeadBackward");
        long M = d.size(0), V = d.size(1);
        try (Temps t = new Temps()) {
            ops.logProbsBackward(d.pointer(), t.in(dlogp, "logProbHeadBackward").pointer(), t.in(probs, "logProbHeadBackward").pointer(),
                    tokenIds(targetFlat, M, V, t).pointer(), i32(M), i32(V), (float) (1 / temperature));
        }
    }

    @Override
    public void entropyBackward(Tensor dlogits, Tensor probs, Tensor h, Tensor coef) {
        CudaTensor d = out(dlogits, "entropyBackward");
        long M = d.size(0), V = d.size(1);
        sameLength("entropyBackward", dlogits, probs);
        if (h.length() != M || coef.length() != M)
            throw new IllegalArgumentException("cuda backend: entropyBackward h " + h + " and coef " + coef + " for " + M + " rows");
        try (Temps t = new Temps()) {
            ops.entropyBackward(d.pointer(), t.in(probs, "entropyBackward").pointer(), t.in(h, "entropyBackward").pointer(),
                    t.in(coef, "entropyBackward").pointer(), i32(M), i32(V));
        }
    }

    @Override
    public Tensor rowDot(Tensor a, Tensor b, Tensor scratch) {
        try (Temps t = new Temps()) {
            CudaTensor aa = t.in(a, "rowDot"), bb = t.in(b, "rowDot");
            sameLength("rowDot", aa, bb);
            long[] shape = aa.shape();
            long W = shape[shape.length - 1];
            shape[shape.length - 1] = 1;
            CudaTensor out = alloc(DataType.FLOAT, shape);
            ops.rowDot(out.pointer(), aa.pointer(), bb.pointer(), i32(aa.length() / W), i32(W), Kernels.rowLanes(W));
            return out;
        }
    }

    @Override
    public void softmaxBackward(Tensor datt, Tensor att, Tensor rowDot) {
        CudaTensor d = out(datt, "softmaxBackward");
        long S = d.size(d.rank() - 1);
        try (Temps t = new Temps()) {
            ops.softmaxBackward(d.pointer(), t.in(att, "softmaxBackward").pointer(), t.in(rowDot, "softmaxBackward").pointer(), d.length() / S, i32(S));
        }
    }

    // ---- copies ---------------------------------------------------------------------------------------------

    @Override
    public void copy(Tensor dst, Tensor src) {
        CudaTensor d = own(dst, "copy"), s = own(src, "copy");
        if (!Arrays.equals(d.shape(), s.shape()))
            throw new IllegalArgumentException("cuda backend: copy " + s + " into " + d + ": shapes differ");
        if (d.dtype() != s.dtype()) throw new IllegalArgumentException("cuda backend: copy " + s.dtype() + " into " + d.dtype());
        d.written();
        if (d.length() == 0) return;
        Runs rd = Runs.of(d.shape(), d.strides(), s.strides());
        if (rd.outer().length > 0 && CudaTensor.elementBytes(d.dtype()) == 4) {
            long[][] m = merged(d.shape(), d.strides(), s.strides());
            if (m[0].length <= CudaOps.COPY_RANK) {   // one kernel instead of one driver call per dense run
                ops.copyStrided(d.pointer(), s.pointer(), m[0], m[1], m[2]);
                return;
            }
        }
        long[] ds = rd.starts(d.offset()), ss = Runs.of(d.shape(), s.strides(), d.strides()).starts(s.offset());
        long bytes = rd.length() * CudaTensor.elementBytes(d.dtype());
        for (int i = 0; i < ds.length; i++) ctx.driver().copyDeviceToDevice(d.pointerAt(ds[i]), s.pointerAt(ss[i]), bytes, ctx.stream());
    }

    /**
     * {shape, dst strides, src strides} with size-1 axes dropped and neighbouring axes merged where both layouts
     * step through them as one (a head split of (B, T, H, hs) stays rank 4; a dense block becomes rank 1).
     */
    private static long[][] merged(long[] shape, long[] ds, long[] ss) {
        List<long[]> axes = new ArrayList<>();   // {size, dst stride, src stride}, outermost first
        for (int k = 0; k < shape.length; k++) {
            if (shape[k] == 1) continue;
            long[] last = axes.isEmpty() ? null : axes.get(axes.size() - 1);
            if (last != null && last[1] == shape[k] * ds[k] && last[2] == shape[k] * ss[k]) {
                last[0] *= shape[k];
                last[1] = ds[k];
                last[2] = ss[k];
            } else {
                axes.add(new long[] {shape[k], ds[k], ss[k]});
            }
        }
        if (axes.isEmpty()) axes.add(new long[] {1, 0, 0});
        long[][] out = new long[3][axes.size()];
        for (int k = 0; k < axes.size(); k++) for (int i = 0; i < 3; i++) out[i][k] = axes.get(k)[i];
        return out;
    }

    // ---- optimizer ------------------------------------------------------------------------------------------

    @Override
    public void adamW(Tensor w, Tensor g, Tensor m, Tensor v, Tensor scratch, AdamWStep step) {
        CudaTensor ww = out(w, "adamW"), mm = out(m, "adamW"), vv = out(v, "adamW");
        sameLength("adamW", w, g);
        try (Temps t = new Temps()) {
            ops.adamW(ww.pointer(), t.in(g, "adamW").pointer(), mm.pointer(), vv.pointer(), ww.length(), new CudaOps.AdamWScalars((float) step.keep(),
                    (float) step.beta1(), (float) (1 - step.beta1()), (float) step.beta2(), (float) (1 - step.beta2()), (float) step.stepSize(),
                    (float) step.invSqrtBc2(), (float) step.eps()));
        }
    }

    /** Two launches (per-block partial sums in f64, then one block), then one synchronising 8-byte read. */
    @Override
    public double sumOfSquares(Tensor a) {
        return sumOfSquares(List.of(a));
    }

    /**
     * The sum over {@code tensors} on the device: each tensor's partial sums, then r1j_sum_final adding into one f64
     * slot ({@code out = out + s}, in order: the host loop's additions, bit for bit), and one read of it.
     */
    @Override
    public double sumOfSquares(List<? extends Tensor> tensors) {
        if (tensors.isEmpty()) return 0;
        try (Temps t = new Temps()) {
            int lanes = 256, most = 1;
            for (Tensor x : tensors) most = Math.max(most, sumBlocks(x.length()));
            CudaTensor out = t.scratch(DataType.DOUBLE, 1), part = t.scratch(DataType.DOUBLE, most);
            for (int i = 0; i < tensors.size(); i++) {
                CudaTensor x = t.in(tensors.get(i), "sumOfSquares");
                ops.sum(out.pointer(), part.pointer(), x.pointer(), x.length(), true, sumBlocks(x.length()), lanes, i > 0);
            }
            try (Arena ar = Arena.ofConfined()) {
                return download(out, 0, 0, ar).get(ValueLayout.JAVA_DOUBLE, 0);
            }
        }
    }

    /** Partial sums (blocks) r1j_sum_partial uses for n elements: one per 256, at most 1024. */
    private static int sumBlocks(long n) {
        return Math.max(1, Math.min(1024, Kernels.elementGrid(n)));
    }

    // ---- decoding -------------------------------------------------------------------------------------------

    /** {@link CudaDecodeStep}: T = 1 on this backend's ops, its buffers allocated once per cache. */
    @Override
    public DecodeStep decodeStep(ModelConfig config, DecoderWeights weights, Rotary rope, DecoderKvCache cache) {
        return new CudaDecodeStep(this, config, weights, rope, cache);
    }

    /** Frees the context (every tensor still open becomes unusable). */
    // ---- sampling ---------------------------------------------------------------------------------------------

    /**
     * {@link Backend#chooseTokens} where the logits are: the r1j_sample kernel applies TokenChooser's rule to each row
     * (exactly, for the same draws: HostKernelsTest), so a decoded token costs B draws in and B tokens and log-probs
     * out instead of B x V floats. Ids at or above {@code vocab} are left out by sampling a dense copy of the first
     * {@code vocab} columns, which is TokenChooser over the masked row.
     */
    @Override
    public TokenChooser.Choice[] chooseTokens(Tensor logits, int vocab, SamplingParams params, double[] draws) {
        CudaTensor l = own(logits, "chooseTokens");
        int B = draws.length;
        if (l.rank() != 2 || l.size(0) != B)
            throw new IllegalArgumentException("cuda backend: chooseTokens: logits " + l + " for " + B + " rows");
        long V = Math.min(l.size(1), vocab);
        try (Temps t = new Temps()) {
            CudaTensor rows = t.in(V == l.size(1) ? l : l.slice(1, 0, V), "chooseTokens");
            CudaTensor u = t.scratch(DataType.DOUBLE, B);     // the draws stay f64, as TokenChooser compares them
            try (Arena a = Arena.ofConfined()) {
                MemorySegment tmp = a.allocateFrom(ValueLayout.JAVA_DOUBLE, draws);
                ctx.driver().copyHostToDevice(u.pointer(), tmp, 8L * B, ctx.stream());
                ctx.synchronize();   // before tmp goes
            }
            CudaTensor token = t.scratch(DataType.INT, B), logp = t.scratch(DataType.FLOAT, B);
            CudaTensor work = t.scratch(DataType.DOUBLE, (long) B * V);
            ops.sample(token.pointer(), logp.pointer(), work.pointer(), rows.pointer(), u.pointer(), B, i32(V),
                    params.temperature(), params.topP(), params.minP(), params.topK(), Kernels.rowLanes(V));
            int[] ids = token.toInts();
            float[] lp = logp.toFloats();
            TokenChooser.Choice[] out = new TokenChooser.Choice[B];
            for (int r = 0; r < B; r++) out[r] = new TokenChooser.Choice(ids[r], lp[r]);
            return out;
        }
    }

    @Override
    public void close() { ctx.close(); }
}

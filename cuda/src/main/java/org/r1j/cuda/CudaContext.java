package org.r1j.cuda;


import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.r1j.cuda.blas.Cublas;
import org.r1j.cuda.driver.CudaDriver;
import org.r1j.cuda.memory.CachingAllocator;
import org.r1j.cuda.memory.DeviceBuffer;
import org.r1j.cuda.memory.DeviceMemory;

/**
 * One GPU as r1j uses it: the device's primary context, one non-blocking stream that all work goes to in order
 * (copies and sets included: the legacy default stream would not order with it), the kernels' module loaded from the
 * fatbin, a caching allocator, and cuBLAS on the same stream (loaded on first use). Copies between host arrays and
 * device buffers synchronise. {@link #close()} frees in reverse order of creation.
 *
 * <p><b>Threads.</b> Any thread may use it: the driver binds a context per thread, so every entry here first makes
 * the context current on the calling thread ({@link #bind}, once per thread), and the driver and cuBLAS are
 * thread-safe. All threads share the one stream, so each thread's work runs in the order it was queued, and a buffer
 * one thread frees to the cache is reused by another only after the first thread's kernels on it (stream order).
 * A notebook's cells and its background jobs, or a sweep's runs, may therefore share the GPU; two threads working
 * on the same tensors at once race as they would on the CPU.
 */
public final class CudaContext implements AutoCloseable {
    private final ThreadLocal<Boolean> bound = ThreadLocal.withInitial(() -> false);
    private volatile boolean closed;
    private final CudaDriver cu;
    private final int device;
    private final MemorySegment ctx, stream, module;
    private final Kernels kernels;
    private final CachingAllocator allocator;
    private final DeviceInfo info;
    private Cublas cublas;

    private CudaContext(CudaDriver cu, int ordinal) {
        this.cu = cu;
        cu.init();
        int count = cu.deviceCount();
        if (count == 0) throw new IllegalStateException("no CUDA device (the driver sees none)");
        if (ordinal < 0 || ordinal >= count) throw new IllegalArgumentException("device " + ordinal + " of " + count);
        device = cu.device(ordinal);
        ctx = cu.primaryContextRetain(device);
        cu.setCurrent(ctx);
        bound.set(true);
        info = new DeviceInfo(ordinal, cu.deviceName(device), cu.attribute(device, CudaDriver.ATTR_CC_MAJOR),
                cu.attribute(device, CudaDriver.ATTR_CC_MINOR), cu.attribute(device, CudaDriver.ATTR_MULTIPROCESSOR_COUNT),
                cu.totalMemory(device), cu.driverVersion());
        stream = cu.streamCreate();
        module = cu.moduleLoadData(Fatbin.load());
        kernels = new Kernels(cu, module, stream);
        allocator = new CachingAllocator(new DeviceMemory() {
            @Override
            public long allocate(long bytes) { return cu.memAlloc(bytes); }

            @Override
            public void free(long pointer) { cu.memFree(pointer); }
        });
    }

    /** Opens device {@code ordinal}; any thread may use it after. */
    public static CudaContext open(int ordinal) {
        return new CudaContext(CudaDriver.load(), ordinal);
    }

    public DeviceInfo info() { return info; }

    /**
     * Makes the context current on the calling thread if it is not yet (cuCtxSetCurrent binds per thread; a thread
     * that never did gets CUDA_ERROR_INVALID_CONTEXT from every call); throws once the context is closed.
     */
    public void bind() {
        if (closed) throw new IllegalStateException("this CUDA context is closed");
        if (!bound.get()) {
            cu.setCurrent(ctx);
            bound.set(true);
        }
    }

    public CudaDriver driver() { bind(); return cu; }

    public MemorySegment stream() { bind(); return stream; }

    public Kernels kernels() { bind(); return kernels; }

    public CachingAllocator allocator() { bind(); return allocator; }

    public synchronized Cublas cublas() {
        bind();
        if (cublas == null) cublas = new Cublas(stream);
        return cublas;
    }

    public DeviceBuffer allocate(long bytes) {
        bind();
        return allocator.allocate(bytes);
    }

    public void synchronize() {
        bind();
        cu.streamSynchronize(stream);
    }

    // ---- copies (stream-synchronising) ----

    public DeviceBuffer upload(float[] v) { return upload(MemorySegment.ofArray(v), (long) v.length * 4); }

    public DeviceBuffer upload(int[] v) { return upload(MemorySegment.ofArray(v), (long) v.length * 4); }

    public DeviceBuffer upload(double[] v) { return upload(MemorySegment.ofArray(v), (long) v.length * 8); }

    public DeviceBuffer upload(short[] v) { return upload(MemorySegment.ofArray(v), (long) v.length * 2); }

    private DeviceBuffer upload(MemorySegment heap, long bytes) {
        DeviceBuffer b = allocate(bytes);
        write(b, heap, bytes);
        return b;
    }

    /** Copies host bytes into {@code b} (through native memory: the driver needs an address). */
    public void write(DeviceBuffer b, MemorySegment heap, long bytes) {
        bind();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment tmp = a.allocate(Math.max(1, bytes), 16);
            MemorySegment.copy(heap, 0, tmp, 0, bytes);
            cu.copyHostToDevice(b.pointer(), tmp, bytes, stream);
            cu.streamSynchronize(stream);   // before tmp goes
        }
    }

    public float[] downloadFloats(DeviceBuffer b, int n) {
        float[] v = new float[n];
        read(b, MemorySegment.ofArray(v), (long) n * 4);
        return v;
    }

    public int[] downloadInts(DeviceBuffer b, int n) {
        int[] v = new int[n];
        read(b, MemorySegment.ofArray(v), (long) n * 4);
        return v;
    }

    public double[] downloadDoubles(DeviceBuffer b, int n) {
        double[] v = new double[n];
        read(b, MemorySegment.ofArray(v), (long) n * 8);
        return v;
    }

    public short[] downloadShorts(DeviceBuffer b, int n) {
        short[] v = new short[n];
        read(b, MemorySegment.ofArray(v), (long) n * 2);
        return v;
    }

    private void read(DeviceBuffer b, MemorySegment heap, long bytes) {
        bind();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment tmp = a.allocate(Math.max(1, bytes), 16);
            cu.copyDeviceToHost(tmp, b.pointer(), bytes, stream);
            cu.streamSynchronize(stream);
            MemorySegment.copy(tmp, 0, heap, 0, bytes);
        }
    }

    /** Zeroes a buffer, in stream order. */
    public void zero(DeviceBuffer b) {
        bind();
        cu.memsetD8(b.pointer(), (byte) 0, b.bytes(), stream);
    }

    // ---- timing ----

    /** GPU time of {@code work} (run {@code reps} times after {@code warmup} runs) in ms per run, by CUDA events. */
    public double timeMs(Runnable work, int warmup, int reps) {
        bind();
        for (int i = 0; i < warmup; i++) work.run();
        MemorySegment start = cu.eventCreate(), end = cu.eventCreate();
        try {
            cu.eventRecord(start, stream);
            for (int i = 0; i < reps; i++) work.run();
            cu.eventRecord(end, stream);
            cu.eventSynchronize(end);
            return cu.elapsedMs(start, end) / reps;
        } finally {
            cu.eventDestroy(start);
            cu.eventDestroy(end);
        }
    }

    @Override
    public synchronized void close() {
        bind();
        closed = true;
        cu.streamSynchronize(stream);
        if (cublas != null) cublas.close();
        int leaked = allocator.freeAll();
        if (leaked > 0) System.err.println("r1j cuda: " + leaked + " device buffers were still open at close; freed");
        cu.moduleUnload(module);
        cu.streamDestroy(stream);
        cu.primaryContextRelease(device);
    }

}

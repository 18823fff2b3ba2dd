package org.r1j.cuda;


import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.r1j.cuda.blas.Cublas;
import org.r1j.cuda.driver.CudaDriver;
import org.r1j.cuda.memory.CachingAllocator;
import org.r1j.cuda.memory.DeviceBuffer;
import org.r1j.cuda.memory.DeviceMemory;

/**
 * One GPU as r1j uses it: the device's primary context made current on the thread that opens it (the owner: every
 * call checks), one non-blocking stream that all work goes to in order (copies and sets included: the legacy
 * default stream would not order with it), the kernels' module loaded from the fatbin, a caching allocator, and
 * cuBLAS on the same stream (loaded on first use). Copies between host arrays and device buffers synchronise. {@link #close()} frees in reverse order of creation.
 */
public final class CudaContext implements AutoCloseable {
    private final ThreadOwner owner = new ThreadOwner(
            "this CUDA context (the cuda backend runs every model call on the thread that opened it, once per JVM)");
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

    /** Opens device {@code ordinal} on the calling thread, which becomes the owner. */
    public static CudaContext open(int ordinal) {
        return new CudaContext(CudaDriver.load(), ordinal);
    }

    public DeviceInfo info() { return info; }

    /** Throws unless the calling thread owns this context (for work that touches its state without the driver). */
    public void checkOwner() { owner.check(); }

    public CudaDriver driver() { owner.check(); return cu; }

    public MemorySegment stream() { owner.check(); return stream; }

    public Kernels kernels() { owner.check(); return kernels; }

    public CachingAllocator allocator() { owner.check(); return allocator; }

    public Cublas cublas() {
        owner.check();
        if (cublas == null) cublas = new Cublas(stream);
        return cublas;
    }

    public DeviceBuffer allocate(long bytes) {
        owner.check();
        return allocator.allocate(bytes);
    }

    public void synchronize() {
        owner.check();
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
        owner.check();
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
        owner.check();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment tmp = a.allocate(Math.max(1, bytes), 16);
            cu.copyDeviceToHost(tmp, b.pointer(), bytes, stream);
            cu.streamSynchronize(stream);
            MemorySegment.copy(tmp, 0, heap, 0, bytes);
        }
    }

    /** Zeroes a buffer, in stream order. */
    public void zero(DeviceBuffer b) {
        owner.check();
        cu.memsetD8(b.pointer(), (byte) 0, b.bytes(), stream);
    }

    // ---- timing ----

    /** GPU time of {@code work} (run {@code reps} times after {@code warmup} runs) in ms per run, by CUDA events. */
    public double timeMs(Runnable work, int warmup, int reps) {
        owner.check();
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
    public void close() {
        owner.check();
        cu.streamSynchronize(stream);
        if (cublas != null) cublas.close();
        int leaked = allocator.freeAll();
        if (leaked > 0) System.err.println("r1j cuda: " + leaked + " device buffers were still open at close; freed");
        cu.moduleUnload(module);
        cu.streamDestroy(stream);
        cu.primaryContextRelease(device);
    }

}

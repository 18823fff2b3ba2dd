package org.r1j.cuda.driver;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.r1j.cuda.Downcalls.call;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import org.r1j.cuda.CudaException;
import org.r1j.cuda.Downcalls;
import org.r1j.cuda.NativeLibrarySearch;

/**
 * The CUDA driver API ({@code libcuda.so.1}) through Java's FFM API: the calls r1j makes, each returning normally
 * or throwing {@link CudaException} with the driver's name for the error. Exported symbol names are the versioned
 * ones {@code cuda.h} maps to in CUDA 12/13 ({@code cuMemAlloc_v2}, {@code cuEventElapsedTime_v2}, ...). Handles
 * (CUcontext, CUmodule, CUfunction, CUstream, CUevent) are addresses; device pointers are {@code long}s.
 * Stateless apart from the library: which thread may call what is {@link org.r1j.cuda.CudaContext}'s business.
 */
public final class CudaDriver {
    public static final String SONAME = "libcuda.so.1";

    private final SymbolLookup lib;

    private final MethodHandle cuInit, cuDriverGetVersion, cuDeviceGetCount, cuDeviceGet, cuDeviceGetName,
            cuDeviceGetAttribute, cuDeviceTotalMem, cuDevicePrimaryCtxRetain, cuDevicePrimaryCtxRelease, cuCtxSetCurrent,
            cuCtxSynchronize, cuModuleLoadData, cuModuleUnload, cuModuleGetFunction, cuLaunchKernel, cuMemAlloc, cuMemFree,
            cuMemcpyHtoD, cuMemcpyDtoH, cuMemcpyDtoD, cuMemsetD8, cuMemGetInfo, cuStreamCreate, cuStreamDestroy,
            cuStreamSynchronize, cuEventCreate, cuEventDestroy, cuEventRecord, cuEventSynchronize, cuEventElapsedTime,
            cuGetErrorName;

    private CudaDriver(SymbolLookup lib) {
        this.lib = lib;
        cuInit = fn("cuInit", JAVA_INT);
        cuDriverGetVersion = fn("cuDriverGetVersion", ADDRESS);
        cuDeviceGetCount = fn("cuDeviceGetCount", ADDRESS);
        cuDeviceGet = fn("cuDeviceGet", ADDRESS, JAVA_INT);
        cuDeviceGetName = fn("cuDeviceGetName", ADDRESS, JAVA_INT, JAVA_INT);
        cuDeviceGetAttribute = fn("cuDeviceGetAttribute", ADDRESS, JAVA_INT, JAVA_INT);
        cuDeviceTotalMem = fn("cuDeviceTotalMem_v2", ADDRESS, JAVA_INT);
        cuDevicePrimaryCtxRetain = fn("cuDevicePrimaryCtxRetain", ADDRESS, JAVA_INT);
        cuDevicePrimaryCtxRelease = fn("cuDevicePrimaryCtxRelease_v2", JAVA_INT);
        cuCtxSetCurrent = fn("cuCtxSetCurrent", ADDRESS);
        cuCtxSynchronize = fn("cuCtxSynchronize");
        cuModuleLoadData = fn("cuModuleLoadData", ADDRESS, ADDRESS);
        cuModuleUnload = fn("cuModuleUnload", ADDRESS);
        cuModuleGetFunction = fn("cuModuleGetFunction", ADDRESS, ADDRESS, ADDRESS);
        cuLaunchKernel = fn("cuLaunchKernel", ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                ADDRESS, ADDRESS, ADDRESS);
        cuMemAlloc = fn("cuMemAlloc_v2", ADDRESS, JAVA_LONG);
        cuMemFree = fn("cuMemFree_v2", JAVA_LONG);
        // stream-ordered copies and sets only: the legacy default stream does not order with a non-blocking stream
        cuMemcpyHtoD = fn("cuMemcpyHtoDAsync_v2", JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);
        cuMemcpyDtoH = fn("cuMemcpyDtoHAsync_v2", ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS);
        cuMemcpyDtoD = fn("cuMemcpyDtoDAsync_v2", JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS);
        cuMemsetD8 = fn("cuMemsetD8Async", JAVA_LONG, java.lang.foreign.ValueLayout.JAVA_BYTE, JAVA_LONG, ADDRESS);
        cuMemGetInfo = fn("cuMemGetInfo_v2", ADDRESS, ADDRESS);
        cuStreamCreate = fn("cuStreamCreate", ADDRESS, JAVA_INT);
        cuStreamDestroy = fn("cuStreamDestroy_v2", ADDRESS);
        cuStreamSynchronize = fn("cuStreamSynchronize", ADDRESS);
        cuEventCreate = fn("cuEventCreate", ADDRESS, JAVA_INT);
        cuEventDestroy = fn("cuEventDestroy_v2", ADDRESS);
        cuEventRecord = fn("cuEventRecord", ADDRESS, ADDRESS);
        cuEventSynchronize = fn("cuEventSynchronize", ADDRESS);
        cuEventElapsedTime = fn("cuEventElapsedTime_v2", ADDRESS, ADDRESS, ADDRESS);
        cuGetErrorName = fn("cuGetErrorName", JAVA_INT, ADDRESS);
    }

    /** Loads the driver library (found as {@link NativeLibrarySearch} says) for the life of the JVM. */
    public static CudaDriver load() {
        return new CudaDriver(NativeLibrarySearch.system().open(SONAME, Arena.global()));
    }

    private MethodHandle fn(String name, MemoryLayout... args) {
        return Downcalls.intFunction(lib, name,
                SONAME + " has no " + name + ": the NVIDIA driver is older than CUDA 13 needs (580 or newer)", args);
    }

    /** Throws for a non-zero CUresult, with the driver's name for it. */
    public void check(int rc, String call) {
        if (rc != 0) throw new CudaException(call, rc, errorName(rc));
    }

    public String errorName(int rc) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            if (call(cuGetErrorName, rc, out) != 0) return "CUDA_ERROR_" + rc;
            return out.get(ADDRESS, 0).reinterpret(256).getString(0);
        }
    }

    private int intOut(MethodHandle h, String call, Object... rest) {
        try (Arena a = Arena.ofConfined()) {
            return callWithOut(a, JAVA_INT, h, call, rest).get(JAVA_INT, 0);
        }
    }

    private MemorySegment addressOut(MethodHandle h, String call, Object... rest) {
        try (Arena a = Arena.ofConfined()) {
            return callWithOut(a, ADDRESS, h, call, rest).get(ADDRESS, 0);
        }
    }

    /** Calls {@code h(out, rest…)} with a fresh out-parameter of {@code layout} in {@code a}, checked; returns out. */
    private MemorySegment callWithOut(Arena a, MemoryLayout layout, MethodHandle h, String call, Object[] rest) {
        MemorySegment out = a.allocate(layout);
        Object[] args = new Object[rest.length + 1];
        args[0] = out;
        System.arraycopy(rest, 0, args, 1, rest.length);
        check(call(h, args), call);
        return out;
    }

    // ---- device and context ----

    public void init() { check(call(cuInit, 0), "cuInit"); }

    /** e.g. 13000 for CUDA 13.0. */
    public int driverVersion() { return intOut(cuDriverGetVersion, "cuDriverGetVersion"); }

    public int deviceCount() { return intOut(cuDeviceGetCount, "cuDeviceGetCount"); }

    public int device(int ordinal) { return intOut(cuDeviceGet, "cuDeviceGet", ordinal); }

    public String deviceName(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(256);
            check(call(cuDeviceGetName, buf, 256, device), "cuDeviceGetName");
            return buf.getString(0);
        }
    }

    /** CU_DEVICE_ATTRIBUTE_* values used here. */
    public static final int ATTR_MULTIPROCESSOR_COUNT = 16, ATTR_CC_MAJOR = 75, ATTR_CC_MINOR = 76;

    public int attribute(int device, int attribute) {
        return intOut(cuDeviceGetAttribute, "cuDeviceGetAttribute", attribute, device);
    }

    public long totalMemory(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check(call(cuDeviceTotalMem, out, device), "cuDeviceTotalMem");
            return out.get(JAVA_LONG, 0);
        }
    }

    /** {free, total} bytes of the current context's device. */
    public long[] memoryInfo() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment free = a.allocate(JAVA_LONG), total = a.allocate(JAVA_LONG);
            check(call(cuMemGetInfo, free, total), "cuMemGetInfo");
            return new long[] {free.get(JAVA_LONG, 0), total.get(JAVA_LONG, 0)};
        }
    }

    public MemorySegment primaryContextRetain(int device) {
        return addressOut(cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain", device);
    }

    public void primaryContextRelease(int device) { check(call(cuDevicePrimaryCtxRelease, device), "cuDevicePrimaryCtxRelease"); }

    public void setCurrent(MemorySegment ctx) { check(call(cuCtxSetCurrent, ctx), "cuCtxSetCurrent"); }

    public void synchronize() { check(call(cuCtxSynchronize), "cuCtxSynchronize"); }

    // ---- modules and launches ----

    /** Loads a fatbin/cubin/PTX image (the bytes must stay put during the call: copied to native memory here). */
    public MemorySegment moduleLoadData(byte[] image) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment img = a.allocate(image.length + 1L, 16);
            MemorySegment.copy(image, 0, img, JAVA_BYTE_LAYOUT, 0, image.length);
            return addressOut(cuModuleLoadData, "cuModuleLoadData", img);
        }
    }

    private static final java.lang.foreign.ValueLayout.OfByte JAVA_BYTE_LAYOUT = java.lang.foreign.ValueLayout.JAVA_BYTE;

    public void moduleUnload(MemorySegment module) { check(call(cuModuleUnload, module), "cuModuleUnload"); }

    public MemorySegment function(MemorySegment module, String name) {
        try (Arena a = Arena.ofConfined()) {
            return addressOut(cuModuleGetFunction, "cuModuleGetFunction(" + name + ")", module, a.allocateFrom(name));
        }
    }

    /** cuLaunchKernel with kernelParams = an array of pointers to each argument's value (see KernelArgs). */
    public void launch(MemorySegment function, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
                       int sharedBytes, MemorySegment stream, MemorySegment kernelParams, String name) {
        int rc;
        try {   // invokeExact: the per-launch path stays free of boxing
            rc = (int) cuLaunchKernel.invokeExact(function, gridX, gridY, gridZ, blockX, blockY, blockZ, sharedBytes, stream,
                    kernelParams, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        check(rc, "cuLaunchKernel(" + name + ")");
    }

    // ---- memory ----

    public long memAlloc(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check(call(cuMemAlloc, out, bytes), "cuMemAlloc(" + bytes + " bytes)");
            return out.get(JAVA_LONG, 0);
        }
    }

    public void memFree(long ptr) { check(call(cuMemFree, ptr), "cuMemFree"); }

    /** Enqueued on {@code stream}; the host memory must stay until the stream has passed it (synchronise). */
    public void copyHostToDevice(long dst, MemorySegment src, long bytes, MemorySegment stream) {
        check(call(cuMemcpyHtoD, dst, src, bytes, stream), "cuMemcpyHtoDAsync");
    }

    /** Enqueued on {@code stream}; the data is there once the stream is synchronised. */
    public void copyDeviceToHost(MemorySegment dst, long src, long bytes, MemorySegment stream) {
        check(call(cuMemcpyDtoH, dst, src, bytes, stream), "cuMemcpyDtoHAsync");
    }

    public void copyDeviceToDevice(long dst, long src, long bytes, MemorySegment stream) {
        check(call(cuMemcpyDtoD, dst, src, bytes, stream), "cuMemcpyDtoDAsync");
    }

    public void memsetD8(long dst, byte value, long bytes, MemorySegment stream) {
        check(call(cuMemsetD8, dst, value, bytes, stream), "cuMemsetD8Async");
    }

    // ---- streams and events ----

    /** CU_STREAM_NON_BLOCKING: no implicit sync with the legacy default stream. */
    public MemorySegment streamCreate() { return addressOut(cuStreamCreate, "cuStreamCreate", 1); }

    public void streamDestroy(MemorySegment s) { check(call(cuStreamDestroy, s), "cuStreamDestroy"); }

    public void streamSynchronize(MemorySegment s) { check(call(cuStreamSynchronize, s), "cuStreamSynchronize"); }

    /** CU_EVENT_DEFAULT (timing enabled). */
    public MemorySegment eventCreate() { return addressOut(cuEventCreate, "cuEventCreate", 0); }

    public void eventDestroy(MemorySegment e) { check(call(cuEventDestroy, e), "cuEventDestroy"); }

    public void eventRecord(MemorySegment e, MemorySegment stream) { check(call(cuEventRecord, e, stream), "cuEventRecord"); }

    public void eventSynchronize(MemorySegment e) { check(call(cuEventSynchronize, e), "cuEventSynchronize"); }

    /** Milliseconds between two recorded, completed events. */
    public float elapsedMs(MemorySegment start, MemorySegment end) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_FLOAT);
            check(call(cuEventElapsedTime, out, start, end), "cuEventElapsedTime");
            return out.get(JAVA_FLOAT, 0);
        }
    }
}

package org.r1j.cuda.memory;

/** Raw device allocations: {@code cuMemAlloc}/{@code cuMemFree} on a GPU, a fake in tests. */
public interface DeviceMemory {
    /** A device pointer to {@code bytes} bytes; throws CudaException (OUT_OF_MEMORY when full). */
    long allocate(long bytes);

    void free(long pointer);
}

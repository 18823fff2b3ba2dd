package org.r1j.cuda.memory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.r1j.cuda.CudaException;

/**
 * A caching allocator over {@link DeviceMemory} (plain {@code cuMemAlloc}, never managed memory), as PyTorch's
 * CUDA allocator does in spirit: sizes round up to a size class (512 B steps below 1 MiB, 2 MiB steps above), a
 * closed buffer goes to its class's free list and the next request of that class reuses it, so a training step
 * that allocates the same shapes each time stops calling the driver after the first step. When the device is
 * full, the cache is freed and the allocation tried once more. Memory goes back to the driver only in
 * {@link #releaseCached()} and {@link #close()}, at points the caller chooses (deterministically, in address order).
 * Every thread of the context uses this one allocator, so its methods are synchronized.
 */
public final class CachingAllocator implements AutoCloseable {
    static final long SMALL = 512, LARGE = 2L << 20, SMALL_LIMIT = 1L << 20;

    private final DeviceMemory memory;
    private final TreeMap<Long, Deque<Long>> free = new TreeMap<>();   // capacity -> cached pointers
    private final Map<DeviceBuffer, Boolean> live = new IdentityHashMap<>();
    private long liveBytes, cachedBytes, peakBytes, driverAllocations;
    private boolean closed;

    public CachingAllocator(DeviceMemory memory) {
        this.memory = memory;
    }

    /** The size class of a request. */
    public static long sizeClass(long bytes) {
        if (bytes <= 0) return SMALL;
        long step = bytes < SMALL_LIMIT ? SMALL : LARGE;
        return (bytes + step - 1) / step * step;
    }

    public synchronized DeviceBuffer allocate(long bytes) {
        if (closed) throw new IllegalStateException("allocator is closed");
        if (bytes < 0) throw new IllegalArgumentException("negative allocation: " + bytes);
        long cap = sizeClass(bytes);
        Deque<Long> list = free.get(cap);
        long ptr;
        if (list != null && !list.isEmpty()) {
            ptr = list.pop();
            if (list.isEmpty()) free.remove(cap);
            cachedBytes -= cap;
        } else {
            ptr = fresh(cap);
        }
        DeviceBuffer b = new DeviceBuffer(this, ptr, bytes, cap);
        live.put(b, Boolean.TRUE);
        liveBytes += cap;
        peakBytes = Math.max(peakBytes, liveBytes + cachedBytes);
        return b;
    }

    private long fresh(long cap) {
        try {
            driverAllocations++;
            return memory.allocate(cap);
        } catch (CudaException e) {
            if (e.code() != CudaException.OUT_OF_MEMORY || cachedBytes == 0) throw e;
            releaseCached();
            return memory.allocate(cap);
        }
    }

    synchronized void giveBack(DeviceBuffer b) {
        if (live.remove(b) == null) throw new IllegalStateException("buffer does not belong to this allocator or was given back twice");
        liveBytes -= b.capacity();
        if (closed) {
            memory.free(b.rawPointer());
            return;
        }
        free.computeIfAbsent(b.capacity(), k -> new ArrayDeque<>()).push(b.rawPointer());
        cachedBytes += b.capacity();
    }

    /** Frees every cached (unused) block to the driver, in address order; live buffers stay. */
    public synchronized void releaseCached() {
        List<Long> ptrs = new ArrayList<>();
        free.values().forEach(ptrs::addAll);
        ptrs.sort(Comparator.naturalOrder());
        for (long p : ptrs) memory.free(p);
        free.clear();
        cachedBytes = 0;
    }

    /** Bytes held by open buffers (size classes). */
    public synchronized long liveBytes() { return liveBytes; }

    /** Bytes cached for reuse. */
    public synchronized long cachedBytes() { return cachedBytes; }

    /** The most ever held from the driver at once (live + cached). */
    public synchronized long peakBytes() { return peakBytes; }

    /** Calls to the driver's allocator so far (reuse does not count). */
    public synchronized long driverAllocations() { return driverAllocations; }

    public synchronized int liveBuffers() { return live.size(); }

    /** {@link #freeAll()}, ignoring the count. */
    @Override
    public synchronized void close() {
        freeAll();
    }

    /**
     * Frees everything: the cache, then buffers still open (which become unusable). Returns how many were still
     * open, so callers can report leaks.
     */
    public synchronized int freeAll() {
        if (closed) return 0;
        releaseCached();
        List<DeviceBuffer> open = new ArrayList<>(live.keySet());
        open.sort(Comparator.comparingLong(DeviceBuffer::rawPointer));
        for (DeviceBuffer b : open) {
            memory.free(b.rawPointer());
            b.invalidate();
        }
        live.clear();
        liveBytes = 0;
        closed = true;
        return open.size();
    }
}

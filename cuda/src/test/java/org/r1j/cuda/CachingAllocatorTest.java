package org.r1j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.r1j.cuda.memory.CachingAllocator;
import org.r1j.cuda.memory.DeviceBuffer;
import org.r1j.cuda.memory.DeviceMemory;

class CachingAllocatorTest {
    /** A device of fixed capacity that hands out increasing addresses and checks every free. */
    static final class FakeDevice implements DeviceMemory {
        final long capacity;
        final TreeMap<Long, Long> live = new TreeMap<>();
        final List<Long> freed = new ArrayList<>();
        long next = 0x7f0000000000L, used;

        FakeDevice(long capacity) {
            this.capacity = capacity;
        }

        @Override
        public long allocate(long bytes) {
            if (used + bytes > capacity) throw new CudaException("cuMemAlloc(" + bytes + " bytes)", CudaException.OUT_OF_MEMORY, "CUDA_ERROR_OUT_OF_MEMORY");
            long p = next;
            next += bytes + 4096;
            live.put(p, bytes);
            used += bytes;
            return p;
        }

        @Override
        public void free(long pointer) {
            Long bytes = live.remove(pointer);
            if (bytes == null) throw new AssertionError("free of a pointer that is not live: " + Long.toHexString(pointer));
            used -= bytes;
            freed.add(pointer);
        }
    }

    @Test
    void sizeClassesRoundUpInSmallAndLargeSteps() {
        assertEquals(512, CachingAllocator.sizeClass(1));
        assertEquals(512, CachingAllocator.sizeClass(512));
        assertEquals(1024, CachingAllocator.sizeClass(513));
        assertEquals(1L << 20, CachingAllocator.sizeClass((1L << 20) - 1));
        assertEquals(2L << 20, CachingAllocator.sizeClass(1L << 20));
        assertEquals(4L << 20, CachingAllocator.sizeClass((2L << 20) + 1));
    }

    @Test
    void aClosedBufferIsReusedForTheSameClassWithoutTheDriver() {
        FakeDevice dev = new FakeDevice(1L << 30);
        CachingAllocator a = new CachingAllocator(dev);
        DeviceBuffer b1 = a.allocate(1000);
        long p = b1.pointer();
        b1.close();
        assertEquals(1024, a.cachedBytes());
        DeviceBuffer b2 = a.allocate(700);   // same 1024-byte class
        assertEquals(p, b2.pointer());
        assertEquals(1, a.driverAllocations());
        DeviceBuffer b3 = a.allocate(5000);  // another class: the driver
        assertEquals(2, a.driverAllocations());
        assertEquals(1024 + 5120, a.liveBytes());
        assertEquals(0, a.cachedBytes());
        b2.close();
        b3.close();
        assertEquals(0, a.liveBytes());
        assertEquals(6144, a.peakBytes());
        assertEquals(2, dev.live.size(), "cached blocks stay with the allocator");
        a.close();
        assertTrue(dev.live.isEmpty(), "close frees everything");
    }

    @Test
    void aFullDeviceFreesTheCacheAndRetriesOnce() {
        FakeDevice dev = new FakeDevice(8L << 20);
        CachingAllocator a = new CachingAllocator(dev);
        a.allocate(3L << 20).close();          // 4 MiB class, cached
        a.allocate(1L << 20).close();          // 2 MiB class, cached: 6 MiB of 8 held
        DeviceBuffer big = a.allocate(5L << 20); // 6 MiB class: only fits once the cache is gone
        assertEquals(0, a.cachedBytes());
        assertEquals(6L << 20, dev.used);
        var e = assertThrows(CudaException.class, () -> a.allocate(4L << 20));
        assertEquals(CudaException.OUT_OF_MEMORY, e.code());
        big.close();
        a.close();
        assertTrue(dev.live.isEmpty());
    }

    @Test
    void closeFreesOpenBuffersInAddressOrderAndCountsThem() {
        FakeDevice dev = new FakeDevice(1L << 30);
        CachingAllocator a = new CachingAllocator(dev);
        DeviceBuffer x = a.allocate(10), y = a.allocate(20000), z = a.allocate(3L << 20);
        long px = x.pointer(), py = y.pointer(), pz = z.pointer();
        z.close();
        assertEquals(2, a.freeAll());
        assertEquals(List.of(pz, px, py), dev.freed, "the cache first, then open buffers in address order");
        assertTrue(dev.live.isEmpty());
        assertThrows(IllegalStateException.class, x::pointer, "a freed buffer cannot be used");
        assertThrows(IllegalStateException.class, () -> a.allocate(1));
        y.close();   // closing after the allocator is harmless
    }

    @Test
    void aBufferIsGivenBackOnce() {
        CachingAllocator a = new CachingAllocator(new FakeDevice(1L << 20));
        DeviceBuffer b = a.allocate(100);
        b.close();
        b.close();
        assertEquals(512, a.cachedBytes(), "the second close does nothing");
        assertThrows(IllegalStateException.class, b::pointer);
    }
}

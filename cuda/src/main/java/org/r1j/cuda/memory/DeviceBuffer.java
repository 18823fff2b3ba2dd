package org.r1j.cuda.memory;

/**
 * A block of device memory from a {@link CachingAllocator}: {@code bytes} asked for, {@code capacity} held.
 * {@link #close()} gives it back to the allocator's cache (not to the driver); using it after that is an error.
 */
public final class DeviceBuffer implements AutoCloseable {
    private final CachingAllocator owner;
    private final long pointer, bytes, capacity;
    private boolean open = true;

    DeviceBuffer(CachingAllocator owner, long pointer, long bytes, long capacity) {
        this.owner = owner;
        this.pointer = pointer;
        this.bytes = bytes;
        this.capacity = capacity;
    }

    /** The device address; throws once the buffer is closed. */
    public long pointer() {
        if (!open) throw new IllegalStateException("device buffer of " + bytes + " bytes was already given back");
        return pointer;
    }

    public long bytes() { return bytes; }

    public long capacity() { return capacity; }

    public boolean isOpen() { return open; }

    @Override
    public void close() {
        if (!open) return;
        open = false;
        owner.giveBack(this);
    }

    long rawPointer() { return pointer; }

    void invalidate() { open = false; }
}

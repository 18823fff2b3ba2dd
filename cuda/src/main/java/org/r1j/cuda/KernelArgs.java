package org.r1j.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel's arguments packed as {@code cuLaunchKernel} takes them: each value in its own native slot, and
 * {@link #pointers()} an array of the slots' addresses ({@code void** kernelParams}). The kinds are kept so a
 * launch can be checked against the kernel's declared parameters ({@link KernelSignature}) before it reaches the
 * driver, which would not notice a wrong argument. The driver copies the values at launch, so one KernelArgs may
 * be closed right after: {@link Kernels#launch} does.
 */
public final class KernelArgs implements AutoCloseable {
    /** C parameter types of r1j's kernels: device pointers, int, long (64-bit), float, double. */
    public enum Kind { PTR, I32, I64, F32, F64 }

    private final Arena arena = Arena.ofConfined();
    private final List<MemorySegment> slots = new ArrayList<>();
    private final List<Kind> kinds = new ArrayList<>();

    /** A device pointer (0 for a kernel's nullable inputs). */
    public KernelArgs ptr(long devicePointer) {
        return add(Kind.PTR, arena.allocateFrom(JAVA_LONG, devicePointer));
    }

    public KernelArgs i32(int v) { return add(Kind.I32, arena.allocateFrom(JAVA_INT, v)); }

    public KernelArgs i64(long v) { return add(Kind.I64, arena.allocateFrom(JAVA_LONG, v)); }

    public KernelArgs f32(float v) { return add(Kind.F32, arena.allocateFrom(JAVA_FLOAT, v)); }

    public KernelArgs f64(double v) { return add(Kind.F64, arena.allocateFrom(JAVA_DOUBLE, v)); }

    private KernelArgs add(Kind k, MemorySegment slot) {
        kinds.add(k);
        slots.add(slot);
        return this;
    }

    public List<Kind> kinds() { return List.copyOf(kinds); }

    /** {@code void*[]} of the slots, in argument order. */
    public MemorySegment pointers() {
        MemorySegment arr = arena.allocate(ADDRESS, Math.max(1, slots.size()));
        for (int i = 0; i < slots.size(); i++) arr.setAtIndex(ADDRESS, i, slots.get(i));
        return arr;
    }

    /** Frees the slots (a launch does this once the driver has copied them); closing twice is harmless. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) arena.close();
    }
}

package org.r1j.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Layouts;
import org.r1j.model.backend.Tensor;

/**
 * Recycles the model's activation and gradient buffers between steps (llm.c allocates them once; here any
 * batch shape works). Fresh off-heap arrays cost a page fault per 4 KiB on first touch — measured ~0.65 ms
 * per MB, about a fifth of a small-model training step — which reuse avoids.
 *
 * <p>Blocks are the model's backend's tensors ({@link Backend#alloc}). Buffers are flat blocks in size classes (m * 2^k elements, m in 8..15, so at most 12.5% slack); a request
 * gets a contiguous view of the block's prefix in the asked shape and order. Changing sequence lengths (as in
 * GRPO) therefore reuse the same few blocks instead of piling up one set per shape. Buffers come back with
 * their old contents: callers overwrite them fully or zero them ({@link Scope#zeros}).
 */
final class ArrayPool {
    private final Backend be;
    private final Map<String, ArrayDeque<Tensor>> free = new HashMap<>(); // dtype:class -> flat blocks

    ArrayPool(Backend be) {
        this.be = be;
    }

    static long sizeClass(long n) {
        if (n <= 16) return 16;
        int shift = 63 - Long.numberOfLeadingZeros(n) - 3;   // keep the top 4 bits
        long m = (n + (1L << shift) - 1) >>> shift;          // 8..16
        return m << shift;
    }

    private static String key(DataType t, long cls) {
        return t + ":" + cls;
    }

    private synchronized Tensor takeBlock(DataType t, long cls) {
        ArrayDeque<Tensor> q = free.get(key(t, cls));
        Tensor a = q == null ? null : q.poll();
        return a != null ? a : be.alloc(t, cls);
    }

    private synchronized void giveBlock(Tensor block) {
        free.computeIfAbsent(key(block.dtype(), block.length()), k -> new ArrayDeque<>()).push(block);
    }

    /**
     * Frees every pooled buffer (a device backend's memory must not wait for GC). Only blocks no scope holds are
     * pooled, so no live activation loses its memory; views of a closed scope's blocks must not be used after this.
     */
    synchronized void clear() {
        for (ArrayDeque<Tensor> q : free.values()) q.forEach(Tensor::close);
        free.clear();
    }

    Scope scope() {
        return new Scope();
    }

    /** Buffers taken for one pass; {@link #close} returns them all and frees the tensors it was given to own. */
    final class Scope implements AutoCloseable {
        private final List<Tensor> blocks = new ArrayList<>();
        private final List<Tensor> owned = new ArrayList<>();

        /** {@code t} (a tensor the backend made for this pass: ids, masks, log-probs) is freed when the scope closes. */
        Tensor own(Tensor t) {
            owned.add(t);
            return t;
        }

        /** A c-order buffer with arbitrary contents. */
        Tensor take(DataType t, long... shape) {
            return takeOrdered(t, 'c', shape);
        }

        /** A contiguous buffer in the given order ('c' or 'f') with arbitrary contents. */
        Tensor takeOrdered(DataType t, char order, long... shape) {
            Tensor block = takeBlock(t, sizeClass(Layouts.length(shape)));
            blocks.add(block);
            return block.view(0, shape, order == 'f' ? Layouts.columnMajor(shape) : Layouts.rowMajor(shape));
        }

        Tensor zeros(DataType t, long... shape) {
            Tensor z = take(t, shape);
            be.fill(z, 0);
            return z;
        }

        /** A copy of {@code src} in a pooled buffer. */
        Tensor copyOf(Tensor src) {
            Tensor c = take(src.dtype(), src.shape());
            be.copy(c, src);
            return c;
        }

        @Override
        public void close() {
            for (Tensor b : blocks) giveBlock(b);
            blocks.clear();
            owned.forEach(Tensor::close);
            owned.clear();
        }
    }
}

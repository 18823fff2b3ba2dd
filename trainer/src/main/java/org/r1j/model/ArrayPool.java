package org.r1j.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Recycles the model's activation and gradient buffers between steps (llm.c allocates them once; here they
 * are handed out by shape, so any batch shape works). Fresh off-heap arrays cost a page fault per 4 KiB on
 * first touch — measured ~0.65 ms per MB, about a fifth of a small-model training step — which reuse avoids.
 * Buffers come back with their old contents: callers overwrite them fully or zero them ({@link Scope#zeros}).
 */
final class ArrayPool {
    private final Map<String, ArrayDeque<INDArray>> free = new HashMap<>();

    private static String key(DataType t, char order, long[] shape) {
        return t + "" + order + Arrays.toString(shape);
    }

    synchronized INDArray take(DataType t, char order, long... shape) {
        ArrayDeque<INDArray> q = free.get(key(t, order, shape));
        INDArray a = q == null ? null : q.poll();
        return a != null ? a : Nd4j.create(t, shape, order);
    }

    synchronized void give(INDArray a) {
        free.computeIfAbsent(key(a.dataType(), a.ordering(), a.shape()), k -> new ArrayDeque<>()).push(a);
    }

    /** Drops every pooled buffer (they are freed when collected). */
    synchronized void clear() {
        free.clear();
    }

    Scope scope() {
        return new Scope();
    }

    /** Buffers taken for one pass; {@link #close} returns them all. */
    final class Scope implements AutoCloseable {
        private final List<INDArray> taken = new ArrayList<>();

        /** A c-order buffer with arbitrary contents. */
        INDArray take(DataType t, long... shape) {
            return takeOrdered(t, 'c', shape);
        }

        /** A buffer in the given order ('c' or 'f') with arbitrary contents. */
        INDArray takeOrdered(DataType t, char order, long... shape) {
            INDArray a = ArrayPool.this.take(t, order, shape);
            taken.add(a);
            return a;
        }

        INDArray zeros(DataType t, long... shape) {
            return take(t, shape).assign(0);
        }

        /** A copy of {@code src} in a pooled buffer. */
        INDArray copyOf(INDArray src) {
            return take(src.dataType(), src.shape()).assign(src);
        }

        @Override
        public void close() {
            for (INDArray a : taken) give(a);
            taken.clear();
        }
    }
}

package org.r1j.model.backend.simd;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Equal-length dense f32 arrays streamed through L1-sized heap chunks, for element-wise host kernels (see
 * {@link HostMemory}): {@code read} fills the input chunks, the kernel computes on the heap, {@code write} puts
 * the output chunks back. Arrays are listed inputs first; an array may be both (read, then written).
 */
final class SimdStreams {
    /** Elements per chunk: a few 8 KB arrays stay in L1. */
    public static final int CHUNK = 2048;

    private final int chunk;
    private final long length;
    private final FloatBuffer[] buffers;
    private final long[] offsets;
    private final float[][] chunks;

    public SimdStreams(INDArray... arrays) {
        this(CHUNK, arrays);
    }

    /** @param chunk elements per chunk (e.g. a multiple of a row length, so rows never straddle chunks) */
    public SimdStreams(int chunk, INDArray... arrays) {
        this.chunk = chunk;
        length = arrays[0].length();
        buffers = new FloatBuffer[arrays.length];
        offsets = new long[arrays.length];
        chunks = new float[arrays.length][chunk];
        for (int i = 0; i < arrays.length; i++) {
            if (arrays[i].length() != length || !HostMemory.isDense(arrays[i]))
                throw new IllegalArgumentException("host streams need dense arrays of one length: " + arrays[i].shapeInfoToString());
            buffers[i] = HostMemory.floats(arrays[i]);
            offsets[i] = arrays[i].offset();
        }
    }

    /** Elements in each array. */
    public long length() { return length; }

    /** Elements per chunk (the last chunk may be shorter). */
    public int chunkSize() { return chunk; }

    /** The heap chunk of array i. */
    public float[] chunk(int i) { return chunks[i]; }

    /** Fills the chunks of arrays [0, inputs) from element {@code at}; returns the chunk's length. */
    public int read(long at, int inputs) {
        int n = (int) Math.min(chunk, length - at);
        for (int i = 0; i < inputs; i++) buffers[i].get((int) (offsets[i] + at), chunks[i], 0, n);
        return n;
    }

    /** Writes the first n elements of the chunks of arrays [from, to) back at element {@code at}. */
    public void write(long at, int n, int from, int to) {
        for (int i = from; i < to; i++) buffers[i].put((int) (offsets[i] + at), chunks[i], 0, n);
    }
}

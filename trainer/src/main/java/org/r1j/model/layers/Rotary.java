package org.r1j.model.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rotary position embedding in Hugging Face's {@code rotate_half} convention (the two halves of a head are the
 * real and imaginary parts; not interleaved): {@code out = x * cos + rotate_half(x) * sin} with
 * {@code rotate_half(x) = [-x2, x1]}. Written as {@code out = x * cos + swap(x) * sinSigned}, sinSigned = [-sin, sin].
 */
public final class Rotary {
    private final INDArray cos;       // (maxPos, hs)
    private final INDArray sinSigned; // (maxPos, hs): first half negated

    /** Tables for positions 0..maxPos-1: inv_freq[i] = theta^(-2i/hs), angle = pos * inv_freq (repeated twice). */
    public Rotary(int maxPos, int hs, double theta, DataType dtype) {
        int h2 = hs / 2;
        double[] c = new double[maxPos * hs], s = new double[maxPos * hs];
        for (int p = 0; p < maxPos; p++) {
            for (int i = 0; i < h2; i++) {
                // float math like Hugging Face, so f32 parity holds at large positions
                float invFreq = (float) (1.0 / Math.pow(theta, (2.0 * i) / hs));
                float angle = (float) p * invFreq;
                double cv = Math.cos(angle), sv = Math.sin(angle);
                c[p * hs + i] = cv;
                c[p * hs + h2 + i] = cv;
                s[p * hs + i] = -sv;
                s[p * hs + h2 + i] = sv;
            }
        }
        this.cos = Nd4j.create(c, new long[] {maxPos, hs}, 'c').castTo(dtype);
        this.sinSigned = Nd4j.create(s, new long[] {maxPos, hs}, 'c').castTo(dtype);
    }

    public long maxPositions() {
        return cos.size(0);
    }

    /**
     * Gathers the tables at given positions.
     *
     * @param positions (B*T) int, row-major over (B, T)
     * @return {cos, sinSigned}, each (B, 1, T, hs)
     */
    public INDArray[] at(INDArray positions, int B, int T) {
        long hs = cos.size(1);
        INDArray c = Nd4j.create(cos.dataType(), (long) B * T, hs);
        INDArray s = Nd4j.create(cos.dataType(), (long) B * T, hs);
        Embedding.forward(c, positions, cos);
        Embedding.forward(s, positions, sinSigned);
        return new INDArray[] {c.reshape(B, 1, T, hs), s.reshape(B, 1, T, hs)};
    }

    /**
     * In place: {@code x = x * cos + swap(x) * sinSigned}.
     *
     * @param x   (B, H, T, hs)
     * @param cos (B, 1, T, hs), sinSigned likewise (from {@link #at})
     */
    public static void forward(INDArray x, INDArray cos, INDArray sinSigned) {
        long h2 = x.size(3) / 2;
        INDArray swapped = x.ulike();
        half(swapped, 0, h2).assign(half(x, h2, 2 * h2));
        half(swapped, h2, 2 * h2).assign(half(x, 0, h2));
        swapped.muli(sinSigned);
        x.muli(cos).addi(swapped);
    }

    /**
     * In place on the gradient. Forward was {@code out = x * cos + swap(x) * sinSigned}; swap is its own
     * inverse, so {@code dx = dout * cos + swap(dout * sinSigned)}.
     */
    public static void backward(INDArray dx, INDArray cos, INDArray sinSigned) {
        long h2 = dx.size(3) / 2;
        INDArray t = dx.mul(sinSigned);
        dx.muli(cos);
        half(dx, 0, h2).addi(half(t, h2, 2 * h2));
        half(dx, h2, 2 * h2).addi(half(t, 0, h2));
    }

    private static INDArray half(INDArray x, long from, long to) {
        return x.get(all(), all(), all(), interval(from, to));
    }
}

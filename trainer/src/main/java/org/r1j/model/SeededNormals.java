package org.r1j.model;

import java.util.stream.IntStream;

/**
 * Standard normal draws for {@link DecoderModel#random}, in plain Java, as a pure function of (seed, tensor name,
 * element index): counter-based, like JAX's or Philox's streams. Element pair p of a stream takes two 64-bit words
 * from SplitMix64's finaliser (Steele, Lea &amp; Flood 2014, "Fast splittable pseudorandom number generators"; the
 * mixer of {@code java.util.SplittableRandom}) applied to the counters 2p and 2p+1, makes two uniforms in (0, 1]
 * and turns them into two normals by Box–Muller with {@link StrictMath} (fdlibm, bit-exact on every JVM and CPU).
 *
 * <p>Why this generator: the values are the same bits on every backend, machine and JDK (no native library and no
 * {@code Math} intrinsic is involved), whatever the thread count or chunking (so chunks are drawn in parallel and
 * a big embedding never needs one heap array), and a tensor's values depend on the seed, its name and its size
 * only, not on which tensors came before it.
 */
final class SeededNormals {
    private static final long GOLDEN = 0x9e3779b97f4a7c15L; // SplitMix64's counter increment (2^64 / golden ratio)
    private static final double TWO_PI = 2 * Math.PI;
    private final long key;

    /** The stream of tensor {@code name} under {@code seed}. */
    SeededNormals(long seed, String name) {
        long k = mix(seed);
        for (int i = 0; i < name.length(); i++) k = mix(k + name.charAt(i));
        this.key = k;
    }

    /** out[i] = (float) (scale * z[first + i]) for z the stream's normals; chunks of 64K are filled in parallel. */
    void fill(float[] out, long first, double scale) {
        int block = 1 << 16;
        IntStream.range(0, (out.length + block - 1) / block).parallel().forEach(b -> {
            int from = b * block, to = Math.min(out.length, from + block);
            for (int i = from; i < to; ) {
                long e = first + i;
                long p = e >>> 1;
                double r = StrictMath.sqrt(-2 * StrictMath.log(unit(mix(key + (2 * p + 1) * GOLDEN))));
                double theta = TWO_PI * unit(mix(key + (2 * p + 2) * GOLDEN));
                if ((e & 1) == 0) out[i++] = (float) (scale * r * StrictMath.cos(theta));
                if (i < to) out[i++] = (float) (scale * r * StrictMath.sin(theta));
            }
        });
    }

    /** SplitMix64's finaliser (a bijection of 64-bit words with full avalanche). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The top 53 bits as a uniform in (0, 1] (never 0, so the logarithm is finite). */
    private static double unit(long bits) {
        return ((bits >>> 11) + 1) * 0x1.0p-53;
    }
}

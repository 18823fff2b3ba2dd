package org.r1j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Tensor;

/**
 * Additive attention masks in the stacked-GQA layout (see {@code Attention}): 0 where a query may attend,
 * {@link #MASKED} where not. Every query may see its own key, so the rows of left-padding queries are never
 * fully masked (ND4J's softmax gives NaN there, and 0 * NaN would leak into real rows through att @ v).
 */
public final class Masks {
    /**
     * Minus infinity rather than a large negative number: exp(-inf) is 0 on libm's fast path, while exp of a very
     * negative finite score takes the underflow path — the full-matrix softmax at the bench shape ran 57 ms with
     * -1e9 and 39 ms with -inf. Safe because no row is fully masked (see above), so each row's max is finite.
     */
    public static final double MASKED = Double.NEGATIVE_INFINITY;

    private Masks() {}

    /**
     * (B, 1, T*G, S), rows t*G + g (see Attention): query t of row b sits at cache position {@code start + t} and may see key s when
     * {@code pad[b] <= s <= start + t} (causal, and not left padding), or when s is its own position.
     *
     * @param pad (B) left-padding per row, or null for none (then the mask is (1, 1, G*T, S))
     */
    static Tensor causal(Backend be, int[] pad, int G, int T, int S, int start, DataType dtype) {
        int rows = pad == null ? 1 : pad.length;
        float[] m = new float[rows * G * T * S];
        for (int b = 0; b < rows; b++) {
            int p = pad == null ? 0 : pad[b];
            for (int t = 0; t < T; t++) {
                for (int g = 0; g < G; g++) {
                    int base = ((b * T + t) * G + g) * S;
                    for (int s = 0; s < S; s++) {
                        boolean self = s == start + t; // keeps padding queries' rows from being all masked
                        if (!self && (s < p || s > start + t)) m[base + s] = (float) MASKED;
                    }
                }
            }
        }
        return be.fromHost(dtype, m, rows, 1, (long) G * T, S);   // laid out on the host, one copy in
    }
}

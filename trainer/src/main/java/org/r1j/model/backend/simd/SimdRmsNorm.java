package org.r1j.model.backend.simd;

import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link org.r1j.model.backend.nd4j.Nd4jRmsNorm}'s forward and backward as one SIMD pass over the rows each (see {@link HostMemory}), where ND4J
 * took five ops forward and eight backward (22 and 50 ms per training step at the bench shape, 9 norms).
 */
final class SimdRmsNorm {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private SimdRmsNorm() {}

    /** rstd = 1 / sqrt(mean(x^2) + eps) per row; out = x * rstd * w. Shapes as {@link org.r1j.model.backend.nd4j.Nd4jRmsNorm#forward}. */
    static void forward(INDArray out, INDArray rstd, INDArray inp, INDArray w, double eps) {
        int N = (int) inp.size(0), C = (int) inp.size(1);
        Row x = new Row(inp, C), o = new Row(out, C), r = new Row(rstd, 1);
        float[] wv = new Row(w, C).read(0);
        for (int n = 0; n < N; n++) {
            float[] xs = x.read(n), os = o.values;
            float rs = (float) (1 / Math.sqrt(SimdMath.dot(xs, 0, xs, 0, C) / C + eps));
            int i = 0;
            for (int end = F.loopBound(C); i < end; i += F.length()) {
                FloatVector.fromArray(F, xs, i).mul(rs).mul(FloatVector.fromArray(F, wv, i)).intoArray(os, i);
            }
            for (; i < C; i++) os[i] = xs[i] * rs * wv[i];
            o.write(n);
            r.values[0] = rs;
            r.write(n);
        }
    }

    /**
     * With xhat = x rstd and g = dout w: dw += sum_N dout xhat; dx += rstd (g - xhat mean_C(g xhat)).
     * Shapes as {@link org.r1j.model.backend.nd4j.Nd4jRmsNorm#backward}.
     */
    static void backward(INDArray dinp, INDArray dw, INDArray dout, INDArray inp, INDArray w, INDArray rstd) {
        int N = (int) inp.size(0), C = (int) inp.size(1);
        Row x = new Row(inp, C), d = new Row(dout, C), dx = new Row(dinp, C), r = new Row(rstd, 1), dwRow = new Row(dw, C);
        float[] wv = new Row(w, C).read(0), dwSum = new float[C], g = new float[C];
        for (int n = 0; n < N; n++) {
            float[] xs = x.read(n), ds = d.read(n), dxs = dx.read(n);
            float rs = r.read(n)[0];
            int i = 0;
            FloatVector dotV = FloatVector.zero(F);
            for (int end = F.loopBound(C); i < end; i += F.length()) {
                FloatVector xh = FloatVector.fromArray(F, xs, i).mul(rs), dv = FloatVector.fromArray(F, ds, i);
                FloatVector gv = dv.mul(FloatVector.fromArray(F, wv, i));
                gv.intoArray(g, i);
                dotV = gv.fma(xh, dotV);
                dv.fma(xh, FloatVector.fromArray(F, dwSum, i)).intoArray(dwSum, i);
            }
            float dot = SimdMath.sumLanes(dotV);
            for (; i < C; i++) {
                float xh = xs[i] * rs;
                g[i] = ds[i] * wv[i];
                dot += g[i] * xh;
                dwSum[i] += ds[i] * xh;
            }
            float mean = dot / C;
            for (i = 0; i < C; i++) dxs[i] += rs * (g[i] - xs[i] * rs * mean);
            dx.write(n);
        }
        float[] dws = dwRow.read(0);
        for (int i = 0; i < C; i++) dws[i] += dwSum[i];
        dwRow.write(0);
    }

    /** Row n of a dense array, through a heap buffer. */
    private static final class Row {
        final FloatBuffer buffer;
        final long offset;
        final int width;
        final float[] values;

        Row(INDArray a, int width) {
            buffer = HostMemory.floats(a);
            offset = a.offset();
            this.width = width;
            values = new float[width];
        }

        float[] read(int n) {
            buffer.get((int) (offset + (long) n * width), values, 0, width);
            return values;
        }

        void write(int n) {
            buffer.put((int) (offset + (long) n * width), values, 0, width);
        }
    }
}

package org.r1j.cuda.check;

/**
 * How close a result must be to the reference: {@code |got - want| <= atol + rtol |want|} for every element.
 * {@link #compare} measures the worst absolute and relative errors as well, for the report.
 */
public record Tolerance(double rtol, double atol) {
    /** The outcome of one comparison; maxRel is |got - want| / |want| over elements with want != 0. */
    public record Agreement(boolean ok, double maxAbs, double maxRel, int worst, double worstGot, double worstWant, int n) {
        public String summary() {
            return String.format("%s max abs %.3g, max rel %.3g over %d%s", ok ? "ok" : "FAILED", maxAbs, maxRel, n,
                    ok ? "" : String.format(" (worst at %d: got %s, want %s)", worst, worstGot, worstWant));
        }
    }

    public Agreement compare(double[] got, double[] want) {
        if (got.length != want.length) {
            return new Agreement(false, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, -1, got.length, want.length, want.length);
        }
        double maxAbs = 0, maxRel = 0, worstExcess = -1;
        int worst = -1;
        boolean ok = true;
        for (int i = 0; i < got.length; i++) {
            double g = got[i], w = want[i];
            if (g == w) continue;                                   // equal, infinities included
            double abs = Math.abs(g - w);
            if (Double.isNaN(abs)) abs = Double.POSITIVE_INFINITY;
            double bound = atol + rtol * Math.abs(w);
            maxAbs = Math.max(maxAbs, abs);
            if (w != 0) maxRel = Math.max(maxRel, abs / Math.abs(w));
            if (abs > bound) ok = false;
            if (abs - bound > worstExcess) {
                worstExcess = abs - bound;
                worst = i;
            }
        }
        return new Agreement(ok, maxAbs, maxRel, worst, worst < 0 ? 0 : got[worst], worst < 0 ? 0 : want[worst], got.length);
    }

    public Agreement compare(float[] got, float[] want) {
        return compare(widen(got), widen(want));
    }

    public static double[] widen(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

    public static double[] widen(int[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }
}

package org.r1j.dsl.lib.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MathEqualTest {
    /** Generous bound for "returns quickly" on a loaded shared machine; typical calls take well under 1 ms. */
    private static final long QUICK_MS = 1_500;

    @Test
    void reasonsAreShortAndSayWhy() {
        assertEquals("equal (numeric)", MathEqual.check("\\frac{1}{2}", "0.5", 1000).reason());
        assertEquals("equal (symbolic)", MathEqual.check("x^2-1", "(x-1)(x+1)", 1000).reason());
        assertEquals("different intervals: [0, 1) vs (0, 1]", MathEqual.check("[0,1)", "(0,1]", 1000).reason());
        assertEquals("different values: 3 vs 4", MathEqual.check("x = 3", "4", 1000).reason());
        assertEquals("equal (percent sign dropped)", MathEqual.check("28\\%", "28", 1000).reason());
        assertEquals("equal (rounded to 3 decimals)", MathEqual.check("1.414", "\\sqrt{2}", 1000).reason());
    }

    @Test
    void normalisedFormsAreReported() {
        MathVerdict v = MathEqual.check("The answer is $\\boxed{\\dfrac{3}{4}}$.", "0.75", 1000);
        assertEquals(Truth.TRUE, v.truth());
        assertEquals("3 / 4", v.predictedNormalized());
        assertEquals("0.75", v.goldNormalized());
    }

    @Test
    void exactArithmeticSeparatesTinyValues() {
        MathVerdict v = MathEqual.check("\\frac{1}{2004!}", "\\frac{1}{2006!}", 1000);
        assertEquals(Truth.FALSE, v.truth(), v.reason());
        assertTrue(v.reason().startsWith("different values: 1.87525193669E-5749"), v.reason());
    }

    @Test
    void timeLimitGivesUnknown() {
        // 0 ms is already over when the first check runs.
        MathVerdict v = MathEqual.check("\\sin^2 x + \\cos^2 x + \\tan^2 x", "1 + \\tan^2 x", 0);
        assertEquals(Truth.UNKNOWN, v.truth());
        assertEquals("timed out", v.reason());
    }

    @Test
    void nullsAndBlanksDoNotThrow() {
        assertEquals(Truth.FALSE, MathEqual.check(null, "1", 100).truth());
        assertEquals(Truth.UNKNOWN, MathEqual.check("1", null, 100).truth());
        assertEquals(Truth.UNKNOWN, MathEqual.check(null, null, 100).truth());
        assertEquals(Truth.FALSE, MathEqual.check("   ", "1", 100).truth());
    }

    @Test
    void adversarialInputsReturnQuicklyWithoutTrue() {
        String mb = "1".repeat(1 << 20);
        String nestedBraces = "{".repeat(10_000) + "1" + "}".repeat(10_000);
        String nestedParens = "(".repeat(600) + "1" + ")".repeat(600);
        String thousandDigits = "9".repeat(1000);
        List<String[]> cases = List.of(
                new String[] {mb, "1"},
                new String[] {"\\boxed{" + mb + "}", "1"},
                new String[] {"\\boxed{".repeat(50_000), "1"},
                new String[] {"\\boxed{" + nestedBraces + "}", "1"},
                new String[] {nestedBraces.substring(9_700, 10_300), "2"},
                new String[] {nestedParens, "1"},
                new String[] {"-".repeat(1500) + "1", "1"},
                new String[] {"10^10^10", "1"},
                new String[] {"10^{10^{10}}", "10^{10^{10}}+1"},
                new String[] {"2^{2^{2^{2^{2^{2}}}}}", "0"},
                new String[] {thousandDigits + "^" + thousandDigits, "1"},
                new String[] {"(" + thousandDigits + ")!", "1"},
                new String[] {"\\sin(10^{100})", "0"},
                new String[] {"x^{x^{x^{x}}}", "x"},
                new String[] {"1+".repeat(900) + "1", "1"},
                new String[] {"\\frac{".repeat(500), "1"},
                new String[] {"\\sqrt{".repeat(300) + "2" + "}".repeat(300), "1"});
        for (String[] c : cases) {
            long t0 = System.nanoTime();
            MathVerdict v = MathEqual.check(c[0], c[1], 200);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String shown = c[0].length() > 40 ? c[0].substring(0, 40) + "… (" + c[0].length() + " chars)" : c[0];
            assertTrue(ms < QUICK_MS, shown + " took " + ms + " ms");
            assertTrue(v.truth() != Truth.TRUE, shown + " was judged equal: " + v.reason());
            assertNotNull(v.reason());
        }
        MathVerdict big = MathEqual.check(thousandDigits, thousandDigits.substring(1) + "9", 200);
        assertEquals(Truth.TRUE, big.truth(), "1000-digit integers compare exactly");
        assertEquals(Truth.FALSE, MathEqual.check(thousandDigits, thousandDigits + "8", 200).truth());
    }

    @Test
    void randomGarbageNeverThrows() {
        String[] pieces = {"\\frac", "{", "}", "(", ")", "[", "]", "\\sqrt", "x", "2", "^", "_", "-", "+", "=", ",",
                "\\left(", "\\right)", "\\pi", "!", "%", "\\{", "\\}", "<", "\\le", "\\cup", "\\infty", "\\text{cm}",
                "0", ".", "\\pm", "|", "\\begin{pmatrix}", "&", "\\\\", "\\end{pmatrix}", "\\sin", "e", "\\boxed{",
                "1,000", "3.5", "\\log_", "\\binom", " ", "$", "\\", "°", "√", "∞", ".1", "\\frac.1", "0.\\overline{",
                "\\overline{3}", "f(", "1 000", "\\text{", "\\text{ m}", "\\lfloor", "\\begin{cases}", "\\emptyset", "i"};
        Random rnd = new Random(42);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder a = new StringBuilder();
            StringBuilder b = new StringBuilder();
            for (int k = rnd.nextInt(12); k >= 0; k--) a.append(pieces[rnd.nextInt(pieces.length)]);
            for (int k = rnd.nextInt(6); k >= 0; k--) b.append(pieces[rnd.nextInt(pieces.length)]);
            MathVerdict v = MathEqual.check(a.toString(), b.toString(), 200);
            assertNotNull(v.truth());
            assertTrue(!v.reason().startsWith("internal error"), a + " vs " + b + ": " + v.reason());
        }
    }

    @Test
    void threadsGetTheSameVerdicts() throws Exception {
        List<GoldenCorpus.Case> cases = GoldenCorpus.load();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Truth>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> cases.stream().map(c -> MathEqual.check(c.predicted(), c.gold(), 5_000).truth()).toList()));
            }
            List<Truth> expected = cases.stream().map(GoldenCorpus.Case::expected).toList();
            for (Future<List<Truth>> f : runs) assertEquals(expected, f.get());
        } finally {
            pool.shutdownNow();
        }
    }
}

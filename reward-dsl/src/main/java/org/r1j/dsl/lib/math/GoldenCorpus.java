package org.r1j.dsl.lib.math;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The math_equal golden corpus ({@code r1j/math-golden.tsv} on the classpath): (predicted, gold, expected) rows
 * covering numbers, separators, fractions, percentages, LaTeX, symbolic equivalence, tuples, sets, intervals,
 * equations, words, math-verify's documented cases and known failures, and degenerate inputs. Used by the unit
 * test that asserts every row and by {@code r1j bench rewards}.
 */
public final class GoldenCorpus {
    public static final String RESOURCE = "/r1j/math-golden.tsv";

    /** One row; {@code line} is its 1-based line in the file, for error messages. */
    public record Case(String predicted, String gold, Truth expected, String note, int line) {}

    private GoldenCorpus() {}

    public static List<Case> load() {
        try (InputStream in = GoldenCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing classpath resource " + RESOURCE);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Case> out = new ArrayList<>();
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                if (f.length < 3) throw new IllegalStateException(RESOURCE + ":" + n + ": expected predicted<TAB>gold<TAB>expected");
                out.add(new Case(f[0], f[1], Truth.valueOf(f[2].trim()), f.length > 3 ? f[3] : "", n));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.r1j.dsl.lib.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The DFA fast path must answer exactly as RE2/J on every input; patterns it cannot express fall back. */
class RegexTest {
    private static final List<String[]> PATTERNS = List.of(
            new String[] {"^\\s*<think>.*?</think>\\s*<answer>.*?</answer>\\s*$", "s"},
            new String[] {"^<think>\\n.*?\\n</think>\\n<answer>\\n.*?\\n</answer>$", "sm"},
            new String[] {"^<think>\\n.*?\\n</think>\\n<answer>\\n.*?\\n</answer>$", ""},
            new String[] {"\\A<think>\\n.*?\\n</think>\\n<answer>\\n.*?\\n</answer>$", "sm"},
            new String[] {"\\A<a>[^<]*</a>\\z", ""},
            new String[] {"\\d+(\\.\\d+)?%", ""},
            new String[] {"(ab|a)+c", ""},
            new String[] {"x{2,3}y", ""},
            new String[] {"[a-c\\n]+\\S", ""},
            new String[] {"\\w+@\\w+\\.com", ""},
            new String[] {"(?s)<t>.*</t>", ""},
            new String[] {"^a|b$", ""},
            new String[] {"^$", "m"},
            new String[] {"a.b", ""},
            new String[] {"[]a]", ""},
            new String[] {"\\$\\d", ""});

    private static int flags(String f) {
        return (f.contains("s") ? Pattern.DOTALL : 0) | (f.contains("m") ? Pattern.MULTILINE : 0);
    }

    @Test
    void dfaAgreesWithRe2OnRandomInputs() {
        Random rnd = new Random(7);
        String alphabet = "ab c\n\t<>/thinkswerA1.%$@xy]";
        String[] pieces = {"<think>", "</think>", "<answer>", "</answer>", "\n", " ", "a", "12.5%", "<a>", "</a>", "w@x.com", "$3"};
        int withDfa = 0;
        for (String[] p : PATTERNS) {
            Regex r = Regex.compile(p[0], flags(p[1]));
            Pattern re2 = Pattern.compile(p[0], flags(p[1]));
            if (r.hasDfa()) withDfa++;
            for (int i = 0; i < 2_000; i++) {
                StringBuilder sb = new StringBuilder();
                int n = rnd.nextInt(12);
                for (int k = 0; k < n; k++) {
                    if (rnd.nextBoolean()) sb.append(pieces[rnd.nextInt(pieces.length)]);
                    else sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                String t = sb.toString();
                assertEquals(re2.matcher(t).find(), r.find(t), () -> "pattern " + p[0] + " flags " + p[1] + " on " + t.replace("\n", "\\n"));
            }
        }
        assertTrue(withDfa >= 12, "only " + withDfa + " patterns got a DFA");
    }

    @Test
    void unsupportedSyntaxFallsBackToRe2() {
        for (String p : new String[] {"\\bword\\b", "(?i)abc", "a(?m:^)b", "\\p{Greek}+", "a.{20}b", "x^y", "(?P<n>a)\\Q.\\E"}) {
            Regex r = Regex.compile(p, 0);
            assertFalse(r.hasDfa(), p);
            assertEquals(Pattern.compile(p).matcher("a word ab ΑΒ x^y .").find(), r.find("a word ab ΑΒ x^y ."), p);
        }
        assertFalse(Regex.compile("abc", Pattern.CASE_INSENSITIVE).hasDfa());
        assertTrue(Regex.compile("abc", Pattern.CASE_INSENSITIVE).find("xABCx"));
    }

    @Test
    void shippedFormatRegexesUseTheDfaAndStayFastOnHugeInput() {
        Regex r = Regex.compile("^\\s*<think>.*?</think>\\s*<answer>.*?</answer>\\s*$", Pattern.DOTALL);
        assertTrue(r.hasDfa());
        String big = "<think>" + "x".repeat(1 << 20) + "</think><answer>1</answer>";
        long t0 = System.nanoTime();
        assertTrue(r.find(big));
        assertTrue((System.nanoTime() - t0) / 1e6 < 1_000);
    }
}

package org.r1j.dsl.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.r1j.dsl.RewardProgram;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;

/** Built-ins through the language, against values worked out by hand or by the reference (open-r1) formulas. */
class BuiltinsTest {
    private static Map<String, Double> score(String src, String completion) {
        Score s = RewardProgram.compile("t", src).orThrow().score(Sample.of("p", completion, "ref"));
        return s.values();
    }

    private static double one(String expr, String completion) {
        return score("reward r = " + expr, completion).get("r");
    }

    @Test
    void cosineMatchesOpenR1() {
        // open-r1: min + 0.5 * (max - min) * (1 + cos(pi * len / max_len)), correct: min 0.5, max 1.0
        assertEquals(1.0, one("cosine(0, 0.5, 1.0, 1000)", ""), 1e-12);
        assertEquals(0.75, one("cosine(500, 0.5, 1.0, 1000)", ""), 1e-12);
        assertEquals(0.5, one("cosine(1000, 0.5, 1.0, 1000)", ""), 1e-12);
        assertEquals(0.5, one("cosine(5000, 0.5, 1.0, 1000)", ""), 1e-12);
        assertEquals(-1.0, one("cosine(0, -0.5, -1.0, 1000)", ""), 1e-12);
        assertEquals(-0.5 + 0.5 * -0.5 * (1 + Math.cos(Math.PI * 0.25)), one("cosine(250, -0.5, -1.0, 1000)", ""), 1e-12);
    }

    @Test
    void overlongIsDapoSoftPunishment() {
        assertEquals(0.0, one("overlong(3584, 4096, 512)", ""));
        assertEquals(-0.5, one("overlong(3840, 4096, 512)", ""), 1e-12);
        assertEquals(-1.0, one("overlong(4096, 4096, 512)", ""), 1e-12);
        assertEquals(-1.0, one("overlong(9000, 4096, 512)", ""));
    }

    @Test
    void repetitionIsOpenR1NgramShare() {
        // "a b a b a b": 3-grams aba, bab, aba, bab -> 2 unique of 4 -> 1 - 2/4
        assertEquals(0.5, one("repetition(completion, 3)", "a b A b a b"), 1e-12);
        assertEquals(0.0, one("repetition(completion, 3)", "one two"), 1e-12);
        assertEquals(0.0, one("repetition(completion, 2)", "x y z w"), 1e-12);
    }

    @Test
    void stepMarkersAgreeWithTheRegexTheyReplace() {
        Pattern open = Pattern.compile("(Step \\d+:|^\\d+\\.|\\n-|\\n\\*|First,|Second,|Next,|Finally,)");
        String[] texts = {"Step 1: a\nStep 2: b\n- c\n* d", "1. x\n2. y", "First, a. Second, b. Finally, c.",
                "Step x: no", "Step 12:Step 3:", "\n-\n-\n*", "", "12.", "First,Second,Next,"};
        for (String t : texts) {
            com.google.re2j.Matcher m = open.matcher(t);
            int n = 0;
            while (m.find()) n++;
            assertEquals(n, StepMarkers.count(t), t);
        }
        assertEquals(1.0, one("min(1, steps(completion) / 3)", "Step 1: a Step 2: b Step 3: c Step 4: d"));
    }

    @Test
    void textAndRegexFunctions() {
        String c = "<think>\n  reason  \n</think><answer> 42 </answer> and 7 more";
        Map<String, Double> v = score("""
                reward tag_ok = len(tag(completion, "think"))
                reward tag_missing = len(tag(completion, "nope"))
                reward cnt = count(completion, r"\\d+")
                reward grp = number(group(completion, r"<answer>\\s*(\\d+)", 1))
                reward fnd = number(find(completion, r"\\d+"))
                reward all = len(find_all(completion, r"\\d+"))
                reward full = num(matches(completion, r".*more"s))
                reward occ = occurrences(completion, "</")
                reward w = words(completion)
                reward last = number(last_number(completion))
                reward tokens = len(completion, "words")
                reward mx = max(1, 5, 3) + min([4, 2]) + clip(7, 0, 5) + abs(-1)
                """, c);
        assertEquals(6.0, v.get("tag_ok"));
        assertTrue(v.get("tag_missing").isNaN());
        assertEquals(2.0, v.get("cnt"));
        assertEquals(42.0, v.get("grp"));
        assertEquals(42.0, v.get("fnd"));
        assertEquals(2.0, v.get("all"));
        assertEquals(1.0, v.get("full"));
        assertEquals(2.0, v.get("occ"));
        assertEquals(8.0, v.get("w"));
        assertEquals(7.0, v.get("last"));
        assertEquals(8.0, v.get("tokens"));
        assertEquals(5 + 2 + 5 + 1.0, v.get("mx"));
    }

    @Test
    void valuesRenderCompactly() {
        assertEquals("0.7071", Values.number(Math.sqrt(0.5)));
        assertEquals("12", Values.number(12.0));
        assertEquals("-0.5", Values.number(-0.5));
        assertEquals("1.5E-7", Values.number(1.5e-7));
        assertEquals("`a⏎b`", Values.show("a\nb"));
        assertEquals(41, Values.show("x".repeat(100)).length() - 1);
    }

    @Test
    void everyBuiltinIsDocumented() {
        for (Function f : Library.STANDARD.all()) {
            assertTrue(f.doc().startsWith(f.name() + "("), f.name() + ": doc should start with its call form");
        }
    }
}

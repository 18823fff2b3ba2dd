package org.r1j.dsl.lib.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LanguageRatioTest {
    private static void assertRatio(String text, String code, int target, int words, String explanation) {
        LanguageRatio.Result r = LanguageRatio.ratio(text, code);
        assertEquals(words, r.words(), () -> "words in: " + text + " -> " + r);
        assertEquals(target, r.targetWords(), () -> "target words in: " + text + " -> " + r);
        assertEquals((double) target / words, r.ratio(), 1e-12);
        if (explanation != null) assertEquals(explanation, r.explanation());
    }

    @Test
    void plainEnglishIsAllTarget() {
        assertRatio("Okay, so I need to find the derivative. Hmm, wait, let me check.", "en", 12, 12, "en: 12/12 words");
    }

    @Test
    void hanCharactersAreWordsAcrossScripts() {
        String mixed = "我们需要计算 the sum of 2 and 3";
        assertRatio(mixed, "zh", 6, 10, "zh: 6/10 words (other: en 4)");
        assertRatio(mixed, "en", 4, 10, "en: 4/10 words (other: zh 6)");
    }

    @Test
    void kanaMakesHanJapanese() {
        assertRatio("これは答えです", "ja", 7, 7, "ja: 7/7 words");
        assertRatio("これは答えです", "zh", 0, 7, "zh: 0/7 words (other: ja 7)");
        // No kana anywhere: Han is Chinese, so a Japanese target gets nothing for it.
        assertRatio("我们计算和。", "ja", 0, 5, "ja: 0/5 words (other: zh 5)");
        // Katakana with the prolonged sound mark ー: every code point is a word.
        assertRatio("データ", "ja", 3, 3, null);
    }

    @Test
    void withinLatinTheSentenceDecidesAmbiguousWords() {
        // "berechnen" and "Summe" carry no German letters; the sentence's function words (dann, wir, die) decide.
        assertRatio("First we compute the sum. Dann berechnen wir die Summe.", "en", 5, 10, "en: 5/10 words (other: de 5)");
        assertRatio("Die Ableitung ist null. The derivative is zero.", "de", 4, 8, "de: 4/8 words (other: en 4)");
        assertRatio("La réponse est cinq, donc nous avons fini. The answer is five.", "fr", 8, 12, "fr: 8/12 words (other: en 4)");
        assertRatio("El año tiene doce meses, así que la respuesta es doce.", "es", 11, 11, null);
        assertRatio("El año tiene doce meses, así que la respuesta es doce.", "en", 0, 11, null);
    }

    @Test
    void r1StyleLanguageMixing() {
        // 12 + 5 Han characters, 4 English words; the math is not counted.
        assertRatio("首先，我们需要求出方程的解。Let me think again. 所以答案是 $x=3$。", "zh", 17, 21,
                "zh: 17/21 words (other: en 4)");
        // Within one sentence: "then", "get" are English evidence, "ist", "Antwort" German; "we" follows English,
        // "die" German, and "also" (in both lists, 2:2 evidence) goes to the target on the tie.
        assertRatio("Wir setzen x = 2 ein. Then we get 4, also ist die Antwort 4. Das ist richtig.", "de", 10, 13,
                "de: 10/13 words (other: en 3)");
    }

    @Test
    void peculiarLettersDecideSingleWords() {
        // "Größe" has ö and ß: German even inside an English sentence; the rest stays English.
        assertRatio("The Größe of the set is known.", "en", 6, 7, "en: 6/7 words (other: de 1)");
    }

    @Test
    void cyrillicRussianVersusUkrainian() {
        assertRatio("Ответ равен пяти. Відповідь дорівнює п'яти.", "ru", 3, 6, "ru: 3/6 words (other: uk 3)");
        assertRatio("Итак, ответ: пять.", "ru", 3, 3, null);
    }

    @Test
    void mathCodeNumbersAndVariablesAreNotWords() {
        String t = "Let $x^2 + y = 10$ so x = 3 and `print(x)` gives 3. See https://example.com/a?b=1 "
                + "and \\[ \\int_0^1 f \\] then \\textbf{done}.\n```python\nfor i in range(10): pass\n```";
        // let, so, and, gives, see, and, then, done
        assertRatio(t, "en", 8, 8, "en: 8/8 words");
    }

    @Test
    void noWordsIsNaN() {
        LanguageRatio.Result r = LanguageRatio.ratio("$$x = 1$$ 12 \\frac{1}{2} x y", "en");
        assertTrue(Double.isNaN(r.ratio()));
        assertEquals(0, r.words());
        assertTrue(Double.isNaN(LanguageRatio.ratio(null, "zh").ratio()));
    }

    @Test
    void languageCodes() {
        assertTrue(LanguageRatio.isSupported("en-US"));
        assertTrue(LanguageRatio.isSupported("ZH_Hans"));
        assertEquals(1.0, LanguageRatio.ratio("the answer", "EN-gb").ratio());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LanguageRatio.ratio("x", "xx"));
        assertTrue(e.getMessage().startsWith("unsupported language 'xx'; supported: en, de, fr, es, it, pt, nl, ru, uk, zh, ja"),
                e.getMessage());
    }

    @Test
    void randomUnicodeNeverThrows() {
        java.util.Random rnd = new java.util.Random(3);
        String[] codes = {"en", "zh", "ja", "ru", "de", "fr"};
        for (int i = 0; i < 5_000; i++) {
            StringBuilder t = new StringBuilder();
            for (int k = rnd.nextInt(40); k >= 0; k--) {
                int cp = rnd.nextInt(4) == 0 ? rnd.nextInt(0x110000) : rnd.nextInt(0x3100);
                if (Character.isValidCodePoint(cp)) t.appendCodePoint(cp);
                if (rnd.nextInt(6) == 0) t.append(new String[] {"$", "`", "\\begin{", "\\", "'", " ", "."}[rnd.nextInt(7)]);
            }
            LanguageRatio.Result r = LanguageRatio.ratio(t.toString(), codes[rnd.nextInt(codes.length)]);
            assertTrue(r.words() == 0 ? Double.isNaN(r.ratio()) : r.ratio() >= 0 && r.ratio() <= 1, r.toString());
        }
    }

    @Test
    void unbalancedMarkersStayLinear() {
        String t = "$ word ".repeat(20_000) + "``` word ".repeat(10_000) + "\\begin{x} ".repeat(10_000);
        long t0 = System.nanoTime();
        LanguageRatio.Result r = LanguageRatio.ratio(t, "en");
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 3_000, "took too long");
        // each "$ … $" or "``` … ```" pair swallows the word between its marks, so half the words remain;
        // \begin{x} without \end is a command followed by the single letter x: nothing
        assertEquals(10_000 + 5_000, r.words(), r.explanation());
    }
}

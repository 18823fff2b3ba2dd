package org.r1j.dsl.lib.lang;

import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits prose into {@link Word}s. A Han, Hiragana or Katakana code point is one word (those scripts do not
 * separate words with spaces). Elsewhere a word is a maximal run of letters and combining marks, with apostrophes
 * between letters kept inside ({@code don't}, {@code l'homme}); hyphens and other punctuation separate words.
 * Dropped: any run containing a digit (numbers, {@code x2}, {@code 3rd}) and single letters in Latin or Greek
 * script (variables such as x, n, α — this also drops English "a" and "I", which are then neither target nor
 * other). Single Cyrillic letters stay: they are common words (и, в, с) and rarely variables.
 */
final class Tokenizer {
    /** ー is script COMMON in Unicode but a Katakana sign in use. */
    private static final int PROLONGED_SOUND = 0x30FC;

    private Tokenizer() {}

    static List<Word> words(String prose) {
        List<Word> out = new ArrayList<>();
        int sentence = 0;
        int i = 0;
        int n = prose.length();
        while (i < n) {
            int cp = prose.codePointAt(i);
            if (isSentenceEnd(cp)) {
                sentence++;
                i += Character.charCount(cp);
                continue;
            }
            UnicodeScript script = cp == PROLONGED_SOUND ? UnicodeScript.KATAKANA : UnicodeScript.of(cp);
            if (isSyllabic(script) && Character.isLetter(cp)) {
                out.add(new Word(new String(Character.toChars(cp)), script, sentence));
                i += Character.charCount(cp);
                continue;
            }
            if (!Character.isLetterOrDigit(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            boolean digit = false;
            while (i < n) {
                int c = prose.codePointAt(i);
                if (Character.isLetter(c) && c != PROLONGED_SOUND && !isSyllabic(UnicodeScript.of(c)) || isMark(c)) {
                    i += Character.charCount(c);
                } else if (Character.isDigit(c)) {
                    digit = true;
                    i += Character.charCount(c);
                } else if ((c == '\'' || c == '\u2019') && i + 1 < n && Character.isLetter(prose.codePointAt(i + 1)) && i > start) {
                    i++;
                } else {
                    break;
                }
            }
            if (digit) continue;
            String w = prose.substring(start, i).replace('\u2019', '\'').toLowerCase(Locale.ROOT);
            UnicodeScript ws = scriptOf(w);
            if (w.codePointCount(0, w.length()) == 1 && (ws == UnicodeScript.LATIN || ws == UnicodeScript.GREEK)) continue;
            out.add(new Word(w, ws, sentence));
        }
        return out;
    }

    /** The script of a word's first letter (marks and apostrophes are COMMON/INHERITED). */
    private static UnicodeScript scriptOf(String w) {
        for (int k = 0; k < w.length(); ) {
            int c = w.codePointAt(k);
            UnicodeScript s = UnicodeScript.of(c);
            if (s != UnicodeScript.COMMON && s != UnicodeScript.INHERITED) return s;
            k += Character.charCount(c);
        }
        return UnicodeScript.COMMON;
    }

    static boolean isSyllabic(UnicodeScript s) {
        return s == UnicodeScript.HAN || s == UnicodeScript.HIRAGANA || s == UnicodeScript.KATAKANA;
    }

    private static boolean isMark(int c) {
        int t = Character.getType(c);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK;
    }

    private static boolean isSentenceEnd(int cp) {
        return cp == '.' || cp == '!' || cp == '?' || cp == '\n' || cp == '\u3002' || cp == '\uff01' || cp == '\uff1f';
    }
}

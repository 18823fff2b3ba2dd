package org.r1j.dsl.lib.lang;

import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DeepSeek-R1's language-consistency reward: the share of the chain of thought's words that are in the target
 * language, {@code ratio = targetWords / words}.
 *
 * <p><b>What is a word.</b> The text is first stripped of code ({@code ```…```}, {@code `…`}), LaTeX math
 * ({@code $…$}, {@code $$…$$}, {@code \(…\)}, {@code \[…\]}, environments), other LaTeX commands and URLs
 * ({@link Prose}). Then ({@link Tokenizer}): each Han, Hiragana or Katakana code point is a word; elsewhere a word
 * is a run of letters (apostrophes inside kept); runs containing digits and single Latin or Greek letters
 * (variables) are dropped and count for nothing.
 *
 * <p><b>Which language a word is in.</b> A word's script gives the supported languages it can belong to
 * ({@link Language}). When the script belongs to one supported language (Hangul → ko, kana → ja) that decides it.
 * When several share it (Latin: en, de, fr, es, it, pt, nl; Cyrillic: ru, uk; Han: zh, ja) the word's own evidence
 * narrows the choice: letters peculiar to some languages (ß, ñ, é, ы, і …) and membership in their function-word
 * lists ("the", "und", "est", "что" …). A word left with one candidate is decided and is evidence for its sentence.
 * A word still ambiguous ("derivative", "Summe", a Han character) takes the candidate with most evidence in its
 * sentence, else in the whole text; with no evidence at all a Han character is zh and any other word is the target
 * if the target is a candidate. Ties favour the target. A word in a script no supported language uses (Thai, …)
 * is never in the target.
 *
 * <p>Thread-safe and linear in the text. Typical use: {@code ratio(think, "en")}.
 */
public final class LanguageRatio {
    private LanguageRatio() {}

    /**
     * @param ratio       targetWords / words; NaN when there are no words
     * @param targetWords words judged to be in the target language
     * @param words       words counted (after stripping LaTeX, code, numbers and single-letter variables)
     * @param explanation one line, e.g. "en: 41/50 words (other: zh 7, de 2)"
     */
    public record Result(double ratio, int targetWords, int words, String explanation) {}

    /** Language codes accepted by {@link #ratio} (regional forms such as "en-US" or "zh_Hans" map to these). */
    public static List<String> supportedLanguages() {
        return Language.codes();
    }

    public static boolean isSupported(String languageCode) {
        return Language.of(languageCode) != null;
    }

    /**
     * @throws IllegalArgumentException when the language is not supported (the message lists those that are)
     */
    public static Result ratio(String text, String languageCode) {
        Language target = Language.of(languageCode);
        if (target == null) {
            throw new IllegalArgumentException("unsupported language '" + languageCode + "'; supported: "
                    + String.join(", ", Language.codes()));
        }
        List<Word> words = Tokenizer.words(Prose.strip(text == null ? "" : text));
        if (words.isEmpty()) {
            return new Result(Double.NaN, 0, 0, target.code + ": no words (after removing math, code and numbers)");
        }
        List<Set<Language>> candidates = new ArrayList<>(words.size());
        Map<Integer, Map<Language, Integer>> sentenceEvidence = new java.util.HashMap<>();
        Map<Language, Integer> textEvidence = new EnumMap<>(Language.class);
        for (Word w : words) {
            Set<Language> c = candidates(w);
            candidates.add(c);
            if (c.size() == 1) {
                Language l = c.iterator().next();
                sentenceEvidence.computeIfAbsent(w.sentence(), k -> new EnumMap<>(Language.class)).merge(l, 1, Integer::sum);
                textEvidence.merge(l, 1, Integer::sum);
            }
        }
        int hits = 0;
        Map<String, Integer> others = new LinkedHashMap<>();
        for (int k = 0; k < words.size(); k++) {
            Word w = words.get(k);
            Set<Language> c = candidates.get(k);
            String label;
            if (c.isEmpty()) {
                label = w.script().name().toLowerCase(Locale.ROOT);
            } else {
                Language l = c.size() == 1 ? c.iterator().next()
                        : choose(c, target, w.script(), sentenceEvidence.getOrDefault(w.sentence(), Map.of()), textEvidence);
                if (l == target) {
                    hits++;
                    continue;
                }
                label = l.code;
            }
            others.merge(label, 1, Integer::sum);
        }
        return new Result((double) hits / words.size(), hits, words.size(), explain(target, hits, words.size(), others));
    }

    /** Languages this word may be in, from its script, its peculiar letters and the function-word lists. */
    static Set<Language> candidates(Word w) {
        List<Language> sharing = Language.sharing(w.script());
        if (sharing.size() <= 1) return sharing.isEmpty() ? Set.of() : EnumSet.of(sharing.get(0));
        EnumSet<Language> c = EnumSet.copyOf(sharing);
        String t = w.text();
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            EnumSet<Language> withLetter = EnumSet.noneOf(Language.class);
            for (Language l : sharing) if (l.letters.indexOf(ch) >= 0) withLetter.add(l);
            if (withLetter.isEmpty()) continue;
            EnumSet<Language> narrowed = EnumSet.copyOf(c);
            narrowed.retainAll(withLetter);
            c = narrowed.isEmpty() ? withLetter : narrowed;
        }
        EnumSet<Language> listed = EnumSet.noneOf(Language.class);
        for (Language l : c) if (l.functionWords.contains(t)) listed.add(l);
        return listed.isEmpty() ? c : listed;
    }

    private static Language choose(Set<Language> c, Language target, UnicodeScript script,
                                   Map<Language, Integer> sentence, Map<Language, Integer> text) {
        Language best = mostEvidence(c, target, sentence);
        if (best == null) best = mostEvidence(c, target, text);
        if (best != null) return best;
        if (script == UnicodeScript.HAN) return Language.ZH; // Han with no kana anywhere: Chinese
        return c.contains(target) ? target : c.iterator().next();
    }

    private static Language mostEvidence(Set<Language> c, Language target, Map<Language, Integer> evidence) {
        Language best = null;
        int most = 0;
        for (Language l : c) {
            int n = evidence.getOrDefault(l, 0);
            if (n > most || n == most && n > 0 && l == target) {
                best = l;
                most = n;
            }
        }
        return best;
    }

    private static String explain(Language target, int hits, int words, Map<String, Integer> others) {
        StringBuilder b = new StringBuilder(target.code).append(": ").append(hits).append('/').append(words).append(" words");
        if (!others.isEmpty()) {
            b.append(" (other: ");
            others.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue())
                    .forEach(e -> b.append(e.getKey()).append(' ').append(e.getValue()).append(", "));
            b.setLength(b.length() - 2);
            b.append(')');
        }
        return b.toString();
    }
}

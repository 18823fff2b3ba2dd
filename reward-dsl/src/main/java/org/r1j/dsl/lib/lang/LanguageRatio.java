package org.r1j.dsl.lib.lang;

/** R1's language-consistency share. (Signature placeholder: implementation in progress.) */
public final class LanguageRatio {
    private LanguageRatio() {}

    /**
     * @param ratio       targetWords / words, NaN when there are no words
     * @param targetWords words judged to be in the target language
     * @param words       words counted (after stripping LaTeX, code, numbers, single-letter variables)
     * @param explanation one line, e.g. "41/50 words en (9 zh)"
     */
    public record Result(double ratio, int targetWords, int words, String explanation) {}

    public static Result ratio(String text, String languageCode) {
        return new Result(Double.NaN, 0, 0, "not implemented yet");
    }
}

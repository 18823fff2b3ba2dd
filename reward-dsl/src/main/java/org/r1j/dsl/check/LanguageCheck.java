package org.r1j.dsl.check;

import java.util.List;
import java.util.Locale;
import org.r1j.dsl.lib.lang.LanguageRatio;

/**
 * Compile-time check of a language code ({@code language "en"}, {@code language_ratio(text, "de")}) against the
 * languages {@link LanguageRatio} supports, with a suggestion for a near miss ("eng") or a language's English
 * name ("german").
 */
public final class LanguageCheck {
    private LanguageCheck() {}

    /** What is wrong with {@code code} in words, or null when it is supported. */
    public static String problem(String code) {
        if (LanguageRatio.isSupported(code)) return null;
        List<String> codes = LanguageRatio.supportedLanguages();
        String near = byName(code, codes);
        if (near == null) near = Suggest.closest(code.strip().toLowerCase(Locale.ROOT), codes, 1);  // codes are short: 2 edits reach most
        return "unknown language \"" + code + "\"" + (near != null ? "; did you mean \"" + near + "\"?"
                : "; supported: " + String.join(", ", codes) + " (ISO 639 codes)");
    }

    /** The code whose English name this is ("German" → "de"), or null. */
    private static String byName(String name, List<String> codes) {
        for (String c : codes) {
            if (Locale.of(c).getDisplayLanguage(Locale.ENGLISH).equalsIgnoreCase(name.strip())) return c;
        }
        return null;
    }
}

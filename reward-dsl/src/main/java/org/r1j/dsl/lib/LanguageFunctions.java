package org.r1j.dsl.lib;

import static org.r1j.dsl.check.Type.NUMBER;
import static org.r1j.dsl.check.Type.TEXT;

import org.r1j.dsl.check.LanguageCheck;
import org.r1j.dsl.lib.lang.LanguageRatio;

/** {@code language_ratio}: R1's language-consistency share over {@link LanguageRatio}. */
final class LanguageFunctions {
    private LanguageFunctions() {}

    static void register(Library l) {
        l.add(Function.of("language_ratio", "language_ratio(text[, code]): share of words in the target language (the file's `language` when no code is given); unknown when the text has no words",
                LanguageFunctions::ratio, Signature.of(NUMBER, TEXT, TEXT), Signature.of(NUMBER, TEXT)).quiet()
                .checkingLiterals((index, code) -> index == 1 ? LanguageCheck.problem(code) : null));
    }

    private static Object ratio(Object[] a, CallContext c) {
        String text = (String) a[0];
        String code = a.length > 1 ? (String) a[1] : c.defaultLanguage();
        if (code == null) return Unknown.of("no language given and the file declares none");
        Unknown cap = Values.tooLong("text", text, c.limits().maxTextInput());
        if (cap != null) return cap;
        int limit = c.limits().maxLanguageInput();
        boolean cut = text.length() > limit;
        LanguageRatio.Result r = LanguageRatio.ratio(cut ? text.substring(0, limit) : text, code);
        c.note(r.explanation() + (cut ? " (first " + limit + " of " + text.length() + " chars)" : ""));
        return Double.isNaN(r.ratio()) ? Unknown.of("no words") : r.ratio();
    }
}

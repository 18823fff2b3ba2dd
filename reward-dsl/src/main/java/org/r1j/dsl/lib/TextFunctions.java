package org.r1j.dsl.lib;

import static org.r1j.dsl.check.Type.BOOL;
import static org.r1j.dsl.check.Type.LIST;
import static org.r1j.dsl.check.Type.NUMBER;
import static org.r1j.dsl.check.Type.TEXT;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/** Text built-ins: {@code tag}, {@code len}, {@code words}, {@code occurrences}, {@code contains}, case and trim. */
final class TextFunctions {
    private TextFunctions() {}

    static void register(Library l) {
        l.add(Function.of("tag", "tag(text, name): the trimmed content between the first <name> and the next </name>; unknown if either is missing",
                (a, c) -> tag((String) a[0], (String) a[1], c), Signature.of(TEXT, TEXT, TEXT)));
        l.add(Function.of("len", "len(text) characters (code points); len(text, \"tokens\"|\"words\"|\"chars\"); len(list) items",
                TextFunctions::len, Signature.of(NUMBER, TEXT), Signature.of(NUMBER, TEXT, TEXT), Signature.of(NUMBER, LIST)));
        l.add(Function.of("words", "words(text): number of whitespace-separated words",
                (a, c) -> (double) words((String) a[0]), Signature.of(NUMBER, TEXT)));
        l.add(Function.of("occurrences", "occurrences(text, s): how often the literal s occurs (non-overlapping)",
                (a, c) -> (double) occurrences((String) a[0], (String) a[1]), Signature.of(NUMBER, TEXT, TEXT)));
        l.add(Function.of("contains", "contains(text, s): whether the literal s occurs",
                (a, c) -> ((String) a[0]).contains((String) a[1]), Signature.of(BOOL, TEXT, TEXT)).quiet());
        l.add(Function.of("starts_with", "starts_with(text, s)",
                (a, c) -> ((String) a[0]).startsWith((String) a[1]), Signature.of(BOOL, TEXT, TEXT)).quiet());
        l.add(Function.of("ends_with", "ends_with(text, s)",
                (a, c) -> ((String) a[0]).endsWith((String) a[1]), Signature.of(BOOL, TEXT, TEXT)).quiet());
        l.add(Function.of("lower", "lower(text)", (a, c) -> ((String) a[0]).toLowerCase(Locale.ROOT),
                Signature.of(TEXT, TEXT)).quiet());
        l.add(Function.of("upper", "upper(text)", (a, c) -> ((String) a[0]).toUpperCase(Locale.ROOT),
                Signature.of(TEXT, TEXT)).quiet());
        l.add(Function.of("trim", "trim(text): without leading and trailing white space", (a, c) -> ((String) a[0]).strip(),
                Signature.of(TEXT, TEXT)).quiet());
    }

    static Object tag(String text, String name, CallContext ctx) {
        Unknown cap = Values.tooLong("text", text, ctx.limits().maxTextInput());
        if (cap != null) return cap;
        String open = "<" + name + ">";
        String close = "</" + name + ">";
        int from = text.indexOf(open);
        if (from < 0) return Unknown.of("no " + open);
        int to = text.indexOf(close, from + open.length());
        if (to < 0) return Unknown.of("no " + close + " after " + open);
        return text.substring(from + open.length(), to).strip();
    }

    private static Object len(Object[] a, CallContext ctx) {
        if (a[0] instanceof List<?> list) return (double) list.size();
        String text = (String) a[0];
        String unit = a.length > 1 ? (String) a[1] : "chars";
        switch (unit) {
            case "chars":
                return (double) text.codePointCount(0, text.length());
            case "words":
                return (double) words(text);
            case "tokens": {
                OptionalInt n = ctx.tokens(text);
                return n.isPresent() ? (Object) (double) n.getAsInt()
                        : Unknown.of("no token count (the trainer supplies one; `r1j reward score` reads a completion_tokens field)");
            }
            default:
                return Unknown.of("len unit must be \"chars\", \"words\" or \"tokens\", not \"" + unit + "\"");
        }
    }

    static int words(String text) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            boolean ws = Character.isWhitespace(text.charAt(i));
            if (!ws && !in) n++;
            in = !ws;
        }
        return n;
    }

    static int occurrences(String text, String s) {
        if (s.isEmpty()) return 0;
        int n = 0;
        for (int i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + s.length())) n++;
        return n;
    }
}

package org.r1j.dsl.lib.math;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an answer written in LaTeX or plain text into {@link Token}s, normalising as it goes: {@code \dfrac} and
 * {@code \tfrac} become {@code frac}, spacing and sizing commands ({@code \left}, {@code \,}, {@code $}) vanish,
 * {@code \le} becomes {@code <=}, Unicode operators become ASCII, degree marks ({@code ^\circ}, °) are dropped,
 * thousands separators inside numbers ({@code 1{,}000}, {@code 1\,000}, and {@code 1,000} when the caller says commas
 * group digits) are removed, and {@code \text{…}} holding no math becomes one WORD (a unit or a text answer).
 * Linear in the input; the parser bounds nesting.
 */
final class LatexLexer {
    /** Plain-text names that mean a function or constant rather than a product of letters. */
    static final Set<String> NAMES = Set.of("sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan",
            "asin", "acos", "atan", "sinh", "cosh", "tanh", "ln", "log", "lg", "exp", "sqrt", "abs", "floor", "ceil",
            "pi", "infty", "binom");
    private static final Map<String, String> NAME_ALIASES = Map.of("inf", "infty", "infinity", "infty", "oo", "infty");
    /** Two-letter words that are units or ordinal suffixes (3+ letter words are always words). */
    private static final Set<String> SHORT_WORDS = Set.of("cm", "mm", "km", "kg", "mg", "ml", "ft", "yd", "mi", "hr",
            "oz", "lb", "sq", "st", "nd", "rd", "th", "or", "cc", "ms", "in", "is", "no");
    /** Commands that only change spacing, size or font: dropped, their braces (if any) stay as grouping. */
    private static final Set<String> IGNORED = Set.of("left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr",
            "Bigl", "Bigr", "biggl", "biggr", "displaystyle", "textstyle", "scriptstyle", "quad", "qquad", "limits",
            "nolimits", "mathbf", "mathit", "mathsf", "mathtt", "boldsymbol", "bf", "rm", "it", "ensuremath",
            "circ", "degree", "degrees", "dollar", "cdots", "ldots", "dots", "mathbb", "bm", "hfill", "nonumber",
            "notag", "mathcal", "underline", "overline", "bar", "hat", "vec", "tilde", "widehat", "displaylimits");
    /** Commands whose braced argument is text: a unit, a word answer, or (if it holds math) more math. */
    private static final Set<String> TEXT_CMDS = Set.of("text", "textbf", "textit", "textrm", "textnormal", "mbox",
            "mathrm", "operatorname", "hbox", "textsf", "texttt", "emph");
    private static final Map<String, String> CMD_SYMS = Map.ofEntries(
            Map.entry("le", "<="), Map.entry("leq", "<="), Map.entry("leqslant", "<="), Map.entry("ge", ">="),
            Map.entry("geq", ">="), Map.entry("geqslant", ">="), Map.entry("ne", "!="), Map.entry("neq", "!="),
            Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("cdot", "*"), Map.entry("times", "*"),
            Map.entry("ast", "*"), Map.entry("div", "/"), Map.entry("approx", "="), Map.entry("simeq", "="),
            Map.entry("equiv", "="), Map.entry("lbrace", "\\{"), Map.entry("rbrace", "\\}"), Map.entry("langle", "("),
            Map.entry("rangle", ")"), Map.entry("lvert", "|"), Map.entry("rvert", "|"), Map.entry("vert", "|"),
            Map.entry("mid", "|"), Map.entry("to", "->"), Map.entry("rightarrow", "->"), Map.entry("colon", ":"),
            Map.entry("lbrack", "["), Map.entry("rbrack", "]"), Map.entry("setminus", "\\"));
    private static final Map<String, String> CMD_ALIASES = Map.of("dfrac", "frac", "tfrac", "frac", "cfrac", "frac",
            "varpi", "pi", "uplus", "cup", "bigcup", "cup", "dbinom", "binom", "tbinom", "binom", "varnothing", "emptyset");

    private final String s;
    private final boolean commaGroups;
    private final Deadline deadline;
    private final List<Token> out = new ArrayList<>();
    private int i;

    private LatexLexer(String s, boolean commaGroups, Deadline deadline) {
        this.s = s;
        this.commaGroups = commaGroups;
        this.deadline = deadline;
    }

    /**
     * @param commaGroups whether a plain comma followed by exactly three digits groups thousands ("1,000")
     *                    rather than separating items ("1,2")
     */
    static List<Token> lex(String s, boolean commaGroups, Deadline deadline) {
        LatexLexer l = new LatexLexer(s, commaGroups, deadline);
        l.run(s.length());
        return l.out;
    }

    private void run(int end) {
        while (i < end) {
            if ((i & 1023) == 0) deadline.check();
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '$' || c == '~' || c == '\u2009' || c == '\u00a0') {
                i++;
            } else if (c == '\\') {
                command(end);
            } else if (isDigit(c) || (c == '.' && i + 1 < end && isDigit(s.charAt(i + 1)))) {
                number(end);
            } else if (isAsciiLetter(c)) {
                letters(end);
            } else if (Character.isLetter(c) && !isUnicodeSymbol(c)) {
                int st = i;
                while (i < end && Character.isLetter(s.charAt(i)) && !isUnicodeSymbol(s.charAt(i))) i++;
                out.add(new Token(Token.Kind.WORD, s.substring(st, i)));
            } else {
                symbol(c, end);
            }
        }
    }

    private void command(int end) {
        int st = ++i;
        if (i >= end) return;
        char c = s.charAt(i);
        if (!isAsciiLetter(c)) {
            i++;
            switch (c) {
                case '{' -> out.add(sym("\\{"));
                case '}' -> out.add(sym("\\}"));
                case '%' -> out.add(sym("%"));
                case '\\' -> out.add(sym("\\\\"));
                case '(', ')', '[', ']', ',', ';', ':', '!', ' ', '$', '>', '<' -> { } // math-mode delimiters and spaces
                case '|' -> out.add(sym("|"));
                default -> out.add(sym(String.valueOf(c)));
            }
            return;
        }
        while (i < end && isAsciiLetter(s.charAt(i))) i++;
        String name = s.substring(st, i);
        if (name.equals("circ") || name.equals("degree")) {
            dropDegreeCaret();
            return;
        }
        if (IGNORED.contains(name)) return;
        if (TEXT_CMDS.contains(name)) {
            textArgument(end, name.equals("mathrm") || name.equals("operatorname"));
            return;
        }
        if (name.equals("hspace") || name.equals("vspace") || name.equals("phantom") || name.equals("label")) {
            skipGroup(end);
            return;
        }
        if (name.equals("begin") || name.equals("end")) {
            String env = groupContent(end);
            if (env != null) out.add(new Token(Token.Kind.CMD, name + ":" + env.replace("*", "")));
            return;
        }
        String mapped = CMD_SYMS.get(name);
        if (mapped != null) {
            out.add(sym(mapped));
            return;
        }
        out.add(new Token(Token.Kind.CMD, CMD_ALIASES.getOrDefault(name, name)));
    }

    /** "30^\circ", "30^{\circ}": the caret (and an opened brace) are already out; remove them with the degree mark. */
    private void dropDegreeCaret() {
        if (!out.isEmpty() && out.get(out.size() - 1).isSym("{") && out.size() >= 2
                && out.get(out.size() - 2).isSym("^")) {
            out.remove(out.size() - 1);
            out.remove(out.size() - 1);
            int j = i;
            while (j < s.length() && Character.isWhitespace(s.charAt(j))) j++;
            if (j < s.length() && s.charAt(j) == '}') i = j + 1;
        } else if (!out.isEmpty() && out.get(out.size() - 1).isSym("^")) {
            out.remove(out.size() - 1);
        }
    }

    /** The argument of \text{…}: TEXT words when it holds no digit and no command (units, "or"), else math. */
    private void textArgument(int end) {
        textArgument(end, false);
    }

    /**
     * With {@code mathName} (\mathrm, \operatorname), an argument that is one letter or a known name is math:
     * {@code \mathrm{e}}, {@code \mathrm{i}}, {@code \operatorname{sin}} mean e, i, sin, not the words.
     */
    private void textArgument(int end, boolean mathName) {
        int j = skipSpaces(i, end);
        if (j >= end || s.charAt(j) != '{') return;
        int close = matchingBrace(j, end);
        if (close < 0) {
            i = j + 1;
            return;
        }
        String inner = s.substring(j + 1, close);
        String bare = inner.strip();
        if (mathName && !bare.isEmpty() && bare.chars().allMatch(ch -> isAsciiLetter((char) ch))
                && (bare.length() == 1 || NAMES.contains(bare.toLowerCase(java.util.Locale.ROOT)))) {
            int saved = close + 1;
            i = j + 1;
            run(close);
            i = saved;
            return;
        }
        if (inner.chars().noneMatch(ch -> Character.isDigit(ch) || ch == '\\' || ch == '=')
                && inner.chars().anyMatch(Character::isLetter)) {
            for (String w : inner.trim().split("[\\s.,]+")) {
                if (!w.isEmpty()) out.add(new Token(Token.Kind.TEXT, w));
            }
            i = close + 1;
        } else {
            i = j + 1;
            run(close);
            i = close + 1;
        }
    }

    private void skipGroup(int end) {
        int j = skipSpaces(i, end);
        if (j < end && s.charAt(j) == '{') {
            int close = matchingBrace(j, end);
            i = close < 0 ? end : close + 1;
        }
    }

    private String groupContent(int end) {
        int j = skipSpaces(i, end);
        if (j >= end || s.charAt(j) != '{') return null;
        int close = matchingBrace(j, end);
        if (close < 0) return null;
        i = close + 1;
        return s.substring(j + 1, close).trim();
    }

    private int matchingBrace(int open, int end) {
        int depth = 0;
        for (int j = open; j < end; j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    private void number(int end) {
        StringBuilder b = new StringBuilder();
        digits(b, end);
        while (true) {
            int sep = groupSeparatorLength(end);
            if (sep == 0) break;
            i += sep;
            b.append(s, i, i + 3);
            i += 3;
        }
        String repeating = i < end && s.charAt(i) == '.' ? repeatingPart(i + 1, end) : null;
        if (repeating != null) {
            out.add(new Token(Token.Kind.NUM, b + repeating));
            return;
        }
        if (i + 1 < end && s.charAt(i) == '.' && isDigit(s.charAt(i + 1))) {
            b.append('.');
            i++;
            digits(b, end);
        }
        if (i + 1 < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < end && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
            int k = j;
            while (k < end && isDigit(s.charAt(k))) k++;
            if (k > j && (k >= end || !isAsciiLetter(s.charAt(k)))) {
                b.append('E').append(s, i + 1, k);
                i = k;
            }
        }
        out.add(new Token(Token.Kind.NUM, b.toString()));
    }

    /**
     * "0.1\overline{6}" / "0.\bar{3}" from just after the point: returns ".1(6)" and moves past it, or null (and
     * does not move) when no repeating block follows.
     */
    private String repeatingPart(int from, int end) {
        int j = from;
        while (j < end && isDigit(s.charAt(j))) j++;
        for (String cmd : new String[] {"\\overline{", "\\bar{", "\\dot{"}) {
            if (!s.startsWith(cmd, j)) continue;
            int k = j + cmd.length();
            int r = k;
            while (r < end && isDigit(s.charAt(r))) r++;
            if (r == k || r >= end || s.charAt(r) != '}') return null;
            String result = "." + s.substring(from, j) + "(" + s.substring(k, r) + ")";
            i = r + 1;
            return result;
        }
        return null;
    }

    /** Length of a thousands separator at i that is followed by exactly three digits, else 0. */
    private int groupSeparatorLength(int end) {
        int len;
        if (s.startsWith("{,}", i)) len = 3;
        else if (s.startsWith("\\,", i) || s.startsWith("\\ ", i)) len = 2;
        else if (i < end && (s.charAt(i) == '\u2009' || s.charAt(i) == '\u202f')) len = 1;
        else if (commaGroups && i < end && (s.charAt(i) == ',' || s.charAt(i) == ' ')) len = 1;
        else return 0;
        int j = i + len;
        if (j + 3 > end) return 0;
        for (int k = j; k < j + 3; k++) if (!isDigit(s.charAt(k))) return 0;
        if (j + 3 < end && isDigit(s.charAt(j + 3))) return 0;
        return len;
    }

    private void digits(StringBuilder b, int end) {
        while (i < end && isDigit(s.charAt(i))) b.append(s.charAt(i++));
    }

    private void letters(int end) {
        int st = i;
        while (i < end && isAsciiLetter(s.charAt(i))) i++;
        String w = s.substring(st, i);
        String lower = w.toLowerCase(java.util.Locale.ROOT);
        if (w.length() == 1) {
            out.add(new Token(Token.Kind.WORD, w));
        } else if (NAMES.contains(lower) || NAME_ALIASES.containsKey(lower)) {
            out.add(new Token(Token.Kind.CMD, NAME_ALIASES.getOrDefault(lower, lower)));
        } else if (w.length() >= 3 || SHORT_WORDS.contains(lower)) {
            out.add(new Token(Token.Kind.WORD, w));
        } else {
            for (char ch : w.toCharArray()) out.add(new Token(Token.Kind.WORD, String.valueOf(ch)));
        }
    }

    private void symbol(char c, int end) {
        char next = i + 1 < end ? s.charAt(i + 1) : 0;
        i++;
        switch (c) {
            case '<' -> out.add(sym(next == '=' ? take("<=") : "<"));
            case '>' -> out.add(sym(next == '=' ? take(">=") : ">"));
            case '!' -> out.add(sym(next == '=' ? take("!=") : "!"));
            case '=' -> {
                if (next == '=') i++;
                out.add(sym("="));
            }
            case ':' -> {
                if (next == '=') {
                    i++;
                    out.add(sym("="));
                } else {
                    out.add(sym(":"));
                }
            }
            case '-' -> out.add(sym(next == '>' ? take("->") : "-"));
            case '\u2212', '\u2013' -> out.add(sym("-"));
            case '\u00d7', '\u00b7', '\u22c5', '\u2217' -> out.add(sym("*"));
            case '\u00f7' -> out.add(sym("/"));
            case '\u2264' -> out.add(sym("<="));
            case '\u2265' -> out.add(sym(">="));
            case '\u2260' -> out.add(sym("!="));
            case '\u2248' -> out.add(sym("="));
            case '\u221a' -> out.add(new Token(Token.Kind.CMD, "sqrt"));
            case '\u03c0' -> out.add(new Token(Token.Kind.CMD, "pi"));
            case '\u221e' -> out.add(new Token(Token.Kind.CMD, "infty"));
            case '\u222a' -> out.add(new Token(Token.Kind.CMD, "cup"));
            case '\u2229' -> out.add(new Token(Token.Kind.CMD, "cap"));
            case '\u00b1' -> out.add(new Token(Token.Kind.CMD, "pm"));
            case '\u2208' -> out.add(new Token(Token.Kind.CMD, "in"));
            case '\u00b0', '\u2218' -> dropDegreeCaret();
            case '.' -> { } // sentence full stop (a decimal point was taken by number())
            case '\u00b2' -> { out.add(sym("^")); out.add(new Token(Token.Kind.NUM, "2")); }
            case '\u00b3' -> { out.add(sym("^")); out.add(new Token(Token.Kind.NUM, "3")); }
            default -> out.add(sym(String.valueOf(c)));
        }
    }

    private String take(String two) {
        i++;
        return two;
    }

    private int skipSpaces(int j, int end) {
        while (j < end && Character.isWhitespace(s.charAt(j))) j++;
        return j;
    }

    private static Token sym(String t) {
        return new Token(Token.Kind.SYM, t);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isUnicodeSymbol(char c) {
        return c == '\u03c0';
    }
}

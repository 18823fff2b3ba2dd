package org.r1j.dsl.lib.math;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Pulls the final answer out of a model completion. Every scan is linear in the text (no backtracking regex, no
 * recursion), so megabyte completions and thousands of nested braces are safe.
 */
public final class AnswerExtraction {
    /** How many of the last \boxed occurrences are tried when later ones are unbalanced. */
    private static final int BOXED_ATTEMPTS = 8;
    /** Longest "the answer is …" phrase taken. */
    private static final int MAX_PHRASE = 200;
    private static final String[] BOX_COMMANDS = {"\\boxed", "\\fbox"};

    private AnswerExtraction() {}

    /**
     * Content of the last complete {@code \boxed{…}} or {@code \fbox{…}} (nested and escaped braces handled), or
     * of {@code \boxed 5} (up to the next space or {@code $}). Empty when there is none.
     */
    public static Optional<String> boxed(String text) {
        if (text == null) return Optional.empty();
        int from = text.length();
        for (int attempt = 0; attempt < BOXED_ATTEMPTS; attempt++) {
            int at = -1;
            String cmd = null;
            for (String c : BOX_COMMANDS) {
                int k = text.lastIndexOf(c, from - 1);
                if (k > at) {
                    at = k;
                    cmd = c;
                }
            }
            if (at < 0) return Optional.empty();
            Optional<String> content = boxArgument(text, at + cmd.length());
            if (content.isPresent()) return content;
            from = at;
            if (from == 0) return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> boxArgument(String s, int j) {
        while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) j++;
        if (j >= s.length()) return Optional.empty();
        char c = s.charAt(j);
        if (c == '{') {
            int depth = 0;
            for (int k = j; k < s.length(); k++) {
                char ch = s.charAt(k);
                if (ch == '\\') {
                    k++;
                } else if (ch == '{') {
                    depth++;
                } else if (ch == '}' && --depth == 0) {
                    String inner = s.substring(j + 1, k).trim();
                    return inner.isEmpty() ? Optional.empty() : Optional.of(inner);
                }
            }
            return Optional.empty();
        }
        if (Character.isLetter(c) || j == 0 || !Character.isWhitespace(s.charAt(j - 1))) return Optional.empty();
        int end = j;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '$') end++;
        String inner = s.substring(j, end);
        while (inner.endsWith(".") || inner.endsWith(",")) inner = inner.substring(0, inner.length() - 1);
        return inner.isEmpty() ? Optional.empty() : Optional.of(inner);
    }

    /**
     * The last number in the text, normalised: {@code **73**} → 73, {@code 1,234.5} → 1234.5, {@code −3} → -3,
     * {@code 3/4} and {@code \frac{3}{4}} → 3/4, {@code 2.5e-3} kept. Thousands commas only group exactly three
     * digits ({@code 1,2,3} ends in 3).
     */
    public static Optional<String> lastNumber(String text) {
        if (text == null) return Optional.empty();
        String last = null;
        int lastEnd = -1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            StringBuilder b = new StringBuilder();
            int start = i;
            boolean negative = start > 0 && (text.charAt(start - 1) == '-' || text.charAt(start - 1) == '\u2212')
                    && (start < 2 || !Character.isLetterOrDigit(text.charAt(start - 2)));
            int firstGroup = i;
            while (i < n && isDigit(text.charAt(i))) b.append(text.charAt(i++));
            if (i - firstGroup <= 3) {
                while (i + 3 < n + 1 && i < n && text.charAt(i) == ',' && threeDigits(text, i + 1)) {
                    b.append(text, i + 1, i + 4);
                    i += 4;
                }
            }
            if (i + 1 < n && text.charAt(i) == '.' && isDigit(text.charAt(i + 1))) {
                b.append('.');
                i++;
                while (i < n && isDigit(text.charAt(i))) b.append(text.charAt(i++));
                i = exponent(text, i, b);
            } else if (i + 1 < n && text.charAt(i) == '/' && isDigit(text.charAt(i + 1))) {
                b.append('/');
                i++;
                while (i < n && isDigit(text.charAt(i))) b.append(text.charAt(i++));
            } else {
                i = exponent(text, i, b);
            }
            last = (negative ? "-" : "") + b;
            lastEnd = i;
        }
        if (last == null) return Optional.empty();
        String frac = latexFraction(text, lastEnd);
        return Optional.of(frac != null ? frac : last);
    }

    private static int exponent(String t, int i, StringBuilder b) {
        if (i + 1 < t.length() && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < t.length() && (t.charAt(j) == '-' || t.charAt(j) == '+')) j++;
            int k = j;
            while (k < t.length() && isDigit(t.charAt(k))) k++;
            if (k > j && (k >= t.length() || !Character.isLetter(t.charAt(k)))) {
                b.append('e').append(t, i + 1, k);
                return k;
            }
        }
        return i;
    }

    /** "\frac{3}{4}" ending at {@code end} (just after the 4) → "3/4". */
    private static String latexFraction(String t, int end) {
        if (end >= t.length() || t.charAt(end) != '}') return null;
        int k = end - 1;
        while (k >= 0 && isDigit(t.charAt(k))) k--;
        String den = t.substring(k + 1, end);
        if (den.isEmpty() || k < 1 || t.charAt(k) != '{' || t.charAt(k - 1) != '}') return null;
        int j = k - 2;
        while (j >= 0 && isDigit(t.charAt(j))) j--;
        String num = t.substring(j + 1, k - 1);
        if (num.isEmpty() || j < 0 || t.charAt(j) != '{') return null;
        String head = t.substring(Math.max(0, j - 6), j);
        int cmdStart;
        if (head.endsWith("\\dfrac") || head.endsWith("\\tfrac")) cmdStart = j - 6;
        else if (head.endsWith("\\frac")) cmdStart = j - 5;
        else return null;
        boolean negative = cmdStart > 0 && (t.charAt(cmdStart - 1) == '-' || t.charAt(cmdStart - 1) == '\u2212');
        return (negative ? "-" : "") + num + "/" + den;
    }

    /**
     * Candidate final answers, most preferred first and without repeats: the last boxed answer, the phrase after
     * the last "answer is" / "answer:", and the last number.
     */
    public static List<String> answerCandidates(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        boxed(text).ifPresent(out::add);
        answerPhrase(text).filter(s -> !out.contains(s)).ifPresent(out::add);
        lastNumber(text).filter(s -> !out.contains(s)).ifPresent(out::add);
        return out;
    }

    /** What follows the last "answer is" or "answer:" up to the end of its line, without closing punctuation. */
    public static Optional<String> answerPhrase(String text) {
        if (text == null) return Optional.empty();
        String lower = text.toLowerCase(Locale.ROOT);
        int at = Math.max(lower.lastIndexOf("answer is"), lower.lastIndexOf("answer:"));
        if (at < 0) return Optional.empty();
        int st = lower.indexOf(lower.startsWith("answer is", at) ? "is" : ":", at) + (lower.startsWith("answer is", at) ? 2 : 1);
        int end = text.indexOf('\n', st);
        if (end < 0) end = text.length();
        end = Math.min(end, st + MAX_PHRASE);
        String phrase = text.substring(st, end).trim();
        phrase = phrase.replaceAll("^[*:\\s]+|[*\\s]+$", "");
        while (phrase.endsWith(".")) phrase = phrase.substring(0, phrase.length() - 1).trim();
        if (phrase.length() > 1 && phrase.startsWith("$") && phrase.endsWith("$")) phrase = phrase.replaceAll("^\\$+|\\$+$", "").trim();
        return phrase.isEmpty() ? Optional.empty() : Optional.of(phrase);
    }

    /** The answer to compare: the last boxed content if any, else the whole text trimmed. */
    static String answerText(String text) {
        Optional<String> b = boxed(text);
        return b.orElse(text).trim();
    }

    private static boolean threeDigits(String t, int i) {
        if (i + 3 > t.length()) return false;
        for (int k = i; k < i + 3; k++) if (!isDigit(t.charAt(k))) return false;
        return i + 3 >= t.length() || !isDigit(t.charAt(i + 3));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

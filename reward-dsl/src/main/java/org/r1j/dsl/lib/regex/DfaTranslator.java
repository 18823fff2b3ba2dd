package org.r1j.dsl.lib.regex;

import com.google.re2j.Pattern;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.RegExp;
import dk.brics.automaton.RunAutomaton;
import java.util.Optional;

/**
 * Translates the common subset of RE2 syntax into a dk.brics DFA that answers "matches somewhere?" exactly as
 * RE2 would: literals, escapes, classes ({@code \s \d \w} and {@code [...]}), {@code .}, groups, alternation,
 * greedy and lazy repeats (same yes/no answer), {@code ^ \A} at the start and {@code $ \z} at the end, flags s and
 * m. Anything else (word boundaries, Unicode classes, case folding, anchors in the middle, big counted repeats
 * that could blow up the DFA) returns empty, and RE2/J answers instead.
 */
final class DfaTranslator {
    /** Largest DFA kept (states); bigger ones are left to RE2/J. */
    static final int MAX_STATES = 20_000;
    /** Sum of counted-repeat bounds allowed; a DFA for {@code .*a.{n}} needs 2^n states. */
    static final int MAX_REPEAT_BUDGET = 12;

    private final String p;
    private final boolean dotAll;
    private int i;
    private int repeatBudget = MAX_REPEAT_BUDGET;
    private int depth;
    private boolean topLevelAlternation;

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private DfaTranslator(String p, boolean dotAll) {
        this.p = p;
        this.dotAll = dotAll;
    }

    static Optional<RunAutomaton> searchAutomaton(String pattern, int flags) {
        if ((flags & Pattern.CASE_INSENSITIVE) != 0) return Optional.empty();
        boolean multiline = (flags & Pattern.MULTILINE) != 0;
        String body = pattern;
        boolean dotAll = (flags & Pattern.DOTALL) != 0;
        // Leading inline flags like (?s) or (?sm).
        if (body.startsWith("(?") && body.indexOf(')') > 2 && body.substring(2, body.indexOf(')')).matches("[sm]+")) {
            String f = body.substring(2, body.indexOf(')'));
            dotAll |= f.contains("s");
            multiline |= f.contains("m");
            body = body.substring(body.indexOf(')') + 1);
        }
        String prefix = ".*";
        String suffix = ".*";
        if (body.startsWith("\\A")) {
            prefix = "";
            body = body.substring(2);
        } else if (body.startsWith("^")) {
            prefix = multiline ? "(.*\\\n)?" : "";
            body = body.substring(1);
        }
        if (body.endsWith("\\z") && !escapedAt(body, body.length() - 2)) {
            suffix = "";
            body = body.substring(0, body.length() - 2);
        } else if (body.endsWith("$") && !escapedAt(body, body.length() - 1)) {
            suffix = multiline ? "(\\\n.*)?" : "";
            body = body.substring(0, body.length() - 1);
        }
        try {
            DfaTranslator t = new DfaTranslator(body, dotAll);
            String translated = t.alternation();
            if (t.i != body.length()) return Optional.empty();
            // RE2 binds ^ and $ to the first and last alternative only: ^a|b is (^a)|b.
            if (t.topLevelAlternation && !(prefix.equals(".*") && suffix.equals(".*"))) return Optional.empty();
            // brics minimises after every step; measured faster here than one minimisation at the end.
            Automaton a = new RegExp(prefix + "(" + translated + ")" + suffix, RegExp.NONE).toAutomaton(true);
            if (a.getNumberOfStates() > MAX_STATES) return Optional.empty();
            return Optional.of(new RunAutomaton(a));
        } catch (Unsupported | IllegalArgumentException | StackOverflowError | LinkageError e) {
            return Optional.empty();
        }
    }

    private static boolean escapedAt(String s, int i) {
        int n = 0;
        for (int k = i - 1; k >= 0 && s.charAt(k) == '\\'; k--) n++;
        return n % 2 == 1;
    }

    private String alternation() {
        StringBuilder sb = new StringBuilder(sequence());
        while (i < p.length() && p.charAt(i) == '|') {
            if (depth == 0) topLevelAlternation = true;
            i++;
            sb.append('|').append(sequence());
        }
        return sb.toString();
    }

    private String sequence() {
        StringBuilder sb = new StringBuilder();
        while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
            String atom = atom();
            sb.append(quantified(atom));
        }
        return sb.length() == 0 ? "()" : sb.toString();
    }

    private String quantified(String atom) {
        if (i >= p.length()) return atom;
        char c = p.charAt(i);
        String q;
        if (c == '*' || c == '+' || c == '?') {
            i++;
            q = String.valueOf(c);
        } else if (c == '{' && p.indexOf('}', i) > i && p.substring(i + 1, p.indexOf('}', i)).matches("\\d+(,\\d*)?")) {
            String spec = p.substring(i + 1, p.indexOf('}', i));
            i = p.indexOf('}', i) + 1;
            String[] parts = spec.split(",", -1);
            int lo = Integer.parseInt(parts[0]);
            int hi = parts.length == 1 ? lo : parts[1].isEmpty() ? lo : Integer.parseInt(parts[1]);
            repeatBudget -= Math.max(lo, hi);
            if (repeatBudget < 0) throw new Unsupported();
            q = "{" + spec + "}";
        } else {
            return atom;
        }
        if (i < p.length() && p.charAt(i) == '?') i++;          // lazy: same yes/no answer
        if (i < p.length() && (p.charAt(i) == '*' || p.charAt(i) == '+')) throw new Unsupported();
        return "(" + atom + ")" + q;
    }

    private String atom() {
        char c = p.charAt(i);
        switch (c) {
            case '(': {
                i++;
                if (p.startsWith("?:", i)) i += 2;
                else if (p.startsWith("?P<", i) || p.startsWith("?<", i)) i = p.indexOf('>', i) + 1;
                else if (i < p.length() && p.charAt(i) == '?') throw new Unsupported();
                if (i <= 0) throw new Unsupported();
                depth++;
                String inner = alternation();
                depth--;
                if (i >= p.length() || p.charAt(i) != ')') throw new Unsupported();
                i++;
                return "(" + inner + ")";
            }
            case '[':
                return charClass();
            case '.':
                i++;
                return dotAll ? "." : "[^\\\n]";
            case '\\':
                return escape(false);
            case '^': case '$': case '*': case '+': case '?': case '{': case ')': case '|':
                throw new Unsupported();
            default:
                i++;
                return literal(c);
        }
    }

    /** An escape outside or inside a class; inside, the result is class content without brackets. */
    private String escape(boolean inClass) {
        if (i + 1 >= p.length()) throw new Unsupported();
        char e = p.charAt(i + 1);
        i += 2;
        String cls = switch (e) {
            case 's' -> "\\\t\\\n\\\f\\\r\\ ";
            case 'd' -> "0-9";
            case 'w' -> "0-9A-Za-z_";
            default -> null;
        };
        if (cls != null) return inClass ? cls : "[" + cls + "]";
        String neg = switch (e) {
            case 'S' -> "\\\t\\\n\\\f\\\r\\ ";
            case 'D' -> "0-9";
            case 'W' -> "0-9A-Za-z_";
            default -> null;
        };
        if (neg != null) {
            if (inClass) throw new Unsupported();
            return "[^" + neg + "]";
        }
        char lit = switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'f' -> '\f';
            case 'v' -> '\u000B';
            default -> {
                if (Character.isLetterOrDigit(e)) throw new Unsupported();   // \b \B \p \x \1 \Q …
                yield e;
            }
        };
        return inClass ? "\\" + lit : literal(lit);
    }

    private String charClass() {
        i++;
        StringBuilder sb = new StringBuilder("[");
        if (i < p.length() && p.charAt(i) == '^') {
            sb.append('^');
            i++;
        }
        boolean first = true;
        while (i < p.length() && (p.charAt(i) != ']' || first)) {
            first = false;
            char c = p.charAt(i);
            if (c == '[') throw new Unsupported();                 // [:alpha:] and nested classes
            if (c == '\\') {
                sb.append(escape(true));
            } else {
                i++;
                sb.append('\\').append(c);
            }
            if (i + 1 < p.length() && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
                i++;
                char hi = p.charAt(i);
                if (hi == '\\' || hi == '[') throw new Unsupported();
                i++;
                sb.append('-').append('\\').append(hi);
            }
        }
        if (i >= p.length()) throw new Unsupported();
        i++;
        return sb.append(']').toString();
    }

    /** A literal character in brics syntax: letters and digits as they are, everything else escaped. */
    private static String literal(char c) {
        if (Character.isSurrogate(c)) throw new Unsupported();          // RE2 counts code points, brics chars
        return (c < 128 && Character.isLetterOrDigit(c)) ? String.valueOf(c) : "\\" + c;
    }
}

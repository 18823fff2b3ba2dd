package org.r1j.dsl.lib.regex;

import com.google.re2j.Pattern;
import dk.brics.automaton.RunAutomaton;

/**
 * A compiled regex literal. RE2/J (linear time) gives match positions and groups; for the common yes/no
 * question "does it match anywhere" a DFA is used when {@link DfaTranslator} can express the pattern, since
 * RE2/J's NFA simulation costs ~0.2 µs per character and a DFA ~2 ns. Both agree (RegexTest checks it).
 */
public final class Regex {
    private final Pattern re2;
    private final RunAutomaton search;

    private Regex(Pattern re2, RunAutomaton search) {
        this.re2 = re2;
        this.search = search;
    }

    /** Compiles with RE2/J flags; throws RE2/J's PatternSyntaxException for invalid patterns. */
    public static Regex compile(String pattern, int flags) {
        Pattern p = Pattern.compile(pattern, flags);
        return new Regex(p, DfaTranslator.searchAutomaton(pattern, flags).orElse(null));
    }

    public Pattern re2() {
        return re2;
    }

    /** Whether the regex matches somewhere in {@code text}. */
    public boolean find(String text) {
        return search != null ? search.run(text) : re2.matcher(text).find();
    }

    /** Whether the fast DFA path is used (for tests and the docs' performance notes). */
    public boolean hasDfa() {
        return search != null;
    }

    public String pattern() {
        return re2.pattern();
    }

    @Override
    public String toString() {
        return "r\"" + re2.pattern() + "\"";
    }
}

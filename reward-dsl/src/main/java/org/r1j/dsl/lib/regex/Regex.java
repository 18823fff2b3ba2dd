package org.r1j.dsl.lib.regex;

import com.google.re2j.Pattern;
import dk.brics.automaton.RunAutomaton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    /** Compiled regexes by flags and pattern: building a DFA takes milliseconds, and notebooks recompile often. */
    private static final Map<String, Regex> CACHE = new ConcurrentHashMap<>();
    /** Entries kept before the cache is cleared (a crude bound; reward files hold a handful of regexes). */
    static final int CACHE_SIZE = 512;

    /** Compiles with RE2/J flags; throws RE2/J's PatternSyntaxException for invalid patterns. */
    public static Regex compile(String pattern, int flags) {
        String key = flags + ":" + pattern;
        Regex cached = CACHE.get(key);
        if (cached != null) return cached;
        Pattern p = Pattern.compile(pattern, flags);
        Regex r = new Regex(p, DfaTranslator.searchAutomaton(pattern, flags).orElse(null));
        if (CACHE.size() >= CACHE_SIZE) CACHE.clear();
        CACHE.put(key, r);
        return r;
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

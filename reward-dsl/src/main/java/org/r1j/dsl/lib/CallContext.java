package org.r1j.dsl.lib;

import java.util.OptionalInt;
import org.r1j.dsl.Sample;

/** What a built-in may see while it runs: the sample, the limits, and a way to explain itself. */
public interface CallContext {
    Sample sample();

    Limits limits();

    /** Adds a fragment to the current reward's one-line explanation. */
    void note(String fragment);

    /** Token count of {@code text} when known (the sample's own count for its completion, or a tokenizer). */
    OptionalInt tokens(String text);

    /** The file's {@code language "xx"} declaration, or null. */
    String defaultLanguage();
}

package org.r1j.dsl.ast;

import java.util.List;
import org.r1j.dsl.source.Span;

/** A top-level declaration of a reward file. */
public sealed interface Item extends Node {

    /** {@code import "other.reward"}: the other file's fields, defs and rewards join this program. */
    record Import(Span span, String path, Span pathSpan) implements Item {}

    /** {@code language "en"}: the default target language of {@code language_ratio(text)}. */
    record Language(Span span, String code, Span codeSpan) implements Item {}

    /** {@code field difficulty: number}: a dataset field rewards may read (missing at run time → unknown). */
    record Field(Span span, Ident name, Ident type) implements Item {}

    /** {@code def name = expr}: a named helper expression evaluated per sample. */
    record Def(Span span, Ident name, Expr body) implements Item {}

    /**
     * {@code def name(x: text, n: number) = expr}: a function of its typed parameters, evaluated at each call
     * (not memoised); recursion, direct or mutual, is rejected when the file compiles.
     */
    record Function(Span span, Ident name, List<Param> params, Expr body) implements Item {
        public Function {
            params = List.copyOf(params);
        }
    }

    /** A function's parameter {@code x: text}: its name and the type as written. */
    record Param(Ident name, Ident type) {}

    /**
     * {@code reward name weight 1.0 unknown 0 = expr}.
     *
     * @param weight       weight in the total (default 1)
     * @param unknownValue the declared value used when the reward is unknown, or null for "skip" (the default):
     *                     the reward is left out of the total, like a None reward in TRL
     */
    record Reward(Span span, Ident name, double weight, Double unknownValue, Expr body) implements Item {}
}

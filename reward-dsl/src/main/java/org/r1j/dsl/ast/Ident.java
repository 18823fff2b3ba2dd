package org.r1j.dsl.ast;

import org.r1j.dsl.source.Span;

/** A name as written, with its position (for "unknown name" and "declared twice" carets). */
public record Ident(String name, Span span) implements Node {
    @Override
    public String toString() {
        return name;
    }
}

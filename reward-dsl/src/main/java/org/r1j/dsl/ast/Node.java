package org.r1j.dsl.ast;

import org.r1j.dsl.source.Span;

/** Every syntax node knows where it came from, so every later stage can point at it. */
public interface Node {
    Span span();
}

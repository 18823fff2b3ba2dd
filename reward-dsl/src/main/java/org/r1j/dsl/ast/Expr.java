package org.r1j.dsl.ast;

import java.util.List;
import org.r1j.dsl.source.Span;

/** Expressions. Records are immutable; lists are copied. */
public sealed interface Expr extends Node {

    record NumberLit(Span span, double value) implements Expr {}

    record StringLit(Span span, String value) implements Expr {}

    /** {@code r"pattern"flags}: RE2 syntax, flags from {@code s i m}. */
    record RegexLit(Span span, String pattern, String flags) implements Expr {}

    record BoolLit(Span span, boolean value) implements Expr {}

    record ListLit(Span span, List<Expr> items) implements Expr {
        public ListLit {
            items = List.copyOf(items);
        }
    }

    /** A reference: a local, a def, a reward, a field or a sample name ({@code completion}, …). */
    record Name(Span span, String name) implements Expr {}

    record Call(Span span, Ident function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code -x}, {@code not x}. */
    record Unary(Span span, String op, Expr operand) implements Expr {}

    /** Arithmetic, comparison, {@code ~}, {@code and}, {@code or}, {@code ??}. */
    record Binary(Span span, String op, Expr left, Expr right) implements Expr {}

    record If(Span span, Expr cond, Expr then, Expr otherwise) implements Expr {}

    record Let(Span span, List<Binding> bindings, Expr body) implements Expr {
        public Let {
            bindings = List.copyOf(bindings);
        }
    }

    record Binding(Ident name, Expr value) {}

    /** Stands in for an expression the parser could not read; already reported, checked as "any". */
    record Error(Span span) implements Expr {}
}

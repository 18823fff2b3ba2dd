package org.r1j.dsl.check;

/** What a name in an expression refers to, as the checker resolved it. */
public sealed interface Symbol {
    /** A let-bound local; {@code slot} indexes the locals array of the enclosing def or reward body. */
    record Local(int slot, Type type) implements Symbol {}

    /** A def or reward; {@code index} into {@link Checked#globals()}. */
    record Global(int index) implements Symbol {}

    /** A declared dataset field. */
    record Field(String name, Type type) implements Symbol {}

    /** {@code prompt}, {@code completion} or {@code reference}. */
    record SampleText(String name) implements Symbol {}
}

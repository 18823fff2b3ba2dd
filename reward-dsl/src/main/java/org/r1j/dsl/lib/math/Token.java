package org.r1j.dsl.lib.math;

/**
 * One lexical unit of an answer.
 *
 * @param kind what it is
 * @param text NUM: the digits as written without separators ("1234.5"); WORD: the letters; CMD: the command name
 *             without backslash ("frac"); SYM: the (normalised ASCII) character or operator ("<=", "\\{")
 */
record Token(Kind kind, String text) {
    /** TEXT: words from text mode ({@code \text{ m/s}}), never math even when one letter long. */
    enum Kind { NUM, WORD, TEXT, CMD, SYM, EOF }

    static final Token EOF = new Token(Kind.EOF, "");

    boolean is(String sym) {
        return (kind == Kind.SYM || kind == Kind.CMD) && text.equals(sym);
    }

    boolean isSym(String sym) {
        return kind == Kind.SYM && text.equals(sym);
    }

    boolean isCmd(String name) {
        return kind == Kind.CMD && text.equals(name);
    }

    @Override
    public String toString() {
        return kind == Kind.CMD ? "\\" + text : text;
    }
}

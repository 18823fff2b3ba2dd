package org.r1j.dsl.parse;

/**
 * ANTLR's char streams index code points; Java strings index UTF-16 units. Maps the former to the latter so
 * spans stay right after an emoji or other supplementary character.
 */
final class CodePoints {
    private final String text;
    private final boolean simple;

    CodePoints(String text) {
        this.text = text;
        this.simple = text.codePoints().count() == text.length();
    }

    int toChar(int codePointIndex) {
        if (simple || codePointIndex <= 0) return codePointIndex;
        int cps = text.codePointCount(0, text.length());
        if (codePointIndex >= cps) return text.length();
        return text.offsetByCodePoints(0, codePointIndex);
    }
}

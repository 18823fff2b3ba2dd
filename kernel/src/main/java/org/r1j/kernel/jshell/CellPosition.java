package org.r1j.kernel.jshell;

/** Converts an offset in a cell's text into a 1-based line and column, as the user sees them in the notebook. */
public record CellPosition(int line, int column) {

    public static CellPosition of(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(Math.max(offset, 0), text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new CellPosition(line, end - lineStart + 1);
    }

    /** The text of 1-based line {@code line}, without its line break ("" past the end). */
    public static String lineText(String text, int line) {
        String[] lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1].stripTrailing() : "";
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}

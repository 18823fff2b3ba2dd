package org.r1j.dsl.sandbox;

/**
 * How a program's output is compared with the expected one, as open-r1's checker does: line by line, each
 * line stripped of surrounding whitespace, line endings and blank lines at either end ignored.
 */
final class OutputMatch {
    private OutputMatch() {}

    static String normalise(String s) {
        String[] lines = s.replace("\r\n", "\n").replace('\r', '\n').strip().split("\n", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) b.append(i == 0 ? "" : "\n").append(lines[i].strip());
        return b.toString();
    }
}

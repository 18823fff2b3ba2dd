package org.r1j.dsl.lib.lang;

/**
 * Removes what is not natural language before words are counted: fenced and inline code, LaTeX math
 * ({@code $…$}, {@code $$…$$}, {@code \(…\)}, {@code \[…\]}, {@code \begin{…}…\end{…}}), other LaTeX commands,
 * and URLs. Each removed span becomes a space. Linear time: an opener without a closer is kept as text, and once a
 * closer kind is known to be absent from a position on, later openers of that kind are not searched again.
 */
final class Prose {
    private static final String[][] SPANS = {
        {"```", "```"}, {"$$", "$$"}, {"\\[", "\\]"}, {"\\(", "\\)"}, {"`", "`"}, {"$", "$"},
    };

    private Prose() {}

    static String strip(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int[] noCloserFrom = new int[SPANS.length + 1];
        java.util.Arrays.fill(noCloserFrom, Integer.MAX_VALUE);
        int i = 0;
        int n = text.length();
        outer:
        while (i < n) {
            char c = text.charAt(i);
            if (c == '`' || c == '$' || c == '\\') {
                for (int k = 0; k < SPANS.length; k++) {
                    String open = SPANS[k][0];
                    if (!text.startsWith(open, i)) continue;
                    if (i >= noCloserFrom[k]) break;
                    int close = text.indexOf(SPANS[k][1], i + open.length());
                    if (close < 0) {
                        noCloserFrom[k] = i;
                        break;
                    }
                    out.append(' ');
                    i = close + SPANS[k][1].length();
                    continue outer;
                }
                if (text.startsWith("\\begin{", i)) {
                    int nameEnd = text.indexOf('}', i);
                    if (nameEnd > 0 && nameEnd - i < 40 && i < noCloserFrom[SPANS.length]) {
                        String end = "\\end{" + text.substring(i + 7, nameEnd) + "}";
                        int close = text.indexOf(end, nameEnd);
                        if (close >= 0) {
                            out.append(' ');
                            i = close + end.length();
                            continue;
                        }
                        noCloserFrom[SPANS.length] = i;
                    }
                }
                if (c == '\\') { // any other command: \frac, \textbf, \alpha
                    int j = i + 1;
                    while (j < n && Character.isLetter(text.charAt(j))) j++;
                    out.append(' ');
                    i = Math.max(j, i + 1);
                    continue;
                }
            } else if ((c == 'h' || c == 'w') && (text.startsWith("http://", i) || text.startsWith("https://", i)
                    || text.startsWith("www.", i))) {
                while (i < n && !Character.isWhitespace(text.charAt(i))) i++;
                out.append(' ');
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}

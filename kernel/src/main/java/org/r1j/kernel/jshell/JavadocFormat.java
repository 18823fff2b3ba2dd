package org.r1j.kernel.jshell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A doc comment's text (HTML with javadoc tags) as HTML for Jupyter's inspector and as plain text: inline tags
 * ({@code {@code}}, {@code {@link}}, ...) resolved, block tags ({@code @param}, {@code @return}, ...) as a list.
 */
public final class JavadocFormat {
    private static final Pattern BLOCK = Pattern.compile("(?m)^\\s*@(\\w+)\\b");
    private static final Map<String, String> BLOCK_TITLES = Map.of("param", "Parameters", "return", "Returns",
            "throws", "Throws", "exception", "Throws", "see", "See also", "since", "Since", "deprecated", "Deprecated");

    private JavadocFormat() {}

    public static String html(String javadoc) {
        String body = javadoc;
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(javadoc);
        if (m.find()) {
            body = javadoc.substring(0, m.start());
            List<int[]> at = new ArrayList<>();
            do {
                at.add(new int[] {m.start(), m.end()});
            } while (m.find());
            for (int i = 0; i < at.size(); i++) {
                String tag = javadoc.substring(at.get(i)[0], at.get(i)[1]).strip().substring(1);
                String text = javadoc.substring(at.get(i)[1], i + 1 < at.size() ? at.get(i + 1)[0] : javadoc.length()).strip();
                blocks.computeIfAbsent(tag, k -> new ArrayList<>()).add(text);
            }
        }
        StringBuilder html = new StringBuilder("<div class=\"r1j-javadoc\">").append(inline(body.strip()));
        if (!blocks.isEmpty()) {
            html.append("<dl>");
            blocks.forEach((tag, texts) -> {
                html.append("<dt>").append(BLOCK_TITLES.getOrDefault(tag, tag)).append(":</dt>");
                for (String t : texts) {
                    if (tag.equals("param") || tag.equals("throws") || tag.equals("exception")) {
                        String[] nameRest = t.split("\\s+", 2);
                        html.append("<dd><code>").append(escape(nameRest[0])).append("</code>")
                                .append(nameRest.length > 1 ? " – " + inline(nameRest[1]) : "").append("</dd>");
                    } else {
                        html.append("<dd>").append(inline(t)).append("</dd>");
                    }
                }
            });
            html.append("</dl>");
        }
        return html.append("</div>").toString();
    }

    /** The same as text: paragraphs and list items on their own lines, tags dropped, entities decoded. */
    public static String text(String javadoc) {
        String h = html(javadoc)
                .replaceAll("(?i)<p\\s*/?>", "\n\n").replaceAll("(?i)</p>", "")
                .replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)<li>", "\n  - ")
                .replaceAll("(?i)<dl>", "\n").replaceAll("(?i)<dt>", "\n").replaceAll("(?i)<dd>", "\n  ")
                .replaceAll("(?i)</?pre>", "\n");
        String t = h.replaceAll("<[^>]+>", "");
        t = t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&nbsp;", " ")
                .replace("&amp;", "&");
        return t.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    /** Inline tags: {@code {@code x}} and {@code {@literal x}} escaped, links as code, {@code {@inheritDoc}} dropped. */
    static String inline(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int at = s.indexOf("{@", i);
            if (at < 0) {
                out.append(s, i, s.length());
                break;
            }
            out.append(s, i, at);
            int end = closing(s, at);
            if (end < 0) {
                out.append(s, at, s.length());
                break;
            }
            String inner = s.substring(at + 2, end);
            String tag = inner.split("\\s", 2)[0];
            String arg = inner.length() > tag.length() ? inner.substring(tag.length()).strip() : "";
            switch (tag) {
                case "code" -> out.append("<code>").append(escape(arg)).append("</code>");
                case "literal" -> out.append(escape(arg));
                case "link", "linkplain" -> {
                    String[] refLabel = arg.split("\\s+", 2);
                    String shown = refLabel.length > 1 ? refLabel[1] : refLabel[0].replaceFirst("^#", "").replace('#', '.');
                    out.append("<code>").append(escape(shown)).append("</code>");
                }
                case "value" -> out.append("<code>").append(escape(arg.replace('#', '.'))).append("</code>");
                case "inheritDoc" -> { }
                default -> out.append(escape(arg));
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '{') depth++;
            if (s.charAt(i) == '}' && --depth == 0) return i;
        }
        return -1;
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

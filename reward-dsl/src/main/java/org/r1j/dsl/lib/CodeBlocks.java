package org.r1j.dsl.lib;

import java.util.Locale;
import java.util.Optional;
import org.r1j.dsl.sandbox.CodeLanguage;

/**
 * Finds fenced code blocks in Markdown in one pass over the lines (no regex, so no backtracking on model output):
 * an opening fence is a line starting with three or more backticks (or tildes) and an info word, the block ends at
 * the next line that starts with the same fence. An unclosed block does not count (open-r1's extractor agrees).
 */
public final class CodeBlocks {
    private CodeBlocks() {}

    /** The body of the last closed block whose info word names {@code language}. */
    public static Optional<String> last(String text, CodeLanguage language) {
        String found = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String fence = fence(line);
            if (fence == null) continue;
            String info = line.substring(fence.length()).strip();
            String word = info.isEmpty() ? "" : info.split("[\\s{]", 2)[0].toLowerCase(Locale.ROOT);
            int end = -1;
            for (int j = i + 1; j < lines.length; j++) {
                String l = lines[j].strip();
                if (l.startsWith(fence) && l.substring(fence.length()).replace(fence.substring(0, 1), "").isBlank()) {
                    end = j;
                    break;
                }
            }
            if (end < 0) break;
            if (language.fenceNames().contains(word)) found = String.join("\n", java.util.Arrays.asList(lines).subList(i + 1, end)) + "\n";
            i = end;
        }
        return Optional.ofNullable(found);
    }

    private static String fence(String line) {
        for (char ch : new char[] {'`', '~'}) {
            int n = 0;
            while (n < line.length() && line.charAt(n) == ch) n++;
            if (n >= 3) return line.substring(0, n);
        }
        return null;
    }
}

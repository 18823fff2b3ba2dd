package org.r1j.kernel.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a cell into Java code and magics before anything reaches JShell (no rewriting of magics into Java calls).
 * <ul>
 *   <li>{@code %%name args} as the first non-blank line makes the whole cell a cell magic;</li>
 *   <li>{@code %name args} at the start of a line is a line magic, run in order with the code around it.</li>
 * </ul>
 * A magic name starts with a letter, so Java's {@code %} operator (always followed by an operand, typically after a
 * space) at the start of a continuation line is not mistaken for one.
 */
public final class CellParser {
    private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%([A-Za-z][\\w.-]*)(?:[ \\t]+(.*))?$");
    private static final Pattern LINE_MAGIC = Pattern.compile("^%([A-Za-z][\\w.-]*)(?:[ \\t]+(.*))?$");

    private CellParser() {}

    public static List<CellPart> parse(String cell) {
        String[] lines = cell.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length) {
            Matcher m = CELL_MAGIC.matcher(lines[first]);
            if (m.matches()) {
                String raw = m.group(2) == null ? "" : m.group(2).strip();
                String body = String.join("\n", java.util.Arrays.asList(lines).subList(first + 1, lines.length));
                return List.of(new CellPart.CellMagicCall(m.group(1), splitArgs(raw), raw, body, first + 1, first + 2));
            }
        }
        List<CellPart> parts = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        int codeLine = 1;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = LINE_MAGIC.matcher(lines[i]);
            if (m.matches()) {
                addCode(parts, code, codeLine);
                String raw = m.group(2) == null ? "" : m.group(2).strip();
                parts.add(new CellPart.LineMagicCall(m.group(1), splitArgs(raw), raw, i + 1));
                code.setLength(0);
                codeLine = i + 2;
            } else {
                if (code.length() > 0) {
                    code.append('\n');
                }
                code.append(lines[i]);
            }
        }
        addCode(parts, code, codeLine);
        return parts;
    }

    private static void addCode(List<CellPart> parts, StringBuilder code, int line) {
        if (!code.toString().isBlank()) {
            parts.add(new CellPart.Java(code.toString(), line));
        }
    }

    /** Splits magic arguments on blanks; single or double quotes keep blanks inside one argument. */
    static List<String> splitArgs(String raw) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean inArg = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inArg = true;
            } else if (Character.isWhitespace(c)) {
                if (inArg) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArg = false;
                }
            } else {
                current.append(c);
                inArg = true;
            }
        }
        if (quote != 0) {
            throw new MagicException("unclosed " + quote + " in magic arguments: " + raw);
        }
        if (inArg) {
            args.add(current.toString());
        }
        return args;
    }
}

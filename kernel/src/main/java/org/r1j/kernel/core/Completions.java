package org.r1j.kernel.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;
import org.r1j.dsl.lib.Function;
import org.r1j.dsl.lib.Library;
import org.r1j.kernel.jshell.JavaEvaluator;

/**
 * What Tab offers: magic names, reward-language built-ins inside a {@code %%reward} cell, and JShell's Java
 * completions (members of live variables, r1j's config builders...). Each match also gets a type and, for methods
 * and DSL functions, a signature, in Jupyter's {@code _jupyter_types_experimental} metadata (as ipykernel sends it).
 */
final class Completions {
    /** One match: the text replacing [start, end) of the cell, its kind ("function", "class", ...) and signature. */
    record Match(String text, int start, int end, String type, String signature) {}

    /** Signatures looked up per request at most (each is a JShell analysis). */
    static final int MAX_SIGNATURES = 25;
    /** Words of the reward language itself, offered with its built-ins. */
    static final List<String> REWARD_KEYWORDS = List.of("reward", "weight", "unknown", "let", "in", "language",
            "completion", "reference", "prompt", "true", "false", "and", "or", "not", "if", "then", "else");

    private final MagicRegistry magics;

    Completions(MagicRegistry magics) {
        this.magics = magics;
    }

    List<Match> complete(JavaEvaluator java, String code, int at) {
        int lineStart = code.lastIndexOf('\n', Math.max(at - 1, 0)) + 1;
        String line = code.substring(lineStart, at);
        if (line.matches("%%?[\\w.-]*")) {
            return magicNames(line, lineStart, at);
        }
        if (code.stripLeading().startsWith("%%reward") && lineStart > code.indexOf("%%reward")) {
            return rewardWords(code, at);
        }
        return java(java, code, at);
    }

    private List<Match> magicNames(String typed, int start, int at) {
        boolean cell = typed.startsWith("%%");
        String prefix = typed.substring(cell ? 2 : 1);
        List<Match> out = new ArrayList<>();
        (cell ? magics.cellMagics() : magics.lineMagics()).forEach((name, entry) -> {
            if (name.startsWith(prefix)) {
                out.add(new Match((cell ? "%%" : "%") + name, start, at, "magic", entry.usage()));
            }
        });
        return out;
    }

    private static List<Match> rewardWords(String code, int at) {
        int start = at;
        while (start > 0 && (Character.isLetterOrDigit(code.charAt(start - 1)) || code.charAt(start - 1) == '_')) {
            start--;
        }
        String prefix = code.substring(start, at);
        List<Match> out = new ArrayList<>();
        for (Function f : Library.STANDARD.all()) {
            if (f.name().startsWith(prefix)) {
                String doc = f.doc() == null ? f.name() : f.doc();
                int colon = doc.indexOf("):");
                out.add(new Match(f.name(), start, at, "function", colon > 0 ? doc.substring(0, colon + 1) : f.name() + "(...)"));
            }
        }
        for (String k : REWARD_KEYWORDS) {
            if (k.startsWith(prefix)) {
                out.add(new Match(k, start, at, "keyword", ""));
            }
        }
        out.sort((a, b) -> a.text().compareTo(b.text()));
        return out;
    }

    private static List<Match> java(JavaEvaluator java, String code, int at) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = java.complete(code, at, anchor);
        Set<String> seen = new LinkedHashSet<>();
        List<SourceCodeAnalysis.Suggestion> ordered = new ArrayList<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(ordered::add);
        ordered.addAll(suggestions);
        Map<String, String> variables = java.variables();
        List<Match> out = new ArrayList<>();
        int signatures = 0;
        for (SourceCodeAnalysis.Suggestion s : ordered) {
            String text = s.continuation();
            if (!seen.add(text)) {
                continue;
            }
            String name = text.endsWith("(") || text.endsWith("()") ? text.substring(0, text.indexOf('(')) : text;
            String type;
            String signature = "";
            if (text.contains("(")) {
                type = "function";
                if (signatures++ < MAX_SIGNATURES) {
                    signature = signature(java, code.substring(0, anchor[0]) + name + "(", anchor[0] + name.length() + 1);
                }
            } else if (variables.containsKey(text)) {
                type = "instance";
                signature = variables.get(text);
            } else if (!text.isEmpty() && Character.isUpperCase(text.charAt(0))) {
                type = "class";
            } else if (!text.isEmpty() && Character.isLowerCase(text.charAt(0)) && anchor[0] > 0 && code.charAt(anchor[0] - 1) == '.') {
                type = "field"; // a member without parentheses, or a package
            } else {
                type = "keyword";
            }
            out.add(new Match(text, anchor[0], at, type, signature));
        }
        return out;
    }

    /** The signatures JShell documents for the call that starts at {@code cursor}, one per line. */
    private static String signature(JavaEvaluator java, String code, int cursor) {
        try {
            List<String> sigs = java.documentation(code, cursor, false).stream().map(SourceCodeAnalysis.Documentation::signature).toList();
            return String.join("\n", sigs);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The metadata Jupyter front ends read: {@code {"_jupyter_types_experimental": [{start, end, text, type, signature}]}}. */
    static Map<String, Object> metadata(List<Match> matches) {
        List<Map<String, Object>> types = new ArrayList<>();
        for (Match m : matches) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("start", m.start());
            t.put("end", m.end());
            t.put("text", m.text());
            t.put("type", m.type());
            t.put("signature", m.signature());
            types.add(t);
        }
        return Map.of("_jupyter_types_experimental", types);
    }
}

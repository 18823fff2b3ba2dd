package org.r1j.kernel.jshell;

import java.util.ArrayList;
import java.util.List;

/**
 * What a JShell documentation signature names, to look its javadoc up in sources: {@code int Math.max(int a, int b)}
 * (a method), {@code GrpoTrainer(CausalLM policy, ...)} (a constructor, or a record with its header),
 * {@code TrainingDisplay.MAX_UPDATES_PER_SECOND:double} (a field), {@code org.r1j.grpo.GrpoTrainer} (a class).
 *
 * @param owner  the class, as JShell printed it (simple when imported, else qualified)
 * @param member the method or field name, {@code <init>} for a constructor, null for the class
 * @param params the parameter types of a method or constructor, null for a field or class
 */
public record DocSignature(String owner, String member, List<String> params) {
    public static DocSignature parse(String signature) {
        String s = signature.strip();
        if (!s.endsWith(")")) {
            int colon = s.lastIndexOf(':');
            if (colon > 0 && s.indexOf('(') < 0) { // a field: Owner.NAME:type
                String name = s.substring(0, colon);
                int dot = name.lastIndexOf('.');
                return dot < 0 ? null : new DocSignature(name.substring(0, dot), name.substring(dot + 1), null);
            }
            return new DocSignature(stripGenerics(s), null, null);
        }
        int open = matchingOpen(s, s.length() - 1);
        if (open < 0) {
            return null;
        }
        List<String> params = paramTypes(s.substring(open + 1, s.length() - 1));
        String head = withoutParens(s.substring(0, open)).strip();
        String name = lastTopLevelToken(head);
        if (name.equals(head) || !name.contains(".") && head.indexOf(' ') < 0) {
            return new DocSignature(stripGenerics(name), "<init>", params); // no return type: a constructor
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : new DocSignature(stripGenerics(name.substring(0, dot)), name.substring(dot + 1), params);
    }

    private static int matchingOpen(String s, int close) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == ')') depth++;
            if (c == '(' && --depth == 0) return i;
        }
        return -1;
    }

    /** {@code double GrpoConfig(int a, int b).beta} -> {@code double GrpoConfig.beta} (JShell prints a record's header). */
    private static String withoutParens(String s) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0) out.append(c);
        }
        return out.toString();
    }

    private static String lastTopLevelToken(String s) {
        int depth = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == '>') depth++;
            else if (c == '<') depth--;
            else if (c == ' ' && depth == 0) return s.substring(i + 1);
        }
        return s;
    }

    static String stripGenerics(String s) {
        int lt = s.indexOf('<');
        return lt < 0 ? s : s.substring(0, lt);
    }

    /** {@code int a, Map<K, V> m, Column<?>... c} -> {@code [int, Map<K, V>, Column<?>...]}. */
    static List<String> paramTypes(String list) {
        List<String> types = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= list.length(); i++) {
            char c = i < list.length() ? list.charAt(i) : ',';
            if (c == '<') depth++;
            if (c == '>') depth--;
            if (c == ',' && depth == 0) {
                String p = list.substring(start, i).strip();
                if (!p.isEmpty()) {
                    types.add(p.contains(" ") ? p.substring(0, lastSpaceOutsideGenerics(p)).strip() : p);
                }
                start = i + 1;
            }
        }
        return types;
    }

    private static int lastSpaceOutsideGenerics(String p) {
        String token = lastTopLevelToken(p);
        return p.length() - token.length() - 1;
    }
}

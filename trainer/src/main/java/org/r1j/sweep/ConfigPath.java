package org.r1j.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.r1j.pipeline.config.StageYaml;

/**
 * Puts an axis value into a pipeline config tree (plain maps and lists, as {@code YamlDoc} reads them). Whether the
 * key means anything for that stage is left to the pipeline's own checks, which run on every expanded config.
 */
final class ConfigPath {
    /** Index that stands for the top-level sections (model, task, reward): changing them changes every stage. */
    static final int TOP = -1;

    private ConfigPath() {
    }

    /**
     * Sets {@code key} to {@code value} in {@code tree}.
     *
     * @return the 0-based indices of the stages it changed, or {@link #TOP}
     */
    static Set<Integer> set(Map<String, Object> tree, String key, Object value) {
        Set<Integer> touched = new LinkedHashSet<>();
        if (key.equals("reward")) {
            tree.put("reward", value);
            touched.add(TOP);
            return touched;
        }
        int dot = key.indexOf('.');
        if (dot <= 0 || dot == key.length() - 1) throw new IllegalArgumentException(usage(key));
        String head = key.substring(0, dot), rest = key.substring(dot + 1);
        if (rest.contains(".")) throw new IllegalArgumentException(usage(key));
        List<Object> stages = stages(tree);
        if (head.equals("model") || head.equals("task")) {
            section(tree, head).put(rest, value);
            touched.add(TOP);
        } else if (head.matches("stages\\[\\d+]")) {
            int n = Integer.parseInt(head.substring(7, head.length() - 1));
            if (n < 1 || n > stages.size()) {
                throw new IllegalArgumentException(key + ": the base config has stages[1] .. stages[" + stages.size() + "]");
            }
            settingsOf(stages, n - 1).put(rest, value);
            touched.add(n - 1);
        } else if (StageYaml.KINDS.contains(head)) {
            for (int i = 0; i < stages.size(); i++) {
                if (kindOf(stages, i).equals(head)) {
                    settingsOf(stages, i).put(rest, value);
                    touched.add(i);
                }
            }
            if (touched.isEmpty()) throw new IllegalArgumentException(key + ": the base config has no " + head + " stage");
        } else {
            throw new IllegalArgumentException(usage(key));
        }
        return touched;
    }

    private static String usage(String key) {
        return "unknown axis key '" + key + "': use KIND.key (" + String.join(", ", StageYaml.KINDS)
                + ", e.g. grpo.learning_rate), stages[N].key, model.key, task.key or reward";
    }

    /** A deep copy of a tree of maps and lists, so each run edits its own. */
    @SuppressWarnings("unchecked")
    static Object copy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> stages(Map<String, Object> tree) {
        return tree.get("stages") instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static String kindOf(List<Object> stages, int i) {
        return stages.get(i) instanceof Map<?, ?> m && m.size() == 1 ? String.valueOf(m.keySet().iterator().next()) : "";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> settingsOf(List<Object> stages, int i) {
        if (!(stages.get(i) instanceof Map<?, ?> m) || m.size() != 1) {
            throw new IllegalArgumentException("stages[" + (i + 1) + "] is not a single '- kind: {settings}' entry");
        }
        Map<String, Object> stage = (Map<String, Object>) m;
        String kind = stage.keySet().iterator().next();
        Object settings = stage.get(kind);
        if (settings == null) {
            settings = new LinkedHashMap<String, Object>();
            stage.put(kind, settings);
        }
        if (!(settings instanceof Map<?, ?>)) throw new IllegalArgumentException("stages[" + (i + 1) + "]." + kind + " is not a mapping");
        return (Map<String, Object>) settings;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> tree, String name) {
        Object s = tree.get(name);
        if (!(s instanceof Map<?, ?>)) throw new IllegalArgumentException(name + ": the base config has no " + name + " mapping");
        return (Map<String, Object>) s;
    }
}

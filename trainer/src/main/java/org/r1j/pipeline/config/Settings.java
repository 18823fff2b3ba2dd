package org.r1j.pipeline.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads from one YAML mapping, with errors that name the key and its line. Keys read are remembered, so
 * {@link #rejectUnknown()} can report a misspelt one (with the known keys listed) instead of ignoring it.
 */
public final class Settings {
    private final YamlDoc doc;
    private final String path;
    private final Map<String, Object> values;
    private final Set<String> known = new LinkedHashSet<>();

    public Settings(YamlDoc doc, String path, Object value) {
        this.doc = doc;
        this.path = path;
        if (value == null) {
            this.values = Map.of();
        } else if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), v));
            this.values = copy;
        } else {
            throw doc.error(path, "expected a mapping of settings (key: value), got " + describe(value));
        }
    }

    public String path() {
        return path;
    }

    public YamlDoc doc() {
        return doc;
    }

    public boolean has(String key) {
        known.add(key);
        return values.containsKey(key) && values.get(key) != null;
    }

    public Object raw(String key) {
        known.add(key);
        return values.get(key);
    }

    public String text(String key, String dflt) {
        Object v = raw(key);
        if (v == null) return dflt;
        if (v instanceof Map || v instanceof List) throw error(key, "expected a single value, got " + describe(v));
        return String.valueOf(v);
    }

    public String requiredText(String key) {
        String v = text(key, null);
        if (v == null || v.isBlank()) throw doc.error(path, "missing required key '" + key + "'");
        return v;
    }

    public double number(String key, double dflt) {
        Object v = raw(key);
        if (v == null) return dflt;
        if (v instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw error(key, "expected a number, got " + describe(v));
        }
    }

    public int integer(String key, int dflt) {
        double d = number(key, dflt);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw error(key, "expected a whole number, got " + raw(key));
        return (int) d;
    }

    public long longValue(String key, long dflt) {
        double d = number(key, dflt);
        if (d != Math.rint(d)) throw error(key, "expected a whole number, got " + raw(key));
        return raw(key) instanceof Long l ? l : (long) d;
    }

    public boolean flag(String key, boolean dflt) {
        Object v = raw(key);
        if (v == null) return dflt;
        if (v instanceof Boolean b) return b;
        throw error(key, "expected true or false, got " + describe(v));
    }

    /** A mapping of names to numbers, e.g. {@code min_rewards: {format: 1, consistency: 0.9}}. */
    public Map<String, Double> numberMap(String key) {
        Settings inner = new Settings(doc, child(key), raw(key));
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : inner.values.keySet()) out.put(k, inner.number(k, Double.NaN));
        return out;
    }

    public List<String> textList(String key, List<String> dflt) {
        Object v = raw(key);
        if (v == null) return dflt;
        if (!(v instanceof List<?> l)) throw error(key, "expected a list, got " + describe(v));
        return l.stream().map(String::valueOf).toList();
    }

    /** The settings not read so far, for passing on to a config's own fromMap. */
    public Map<String, Object> rest() {
        Map<String, Object> out = new LinkedHashMap<>(values);
        out.keySet().removeAll(known);
        return out;
    }

    /** Fails on the first key that was never read, listing the known ones. */
    public void rejectUnknown() {
        for (String k : values.keySet()) {
            if (!known.contains(k)) throw error(k, "unknown key '" + k + "'; known: " + String.join(", ", known));
        }
    }

    /**
     * A config class's own validation error, placed at the key it names ("digits must be …", "unknown GRPO setting
     * 'x'"), else at this section.
     */
    public ConfigException explain(IllegalArgumentException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        for (String k : values.keySet()) {
            if (msg.startsWith(k + " ") || msg.startsWith(k + ":") || msg.contains("'" + k + "'")) return error(k, msg);
        }
        return doc.error(path, msg);
    }

    public ConfigException error(String key, String message) {
        return doc.error(child(key), message);
    }

    public String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String describe(Object v) {
        if (v instanceof Map) return "a mapping";
        if (v instanceof List) return "a list";
        if (v instanceof String s) return "'" + s + "'";
        return String.valueOf(v);
    }
}

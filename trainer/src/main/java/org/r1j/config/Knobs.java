package org.r1j.config;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The one mapper between config records and YAML: a record's components, each declared once with {@link Knob}
 * (default, doc, YAML key), give its defaults, {@link #fromMap} (unknown keys and ill-typed values are errors that
 * name the key, which {@code Settings.explain} places at its YAML line), {@link #toMap} (the inverse, every setting
 * spelt out) and a {@link Builder}. Validation stays in the record's compact constructor, where the values are used.
 *
 * <p>Value types: int, long, double, boolean (and their boxes, where YAML {@code null} is allowed), String, Path,
 * enums (their static {@code parse(String)} when they have one, else the constant's name in any case; written back
 * as {@code trlName()} or the lower-case name), {@code List<String>} and {@code Map<String, Double>}. A {@code null}
 * for a primitive setting means its default.
 *
 * @param <R> the config record
 */
public final class Knobs<R extends Record> {
    /**
     * One declared setting.
     *
     * @param key       its YAML key
     * @param aliases   other keys accepted for it
     * @param component the record component that holds it
     * @param doc       what it does
     */
    public record Setting(String key, List<String> aliases, RecordComponent component, String doc) {
        public String javaName() {
            return component.getName();
        }
    }

    /** A config's accessor as a key: {@code builder.set(GrpoConfig::maxGradNorm, 0.5)}. */
    @FunctionalInterface
    public interface Accessor<R, T> extends Function<R, T>, Serializable {
    }

    private static final Yaml YAML = new Yaml(new SafeConstructor(new LoaderOptions()));

    private final Class<R> type;
    private final String what;
    private final List<Setting> settings;
    private final Map<String, Setting> byKey = new LinkedHashMap<>();      // keys and aliases
    private final Map<String, Setting> byJavaName = new LinkedHashMap<>();
    private final Constructor<R> constructor;
    private final Object[] defaults;
    private final Function<Map<String, Object>, Map<String, Object>> rewrite;

    private Knobs(Class<R> type, String what, Function<Map<String, Object>, Map<String, Object>> rewrite) {
        this.type = type;
        this.what = what;
        this.rewrite = rewrite;
        List<Setting> list = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Knob k = c.getAnnotation(Knob.class);
            if (k == null) throw new IllegalStateException(type.getName() + "." + c.getName() + " has no @Knob declaration");
            Setting s = new Setting(k.yaml().isEmpty() ? snakeCase(c.getName()) : k.yaml(), List.of(k.aliases()), c, k.doc());
            list.add(s);
            byJavaName.put(c.getName(), s);
            for (String key : concat(s.key(), s.aliases())) {
                if (byKey.put(key, s) != null) throw new IllegalStateException(type.getName() + ": two settings named " + key);
            }
        }
        this.settings = List.copyOf(list);
        try {
            this.constructor = type.getDeclaredConstructor(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
        }
        this.defaults = new Object[settings.size()];
        for (int i = 0; i < settings.size(); i++) {
            Setting s = settings.get(i);
            String text = s.component().getAnnotation(Knob.class).value();
            try {
                defaults[i] = convert(s, text.equals("null") ? null : YAML.load(text), true);
            } catch (RuntimeException e) {
                throw new IllegalStateException(type.getName() + "." + s.javaName() + ": bad @Knob default '" + text + "': " + e.getMessage(), e);
            }
        }
    }

    /**
     * The settings of a config record.
     *
     * @param what names the config in errors ("GRPO" → "unknown GRPO setting 'x'")
     */
    public static <R extends Record> Knobs<R> of(Class<R> type, String what) {
        return new Knobs<>(type, what, m -> m);
    }

    /**
     * As {@link #of(Class, String)}, with {@code rewrite} applied to the given keys before they are read: for an
     * alternative spelling that is not a setting of its own (TRL's {@code generation_batch_size} for GRPO's
     * prompts_per_step).
     */
    public static <R extends Record> Knobs<R> of(Class<R> type, String what, Function<Map<String, Object>, Map<String, Object>> rewrite) {
        return new Knobs<>(type, what, rewrite);
    }

    /** The value {@code values} gives a setting (converted), else its default. */
    public Object value(String key, Map<String, ?> values) {
        Setting s = byKey.get(key);
        if (s == null) throw new IllegalArgumentException("unknown " + what + " setting '" + key + "'");
        int i = settings.indexOf(s);
        for (String k : concat(s.key(), s.aliases())) {
            if (values.get(k) != null) return convert(s, values.get(k), false);
        }
        return defaults[i];
    }

    public List<Setting> settings() {
        return settings;
    }

    /** The YAML keys, in declaration order (aliases left out). */
    public List<String> keys() {
        return settings.stream().map(Setting::key).toList();
    }

    /** Whether {@code key} is one of these settings' keys or aliases. */
    public boolean knows(String key) {
        return byKey.containsKey(key);
    }

    /** Every setting at its default. */
    public R defaults() {
        return create(defaults.clone());
    }

    /** The defaults with the given YAML keys set; an unknown key or an ill-typed value is an error naming the key. */
    public R fromMap(Map<String, ?> values) {
        return with(null, values);
    }

    /** {@code base} (null = the defaults) with the given YAML keys set. */
    public R with(R base, Map<String, ?> values) {
        Object[] args = base == null ? defaults.clone() : values(base);
        for (Map.Entry<String, ?> e : rewrite.apply(new LinkedHashMap<>(values)).entrySet()) {
            Setting s = byKey.get(e.getKey());
            if (s == null) {
                throw new IllegalArgumentException("unknown " + what + " setting '" + e.getKey() + "'; known: " + String.join(", ", keys()));
            }
            int i = settings.indexOf(s);
            args[i] = e.getValue() == null && s.component().getType().isPrimitive() ? defaults[i] : convert(s, e.getValue(), false);
        }
        return create(args);
    }

    /** Removes these settings' keys from {@code m} and builds the config from them (the rest of {@code m} is someone else's). */
    public R take(Map<String, Object> m) {
        Map<String, Object> mine = new LinkedHashMap<>();
        for (String k : List.copyOf(m.keySet())) if (byKey.containsKey(k)) mine.put(k, m.remove(k));
        return fromMap(mine);
    }

    /** YAML key → value, every setting spelt out (enums by their YAML name, paths as text): the inverse of {@link #fromMap}. */
    public Map<String, Object> toMap(R config) {
        Map<String, Object> m = new LinkedHashMap<>();
        Object[] v = values(config);
        for (int i = 0; i < settings.size(); i++) m.put(settings.get(i).key(), yamlValue(v[i]));
        return m;
    }

    /** The setting an accessor reads, e.g. {@code setting(GrpoConfig::maxGradNorm)}. */
    public Setting setting(Accessor<R, ?> accessor) {
        String name = implMethodName(accessor);
        Setting s = byJavaName.get(name);
        if (s == null) throw new IllegalArgumentException(name + " is not a setting of " + type.getSimpleName());
        return s;
    }

    public Builder<R> builder() {
        return new Builder<>(this, null);
    }

    /** A builder starting from {@code config}'s values. */
    public Builder<R> builder(R config) {
        return new Builder<>(this, config);
    }

    /**
     * Collects settings, checked when built: {@code set(GrpoConfig::beta, 0.04)} or {@code set("beta", 0.04)}. Values
     * are converted as YAML values are (a whole number for an int setting, a number or numeric text for a double).
     */
    public static final class Builder<R extends Record> {
        private final Knobs<R> knobs;
        private final R base;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder(Knobs<R> knobs, R base) {
            this.knobs = knobs;
            this.base = base;
        }

        public Builder<R> set(Accessor<R, ?> setting, Object value) {
            values.put(knobs.setting(setting).key(), value);
            return this;
        }

        /** By YAML key (or alias); an unknown key fails at {@link #build}. */
        public Builder<R> set(String key, Object value) {
            values.put(key, value);
            return this;
        }

        /** The keys set so far (e.g. to tell an explicit setting from a default). */
        public Map<String, Object> values() {
            return java.util.Collections.unmodifiableMap(values);
        }

        public R build() {
            return knobs.with(base, values);
        }
    }

    private Object[] values(R config) {
        Object[] out = new Object[settings.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = settings.get(i).component().getAccessor().invoke(config);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private R create(Object[] args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object convert(Setting s, Object v, boolean isDefault) {
        String key = s.key();
        Class<?> t = s.component().getType();
        if (v == null) {
            if (t.isPrimitive()) throw new IllegalArgumentException("'" + key + "' needs a value");
            return null;
        }
        if (t == int.class || t == Integer.class) return (int) whole(key, v, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (t == long.class || t == Long.class) return whole(key, v, Long.MIN_VALUE, Long.MAX_VALUE);
        if (t == double.class || t == Double.class) return number(key, v);
        if (t == boolean.class || t == Boolean.class) {
            if (v instanceof Boolean b) return b;
            String text = String.valueOf(v).strip().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) return Boolean.parseBoolean(text);
            throw new IllegalArgumentException("'" + key + "' must be true or false, got " + show(v));
        }
        if (t == String.class) return single(key, v);
        if (t == Path.class) return v instanceof Path p ? p : Path.of(single(key, v));
        if (t.isEnum()) return enumValue(t, key, v);
        if (t == List.class) {
            if (!(v instanceof List<?> l)) throw new IllegalArgumentException("'" + key + "' must be a list, got " + show(v));
            return l.stream().map(String::valueOf).toList();
        }
        if (t == Map.class) {
            if (!(v instanceof Map<?, ?> m)) throw new IllegalArgumentException("'" + key + "' must be a mapping, got " + show(v));
            Map<String, Double> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), number(key + "." + k, x)));
            return out;
        }
        throw new IllegalStateException("no YAML mapping for " + t.getName() + " (" + s.javaName() + ")");
    }

    private static double number(String key, Object v) {
        if (v instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(single(key, v).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be a number, got " + show(v));
        }
    }

    private static long whole(String key, Object v, long min, long max) {
        if (v instanceof Long || v instanceof Integer) {
            long x = ((Number) v).longValue();
            if (x < min || x > max) throw new IllegalArgumentException("'" + key + "' is out of range: " + v);
            return x;
        }
        double d = number(key, v);
        if (d != Math.rint(d) || d < min || d > max) throw new IllegalArgumentException("'" + key + "' must be a whole number, got " + v);
        return (long) d;
    }

    private static String single(String key, Object v) {
        if (v instanceof Map || v instanceof List) throw new IllegalArgumentException("'" + key + "' must be a single value, got " + show(v));
        return String.valueOf(v);
    }

    private static Object enumValue(Class<?> t, String key, Object v) {
        String text = single(key, v);
        try {
            Method parse = t.getMethod("parse", String.class);
            if (Modifier.isStatic(parse.getModifiers()) && parse.getReturnType() == t) return parse.invoke(null, text);
        } catch (NoSuchMethodException e) {
            // matched by name below
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        for (Object c : t.getEnumConstants()) if (((Enum<?>) c).name().equalsIgnoreCase(text.strip())) return c;
        throw new IllegalArgumentException(key + " must be one of " + Arrays.stream(t.getEnumConstants()).map(Knobs::yamlValue)
                .map(String::valueOf).collect(Collectors.joining(", ")) + "; got '" + text + "'");
    }

    private static Object yamlValue(Object v) {
        if (v instanceof Path p) return p.toString();
        if (v instanceof Enum<?> e) {
            try {
                Method name = e.getDeclaringClass().getMethod("trlName");
                return name.invoke(e);
            } catch (ReflectiveOperationException x) {
                return e.name().toLowerCase(Locale.ROOT);
            }
        }
        if (v instanceof Map<?, ?> m) return new LinkedHashMap<>(new java.util.TreeMap<>(m));
        return v;
    }

    private static String show(Object v) {
        if (v instanceof Map) return "a mapping";
        if (v instanceof List) return "a list";
        if (v instanceof String s) return "'" + s + "'";
        return String.valueOf(v);
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> out = new ArrayList<>(rest.size() + 1);
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private static String implMethodName(Accessor<?, ?> accessor) {
        try {
            Method m = accessor.getClass().getDeclaredMethod("writeReplace");
            m.setAccessible(true);
            return ((SerializedLambda) m.invoke(accessor)).getImplMethodName();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("a setting is named by its accessor, e.g. GrpoConfig::beta: " + e, e);
        }
    }
}

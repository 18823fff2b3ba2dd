package org.r1j.dsl.compile;

import java.util.List;
import org.r1j.dsl.check.Type;
import org.r1j.dsl.lib.NumberFunctionsAccess;
import org.r1j.dsl.lib.Unknown;

/** A declared dataset field, converted to its declared type; missing or ill-typed values are unknown. */
record EvalField(String name, Type type) implements Eval {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Override
    public Object eval(Frame frame, Object[] locals) {
        Object v = frame.sample().fields().get(name);
        if (v == null) return Unknown.of("the sample has no field " + name);
        switch (type) {
            case NUMBER:
                if (v instanceof Number n) return n.doubleValue();
                if (v instanceof String s) return NumberFunctionsAccess.parse(s);
                break;
            case TEXT:
                if (v instanceof java.util.Map<?, ?> || v instanceof List<?>) return item(v);
                if (v instanceof String || v instanceof Number || v instanceof Boolean) return v instanceof Number n
                        ? org.r1j.dsl.lib.Values.number(n.doubleValue()) : v.toString();
                break;
            case BOOL:
                if (v instanceof Boolean) return v;
                break;
            case LIST:
                if (v instanceof List<?> l) return l.stream().map(EvalField::item).toList();
                // a JSON object, or text holding JSON (datasets often store test cases so), is a list too
                if (v instanceof java.util.Map<?, ?>) return List.of(item(v));
                if (v instanceof String s && (s.strip().startsWith("[") || s.strip().startsWith("{"))) {
                    try {
                        Object parsed = JSON.readValue(s, Object.class);
                        if (parsed instanceof List<?> l) return l.stream().map(EvalField::item).toList();
                        if (parsed instanceof java.util.Map<?, ?>) return List.of(item(parsed));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        return Unknown.of("field " + name + " is text that is not a JSON list: " + e.getOriginalMessage());
                    }
                }
                break;
            default:
                return v;
        }
        return Unknown.of("field " + name + " is not a " + type);
    }

    private static Object item(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        if (o instanceof Boolean || o instanceof String) return o;
        if (o instanceof java.util.Map<?, ?> || o instanceof List<?>) {
            // nested JSON (e.g. {"input", "output"} test cases) stays JSON text, for the built-ins that read it
            try {
                return JSON.writeValueAsString(o);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return String.valueOf(o);
            }
        }
        return String.valueOf(o);
    }
}

package org.r1j.dsl.lib;

import java.util.List;
import java.util.stream.Collectors;
import org.r1j.dsl.check.Type;

/**
 * One overload of a built-in: parameter types and result type. With {@code variadic} the last parameter type
 * repeats (at least once).
 */
public record Signature(List<Type> params, Type result, boolean variadic) {
    public static Signature of(Type result, Type... params) {
        return new Signature(List.of(params), result, false);
    }

    public static Signature variadic(Type result, Type... params) {
        return new Signature(List.of(params), result, true);
    }

    public boolean accepts(List<Type> args) {
        if (variadic ? args.size() < params.size() : args.size() != params.size()) return false;
        for (int i = 0; i < args.size(); i++) {
            Type p = params.get(Math.min(i, params.size() - 1));
            if (!p.accepts(args.get(i))) return false;
        }
        return true;
    }

    /** e.g. {@code (text, number) -> number}. */
    public String describe() {
        String ps = params.stream().map(Type::toString).collect(Collectors.joining(", "));
        return "(" + ps + (variadic ? ", …" : "") + ") -> " + result;
    }
}

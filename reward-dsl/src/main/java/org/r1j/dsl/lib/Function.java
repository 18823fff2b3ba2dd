package org.r1j.dsl.lib;

import java.util.List;

/**
 * A built-in function: its overloads for the checker and its implementation for the runtime, side by side.
 *
 * @param autoNote whether the evaluator notes {@code name → result} in the explanation (functions that explain
 *                 themselves, or trivial ones like {@code min}, turn it off)
 * @param lenient  receives unknown arguments as {@link Unknown} values instead of being skipped (e.g. {@code known})
 * @param group    a group-level function: its argument is evaluated for every sample of the group and
 *                 {@link Aggregate} combines the values; {@code impl} is unused
 * @param literals checks text literals passed as arguments at compile time (e.g. a language name), or null
 */
public record Function(String name, List<Signature> signatures, Impl impl, Aggregate aggregate, boolean autoNote,
                       boolean group, boolean lenient, String doc, LiteralCheck literals) {

    /** A compile-time check of a text literal argument: the problem in words, or null when it is fine. */
    @FunctionalInterface
    public interface LiteralCheck {
        String problem(int argIndex, String literal);
    }

    /** The run-time body; arguments are known values (numbers as Double, text as String, bool, List, Pattern). */
    @FunctionalInterface
    public interface Impl {
        Object call(Object[] args, CallContext ctx);
    }

    /** Combines one value per group member (Unknown included) into the function's value for every member. */
    @FunctionalInterface
    public interface Aggregate {
        Object combine(List<Object> values);
    }

    public static Function of(String name, String doc, Impl impl, Signature... signatures) {
        return new Function(name, List.of(signatures), impl, null, true, false, false, doc, null);
    }

    public Function quiet() {
        return new Function(name, signatures, impl, aggregate, false, group, lenient, doc, literals);
    }

    public Function takingUnknowns() {
        return new Function(name, signatures, impl, aggregate, autoNote, group, true, doc, literals);
    }

    public Function checkingLiterals(LiteralCheck check) {
        return new Function(name, signatures, impl, aggregate, autoNote, group, lenient, doc, check);
    }

    public static Function group(String name, String doc, Aggregate aggregate, Signature... signatures) {
        return new Function(name, List.of(signatures), null, aggregate, false, true, false, doc, null);
    }

    /** The first overload accepting the argument types, or null. */
    public Signature resolve(List<org.r1j.dsl.check.Type> args) {
        for (Signature s : signatures) {
            if (s.accepts(args)) return s;
        }
        return null;
    }
}

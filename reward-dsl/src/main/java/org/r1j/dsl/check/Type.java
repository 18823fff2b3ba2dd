package org.r1j.dsl.check;

/**
 * Static types. Every value may also be <em>unknown</em> at run time (no boxed answer, a time-out, a missing
 * field); unknown is a value, not a type, so it is not spelled here: see docs/reward-dsl.md, "Unknown".
 * {@link #ANY} is what an erroneous expression gets, so one mistake is reported once, not at every use.
 */
public enum Type {
    NUMBER("number"), TEXT("text"), BOOL("bool"), LIST("list"), REGEX("regex"), ANY("any");

    private final String spelling;

    Type(String spelling) {
        this.spelling = spelling;
    }

    /** Whether a value of type {@code actual} may be passed where this type is expected. */
    public boolean accepts(Type actual) {
        return this == ANY || actual == ANY || this == actual;
    }

    /** The type named in a {@code field x: type} declaration, or null. */
    public static Type named(String name) {
        for (Type t : values()) {
            if (t != ANY && t != REGEX && t.spelling.equals(name)) return t;
        }
        return null;
    }

    /** The type named in a function parameter {@code x: type}: a field's types, and regex. */
    public static Type parameter(String name) {
        return name.equals(REGEX.spelling) ? REGEX : named(name);
    }

    @Override
    public String toString() {
        return spelling;
    }
}

package org.r1j.dsl.lib;

/** Number parsing shared with the runtime (dataset fields given as text). */
public final class NumberFunctionsAccess {
    private NumberFunctionsAccess() {}

    /** The text as a number (thousands separators and a/b allowed), or Unknown. */
    public static Object parse(String text) {
        return NumberFunctions.parse(text);
    }
}

package org.r1j.dsl.compile;

/**
 * A compiled expression node. {@code locals} is the let-slot array of the def or reward body being evaluated.
 * Results are Double, String, Boolean, List, com.google.re2j.Pattern, or {@link org.r1j.dsl.lib.Unknown}.
 */
public interface Eval {
    Object eval(Frame frame, Object[] locals);
}

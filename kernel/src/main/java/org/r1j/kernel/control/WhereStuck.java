package org.r1j.kernel.control;

/**
 * Why a thread asked to stop has not stopped yet, from its stack: inside a native method (a BLAS call, a blocking
 * read) or inside library code, which has no stop checks; either way it stops at the next check in cell code.
 */
public final class WhereStuck {
    private WhereStuck() {}

    /** A one-line note for the cell's output, or null when the thread is in cell code (it stops any moment). */
    public static String describe(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        if (stack.length == 0) {
            return null;
        }
        StackTraceElement top = stack[0];
        if (top.getClassName().startsWith("REPL.")) {
            return null;
        }
        String frame = top.getClassName() + "." + top.getMethodName();
        if (top.isNativeMethod()) {
            return "still inside native code (" + frame + "); will stop at the next check";
        }
        return "still inside library code (" + frame + "), which has no stop checks; will stop at the next check in cell code";
    }
}

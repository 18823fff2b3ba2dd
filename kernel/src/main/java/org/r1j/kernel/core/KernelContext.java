package org.r1j.kernel.core;

import org.r1j.kernel.jshell.JavaEvaluator;

/** What magics may use of the kernel: passed to each magic call (no static kernel singleton). */
public interface KernelContext {
    /** The JShell session cells run in. */
    JavaEvaluator java();

    /** Runs {@code code} through the whole eval chain (magics included), as if it started on cell line {@code firstLine}. */
    JavaEvaluator.Value eval(String code, int firstLine);

    /** Adds jars/folders (File.pathSeparator-separated) for later cells and installs extensions found in them. */
    void addToClasspath(String path);

    /** Declares a JShell variable {@code name} of type {@code type} holding the live object {@code value}. */
    void bind(String name, String type, Object value);

    MagicRegistry magics();

    /** The execution count of the running cell, as the notebook shows it ("[3]"). */
    int cellNumber();

    /** The session's background jobs ({@code %%background}, {@code Background.start}). */
    org.r1j.kernel.background.Jobs jobs();

    /** The per-cell time limit, null for none. */
    java.time.Duration cellTimeout();

    void setCellTimeout(java.time.Duration limit);

    /** Drops every cell variable, method and class (imports stay) and frees their values; returns how many went. */
    int reset();
}

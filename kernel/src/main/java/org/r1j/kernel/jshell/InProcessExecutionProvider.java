package org.r1j.kernel.jshell;

import java.util.Map;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/** Hands JShell our {@link InProcessExecutionControl} (JShell's default engine would start a second JVM). */
final class InProcessExecutionProvider implements ExecutionControlProvider {
    private final ClassLoader parent;
    private InProcessExecutionControl control;

    InProcessExecutionProvider(ClassLoader parent) {
        this.parent = parent;
    }

    @Override
    public String name() {
        return "r1j-in-process";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        control = new InProcessExecutionControl(new InProcessLoaderDelegate(parent));
        return control;
    }

    InProcessExecutionControl control() {
        if (control == null) {
            throw new IllegalStateException("JShell has not started its execution engine yet");
        }
        return control;
    }
}

package org.r1j.kernel.jshell;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.DirectExecutionControl;
import org.r1j.kernel.control.StopCheckWeaver;

/**
 * Runs cell code directly on the calling thread of the kernel JVM, keeping the live result object (for rich display)
 * and the live exception (for readable errors) instead of only their strings.
 */
final class InProcessExecutionControl extends DirectExecutionControl {
    private final InProcessLoaderDelegate loaderDelegate;
    private final AtomicReference<Object> lastValue = new AtomicReference<>();
    private final AtomicReference<Throwable> lastThrown = new AtomicReference<>();

    InProcessExecutionControl(InProcessLoaderDelegate loaderDelegate) {
        super(loaderDelegate);
        this.loaderDelegate = loaderDelegate;
    }

    /** Cell classes get stop checks at method entries and back edges, so an interrupt stops any loop in a cell. */
    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        ClassBytecodes[] instrumented = new ClassBytecodes[classes.length];
        for (int i = 0; i < classes.length; i++) {
            instrumented[i] = new ClassBytecodes(classes[i].name(), StopCheckWeaver.instrument(classes[i].bytecodes()));
        }
        super.load(instrumented);
    }

    InProcessLoaderDelegate loaderDelegate() {
        return loaderDelegate;
    }

    ClassLoader classLoader() {
        return loaderDelegate.classLoader();
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        lastValue.set(null);
        lastThrown.set(null);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // ND4J and ServiceLoader-based libraries look up their providers through the context class loader.
        thread.setContextClassLoader(loaderDelegate.classLoader());
        try {
            Object value = doitMethod.invoke(null);
            lastValue.set(value);
            // JShell's own valueString would print the whole value (Arrays.toString of a 500 MB array, every
            // element of a list): the kernel renders the live object instead, so JShell gets only a short label.
            return value == null ? "null" : value.getClass().getName();
        } catch (InvocationTargetException e) {
            lastThrown.set(e.getCause());
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The object the last snippet evaluated to (null for statements and declarations without a value). */
    Object takeLastValue() {
        return lastValue.getAndSet(null);
    }

    /** The exception the last snippet threw, if any. */
    Throwable takeLastThrown() {
        return lastThrown.getAndSet(null);
    }
}

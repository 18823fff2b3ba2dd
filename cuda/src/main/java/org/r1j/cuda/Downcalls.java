package org.r1j.cuda;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The FFM plumbing the CUDA bindings share. The driver API and cuBLAS both return an int status from every function
 * (CUresult, cublasStatus_t), so a binding is a symbol plus its argument layouts, and a call is an int.
 */
public final class Downcalls {
    private static final Linker LINKER = Linker.nativeLinker();

    private Downcalls() {
    }

    /** A handle for {@code int name(args…)} in {@code lib}; a missing symbol says so with {@code missing}'s text. */
    public static MethodHandle intFunction(SymbolLookup lib, String name, String missing, MemoryLayout... args) {
        return LINKER.downcallHandle(lib.find(name).orElseThrow(() -> new MissingLibraryException(missing)),
                FunctionDescriptor.of(JAVA_INT, args));
    }

    /** Calls a status-returning handle; what it throws is rethrown unchecked. */
    public static int call(MethodHandle h, Object... args) {
        try {
            return (int) h.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}

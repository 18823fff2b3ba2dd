package org.r1j.kernel.control;

import java.io.PrintStream;

/**
 * Ends the kernel when the Jupyter process that started it dies ({@code JPY_PARENT_PID}, as ipykernel watches it),
 * so a crashed or killed Jupyter leaves no orphan JVM holding gigabytes of heap, off-heap buffers or a GPU.
 */
public final class ParentWatch {
    /** Set by Jupyter's kernel manager to its own pid. */
    public static final String ENV = "JPY_PARENT_PID";
    /** Exit code when the parent is gone. */
    static final int EXIT_CODE = 3;

    private ParentWatch() {}

    /** Watches the parent named by {@code JPY_PARENT_PID}, if set and alive; returns whether it watches. */
    public static boolean fromEnvironment() {
        String pid = System.getenv(ENV);
        if (pid == null || !pid.strip().matches("\\d+")) {
            return false;
        }
        PrintStream log = System.err;
        return ProcessHandle.of(Long.parseLong(pid.strip())).map(parent -> {
            parent.onExit().thenRun(() -> {
                log.println("r1j kernel: Jupyter (pid " + parent.pid() + ") has exited; the kernel exits too");
                // exit runs shutdown hooks; halt if one of them hangs (a blocked native call)
                Thread halt = new Thread(() -> {
                    try {
                        Thread.sleep(5000);
                    } catch (InterruptedException ignored) {
                        // exiting anyway
                    }
                    Runtime.getRuntime().halt(EXIT_CODE);
                }, "r1j-halt");
                halt.setDaemon(true);
                halt.start();
                System.exit(EXIT_CODE);
            });
            return true;
        }).orElse(false);
    }
}

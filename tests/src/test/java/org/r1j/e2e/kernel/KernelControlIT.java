package org.r1j.e2e.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel for long experiments against real Jupyter clients (tests/src/test/python/test_r1j_control.py): an
 * interrupt stops a tight loop with no interrupt check and keeps the variables; library code is reported; a cell
 * timeout; stop_on_error aborts queued cells; StackOverflowError/OutOfMemoryError are cell errors; a re-defined
 * 500 MB variable is freed (measured) and %reset frees the rest; a background GRPO run keeps updating its cell after
 * it returned and %stop stops it; the kernel exits when its Jupyter parent dies; the training display's updates carry
 * only new chart points (bytes counted over a 900-step run) and its Stop button (an ipywidgets comm, clicked as a
 * front end would) stops foreground training at its next step with a checkpoint; Shift-Tab shows r1j's and
 * Tablesaw's javadoc; %mavenRepo + %maven resolve in-process from a file repository made by the test.
 */
class KernelControlIT {
    @Test
    void kernelStopsAnythingRunsInTheBackgroundAndFreesMemory(@TempDir Path prefix) throws Exception {
        Jupyter.requirePythonModules("jupyter_client");
        Path jupyterPath = Jupyter.installKernel(prefix, "r1jctl");
        Jupyter.Result r = Jupyter.run(
                List.of(Jupyter.python().toString(), "-m", "unittest", "-v", "test_r1j_control"),
                Map.of("JUPYTER_PATH", jupyterPath.toString(), "R1J_KERNEL_NAME", "r1jctl"), 600);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Ran 15 tests"), "not every control test ran:\n" + r.output());
        System.out.println(r.output().lines().filter(l -> l.startsWith("heap:") || l.startsWith("reset:")
                || l.startsWith("display bytes:") || l.startsWith("%maven:")).toList());
    }
}

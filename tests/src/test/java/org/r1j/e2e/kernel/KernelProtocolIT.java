package org.r1j.e2e.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed kernel against real Jupyter clients: jupyter_kernel_test's protocol suite (execute, streams,
 * errors, display, completion, inspection, is_complete, history, kernel_info) plus interrupt, restart, tables,
 * charts and magics (tests/src/test/python/test_r1j_kernel.py).
 */
class KernelProtocolIT {
    @Test
    void kernelPassesTheProtocolSuite(@TempDir Path prefix) throws Exception {
        Jupyter.requirePythonModules("jupyter_client", "jupyter_kernel_test");
        Path jupyterPath = Jupyter.installKernel(prefix, "r1jtest");
        Jupyter.Result r = Jupyter.run(
                List.of(Jupyter.python().toString(), "-m", "unittest", "-v", "test_r1j_kernel"),
                Map.of("JUPYTER_PATH", jupyterPath.toString(), "R1J_KERNEL_NAME", "r1jtest"), 600);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().matches("(?s).*test_y_interrupt\\S* \\(.*?\\) \\.\\.\\. ok.*"), "interrupt test did not pass:\n" + r.output());
    }
}

package org.r1j.cuda.backend;

import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.cuda.CudaContext;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.BackendProvider;

/**
 * {@code Backends.select("cuda", ...)}'s entry (META-INF/services): opens GPU 0 once per JVM and hands every later
 * caller, on any thread, the same backend. Without a driver or a device the error says why, as the
 * driver search wrote it. Opening prints one line on stderr naming the device and the GEMM precision (a CLI command,
 * a notebook cell: the user sees where the work runs). See {@link CudaBackend}.
 */
public final class CudaBackendProvider implements BackendProvider {
    private static CudaBackend opened;

    @Override public String name() { return "cuda"; }

    @Override
    public Backend open(DataType dtype) {
        synchronized (CudaBackendProvider.class) {
            if (opened == null) {
                try {
                    opened = new CudaBackend(CudaContext.open(0));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("backend cuda cannot run here: " + e.getMessage(), e);
                }
                System.err.println("r1j: backend " + opened.describe());   // where the work runs, once per JVM
            }
            return opened;
        }
    }
}

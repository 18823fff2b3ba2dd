package org.r1j.model.backend;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * A backend that lives in another module (the GPU ones: {@code cuda}), found by {@link java.util.ServiceLoader} when
 * its jar is on the class path ({@code META-INF/services/org.r1j.model.backend.BackendProvider}), so trainer never
 * depends on it. {@link Backends#select} asks the provider of the requested name.
 */
public interface BackendProvider {
    /** The name {@link Backends#select} takes, e.g. "cuda". */
    String name();

    /**
     * The backend, opened on the calling thread where it needs a device.
     *
     * @throws IllegalArgumentException saying why it cannot run here (no driver, no device, dtype not supported)
     */
    Backend open(DataType dtype);
}

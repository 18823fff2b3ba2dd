/**
 * The model's backend seam: {@link org.r1j.model.backend.Backend} (memory and the operations, with shapes),
 * {@link org.r1j.model.backend.Tensor} (the opaque handle on memory the backend owns),
 * {@link org.r1j.model.backend.Backends} (chosen once per model, by name), one sub-package per backend:
 * {@code nd4j} (ND4J ops; the CPU reference, f32 and f64) and {@code simd} (Java Vector API kernels, f32).
 */
package org.r1j.model.backend;

/**
 * trainer's Backend on a GPU: {@link org.r1j.cuda.backend.CudaBackend} over {@link org.r1j.cuda.backend.CudaTensor}s,
 * found by {@code Backends.select("cuda", ...)} through {@link org.r1j.cuda.backend.CudaBackendProvider}. First
 * slice of #12, not usable for training yet (cuda/README.md says what is missing).
 */
package org.r1j.cuda.backend;

/**
 * trainer's Backend on a GPU: {@link org.r1j.cuda.backend.CudaBackend} over {@link org.r1j.cuda.backend.CudaTensor}s,
 * found by {@code Backends.select("cuda", ...)} through {@link org.r1j.cuda.backend.CudaBackendProvider}, with its
 * decoding step {@link org.r1j.cuda.backend.CudaDecodeStep}; the trainer runs on it (cuda/README.md: what is
 * checked, and that nothing has run on a GPU yet).
 */
package org.r1j.cuda.backend;

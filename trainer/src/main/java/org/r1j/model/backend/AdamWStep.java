package org.r1j.model.backend;

/**
 * The scalars of one AdamW update (PyTorch's rule, see {@code org.r1j.optim.AdamW}), per element:
 * <pre>
 *   w = keep w;  m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2
 *   w += stepSize m / (sqrt(v) invSqrtBc2 + eps)
 * </pre>
 *
 * @param keep       1 - lr wd for decaying tensors, else 1 (decoupled weight decay)
 * @param beta1      b1
 * @param beta2      b2
 * @param stepSize   -lr / (1 - b1^t) (bias correction of m folded in)
 * @param invSqrtBc2 1 / sqrt(1 - b2^t) (bias correction of v)
 * @param eps        added after the bias correction, as PyTorch does
 */
public record AdamWStep(double keep, double beta1, double beta2, double stepSize, double invSqrtBc2, double eps) {}

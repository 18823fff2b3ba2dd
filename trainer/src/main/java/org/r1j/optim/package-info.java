/**
 * Optimisation for {@link org.r1j.model.Parameters}: {@link org.r1j.optim.AdamW} (PyTorch's update rule,
 * decoupled weight decay on matrices, state by parameter name for checkpoints), global gradient-norm clipping
 * ({@link org.r1j.optim.GradClip}) and learning-rate schedules ({@link org.r1j.optim.LrSchedule}).
 */
package org.r1j.optim;

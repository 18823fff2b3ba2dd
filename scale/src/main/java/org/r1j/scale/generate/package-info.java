/**
 * {@code r1j spark eval / rejection / distill}: the trainer's evaluator and rejection sampler over blocks of 64
 * problems ({@link org.r1j.scale.generate.ProblemBlock}), one block per partition, each numbered from its first
 * problem so its seeds — and, being aligned with the generator's batches, its arithmetic — are those of one process.
 * Executors rebuild the task ({@link org.r1j.scale.generate.TaskSpec}) and load the model
 * ({@link org.r1j.scale.generate.ModelSource}) once per JVM.
 */
package org.r1j.scale.generate;

/**
 * Model files in Hugging Face layout: {@link org.r1j.model.io.Safetensors} (any tensors + string metadata; also
 * for optimiser state), {@link org.r1j.model.io.ShardedWeights} (single file or shards + index),
 * {@link org.r1j.model.io.ModelConfigJson} (config.json) and {@link org.r1j.model.io.Checkpoint} (a whole model
 * directory: weights, config, tokenizer). Errors are {@link org.r1j.model.io.CheckpointException}s naming the
 * file and tensor.
 */
package org.r1j.model.io;

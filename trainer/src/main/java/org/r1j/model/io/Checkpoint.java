package org.r1j.model.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.r1j.model.CausalLM;
import org.r1j.model.DecoderModel;
import org.r1j.model.ModelConfig;
import org.r1j.model.tokenize.Tokenizer;
import org.r1j.model.tokenize.TokenizerFiles;

/**
 * A model directory in Hugging Face layout: {@code config.json}, {@code model.safetensors} (or shards + index)
 * with HF tensor names, {@code tokenizer.json} + {@code tokenizer_config.json}. {@code transformers} loads what
 * {@link #save} writes, and {@link #load} reads what {@code save_pretrained} writes (f32/bf16/f16).
 *
 * <p>Every file is written atomically (temp file + rename); {@code config.json} is written last, so a directory
 * without it is an interrupted save. Other state (optimiser moments, step, RNG) goes into further files with
 * {@link Safetensors#write(Path, Map, Map)}; {@link #load} ignores files it does not know.
 */
public final class Checkpoint {
    public static final String CONFIG = "config.json";
    /** Shard size above which weights are split, as transformers' default {@code max_shard_size="5GB"}. */
    public static final long DEFAULT_MAX_SHARD_BYTES = 5_000_000_000L;

    private Checkpoint() {
    }

    /** Writes the model's weights, config and tokenizer into {@code dir} (created if needed). */
    public static void save(CausalLM model, Tokenizer tokenizer, Path dir) {
        save(model, tokenizer, dir, DEFAULT_MAX_SHARD_BYTES);
    }

    /** As {@link #save(CausalLM, Tokenizer, Path)}, splitting weights into shards of at most {@code maxShardBytes}. */
    public static void save(CausalLM model, Tokenizer tokenizer, Path dir, long maxShardBytes) {
        if (tokenizer.vocabSize() > model.config().vocabSize()) {
            throw new CheckpointException(dir + ": the tokenizer has " + tokenizer.vocabSize()
                    + " tokens but the model's vocab_size is only " + model.config().vocabSize());
        }
        Map<String, HostArray> weights = new LinkedHashMap<>();
        for (String name : model.parameters().names()) weights.put(name, model.parameters().hostWeight(name));
        ShardedWeights.write(dir, weights, maxShardBytes);
        tokenizer.save(dir);
        ModelConfigJson.write(withSpecialIds(model.config(), tokenizer), dir.resolve(CONFIG));
    }

    /** Reads the model (f32) and its tokenizer from {@code dir}. */
    public static LoadedModel load(Path dir) {
        return new LoadedModel(loadModel(dir), TokenizerFiles.load(dir));
    }

    /** Reads only the model (f32) from {@code dir}. */
    public static DecoderModel loadModel(Path dir) {
        if (!Files.isDirectory(dir)) throw new CheckpointException(dir + ": not a directory (expected a model directory with config.json)");
        ModelConfig config = ModelConfigJson.read(dir.resolve(CONFIG));
        Map<String, HostArray> weights = ShardedWeights.read(dir);
        try {
            return new DecoderModel(config, weights);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(dir + ": " + e.getMessage() + " (weights: " + weightFiles(dir) + ")", e);
        }
    }

    /**
     * Every EOS id the model directory declares: {@code eos_token_id} of config.json and of generation_config.json,
     * each an int or a list (Qwen2.5-Instruct stops on both {@code <|im_end|>} and {@code <|endoftext|>}). For
     * {@link org.r1j.model.sample.Generator#withStopTokens}.
     */
    public static int[] stopTokenIds(Path dir) {
        java.util.LinkedHashSet<Integer> ids = new java.util.LinkedHashSet<>();
        for (String file : new String[] {CONFIG, "generation_config.json"}) {
            Path f = dir.resolve(file);
            if (!Files.isRegularFile(f)) continue;
            try {
                var v = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(f)).get("eos_token_id");
                if (v != null && v.isArray()) v.forEach(x -> ids.add(x.asInt()));
                else if (v != null && v.canConvertToInt()) ids.add(v.asInt());
            } catch (java.io.IOException e) {
                throw new CheckpointException(f + ": cannot read: " + e.getMessage(), e);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String weightFiles(Path dir) {
        return Files.isRegularFile(dir.resolve(ShardedWeights.SINGLE)) ? ShardedWeights.SINGLE : ShardedWeights.INDEX;
    }

    /** Records the tokenizer's EOS id in config.json (transformers' generate() reads it from there). */
    private static ModelConfig withSpecialIds(ModelConfig c, Tokenizer tok) {
        int eos = c.eosTokenId() >= 0 ? c.eosTokenId() : tok.eosId();
        return new ModelConfig(c.vocabSize(), c.hiddenSize(), c.intermediateSize(), c.numHiddenLayers(),
                c.numAttentionHeads(), c.numKeyValueHeads(), c.rmsNormEps(), c.ropeTheta(), c.maxPositionEmbeddings(),
                c.tieWordEmbeddings(), c.attentionBias(), c.modelType(), c.bosTokenId(), eos);
    }
}

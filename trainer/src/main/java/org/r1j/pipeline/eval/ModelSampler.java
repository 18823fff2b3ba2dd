package org.r1j.pipeline.eval;

import java.util.List;
import org.r1j.model.CausalLM;
import org.r1j.model.sample.FinishReason;
import org.r1j.model.sample.Generation;
import org.r1j.model.sample.Generator;
import org.r1j.model.sample.SamplingParams;
import org.r1j.model.tokenize.Tokenizer;

/** A model and its tokenizer as a {@link CompletionSampler}, through the batched KV-cache {@link Generator}. */
public final class ModelSampler implements CompletionSampler {
    private final Generator generator;

    public ModelSampler(CausalLM model, Tokenizer tokenizer) {
        this(new Generator(model, tokenizer));
    }

    public ModelSampler(Generator generator) {
        this.generator = generator;
    }

    /** The same model numbering its prompts from {@code first} (see {@link Generator#numberedFrom}). */
    public ModelSampler numberedFrom(int first) {
        return new ModelSampler(generator.numberedFrom(first));
    }

    /** Rows per model batch; a slice of prompts starting at prompt a, a × n a multiple of this, is batched as in the whole list. */
    public int maxBatchRows() {
        return generator.maxBatchRows();
    }

    @Override
    public List<List<Completion>> sample(List<String> prompts, int n, SamplingParams params) {
        return generator.generate(prompts, n, params).stream()
                .map(row -> row.stream().map(ModelSampler::completion).toList())
                .toList();
    }

    private static Completion completion(Generation g) {
        return new Completion(g.text(), g.tokens().length, g.finishReason() == FinishReason.LENGTH);
    }
}

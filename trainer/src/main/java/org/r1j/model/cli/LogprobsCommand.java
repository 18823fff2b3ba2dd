package org.r1j.model.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.r1j.model.ForwardPass;
import org.r1j.model.TokenBatch;
import org.r1j.model.io.Checkpoint;
import org.r1j.model.io.LoadedModel;
import org.r1j.model.tokenize.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `r1j logprobs`: the completion's tokens and log p(token | prompt, previous tokens) under
 * {@code softmax(logits / temperature)}, as JSON. Prompt and completion are tokenised separately and concatenated,
 * as GRPO scores its samples.
 */
@Command(name = "logprobs", mixinStandardHelpOptions = true, description = "Per-token log-probabilities of a completion, as JSON.")
public final class LogprobsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
    Path model;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The conditioning text.")
    String prompt;

    @Option(names = "--completion", required = true, paramLabel = "TEXT", description = "The text to score.")
    String completion;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Scores softmax(logits / T) (default: ${DEFAULT-VALUE}).")
    float temperature;

    @Override
    public Integer call() throws Exception {
        if (!(temperature > 0)) throw new IllegalArgumentException("--temperature must be > 0, got " + temperature);
        LoadedModel m = Checkpoint.load(model);
        Tokenizer tok = m.tokenizer();
        int[] p = tok.encode(prompt), c = tok.encode(completion);
        if (p.length == 0) throw new IllegalArgumentException("--prompt encodes to no tokens");
        if (c.length == 0) throw new IllegalArgumentException("--completion encodes to no tokens");
        if (p.length + c.length > m.model().config().maxPositionEmbeddings()) {
            throw new IllegalArgumentException("prompt + completion = " + (p.length + c.length)
                    + " tokens exceeds max_position_embeddings " + m.model().config().maxPositionEmbeddings());
        }
        int[] seq = new int[p.length + c.length];
        System.arraycopy(p, 0, seq, 0, p.length);
        System.arraycopy(c, 0, seq, p.length, c.length);
        float[] lps;
        float[] ents;
        try (ForwardPass pass = m.model().forward(new TokenBatch(new int[][] {seq}, new int[] {p.length}, new int[] {seq.length}),
                temperature, false)) {
            lps = pass.logprobs()[0];
            ents = pass.entropies()[0];
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("temperature", temperature);
        var pt = out.putArray("prompt_tokens");
        for (int id : p) pt.add(id);
        var tokens = out.putArray("tokens");
        double sum = 0;
        for (int i = 0; i < c.length; i++) {
            tokens.addObject().put("id", c[i]).put("text", tok.decode(new int[] {c[i]}, false))
                    .put("logprob", lps[i]).put("entropy", ents[i]);
            sum += lps[i];
        }
        out.put("sum_logprob", sum);
        spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        spec.commandLine().getOut().flush();
        return 0;
    }
}

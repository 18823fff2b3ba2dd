package org.r1j.model.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.r1j.model.io.Checkpoint;
import org.r1j.model.io.LoadedModel;
import org.r1j.model.sample.Generation;
import org.r1j.model.sample.Generator;
import org.r1j.model.sample.SamplingParams;
import org.r1j.model.tokenize.ChatTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `r1j generate`: sample completions with the batched KV-cache {@link Generator}. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Sample completions from a model.")
public final class GenerateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (config.json, model.safetensors, tokenizer.json).")
    Path model;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "Prompt text; repeat for a batch of prompts.")
    List<String> prompts;

    @Option(names = "--n", defaultValue = "1", description = "Completions per prompt (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Softmax temperature; 0 = greedy (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus sampling mass in (0, 1]; 1 = off (default: ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--top-k", defaultValue = "0", description = "Sample among the K most likely tokens; 0 = off (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--max-new-tokens", defaultValue = "64", description = "Most tokens per completion (default: ${DEFAULT-VALUE}).")
    int maxNewTokens;

    @Option(names = "--seed", defaultValue = "0", description = "Sampling seed; same seed, same output (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop when the completion contains TEXT (kept in the output); repeatable.")
    List<String> stops = new ArrayList<>();

    @Option(names = "--chat", description = "Wrap each prompt as a user turn in the tokenizer's chat template (ChatML for Qwen, Llama 3 headers).")
    boolean chat;

    @Option(names = "--system", paramLabel = "TEXT", description = "System prompt for --chat.")
    String system;

    @Option(names = "--json", description = "One JSON object per completion (text, tokens, logprobs, finish_reason).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        SamplingParams params = new SamplingParams(temperature, topP, topK, maxNewTokens, stops, seed);
        LoadedModel m = Checkpoint.load(model);
        ChatTemplate template = chat ? ChatTemplate.forTokenizer(m.tokenizer()) : null;
        if (chat && template == ChatTemplate.NONE) {
            throw new IllegalArgumentException("--chat: the tokenizer in " + model + " has no chat markers (<|im_start|> or <|start_header_id|>)");
        }
        List<String> texts = template == null ? prompts : prompts.stream().map(p -> template.user(system, p)).toList();
        Generator generator = new Generator(m.model(), m.tokenizer()).withStopTokens(Checkpoint.stopTokenIds(model));
        // chat models end a turn with their end-of-turn marker, which is not always the tokenizer's EOS
        for (String endOfTurn : new String[] {"<|im_end|>", "<|eot_id|>"}) {
            var id = m.tokenizer().specialId(endOfTurn);
            if (template != null && id.isPresent()) generator = generator.withStopTokens(id.getAsInt());
        }
        List<List<Generation>> out = generator.generate(texts, n, params);
        PrintWriter w = spec.commandLine().getOut();
        for (int i = 0; i < out.size(); i++) {
            for (int j = 0; j < out.get(i).size(); j++) {
                Generation g = out.get(i).get(j);
                if (json) {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("prompt_index", i).put("sample", j).put("prompt", prompts.get(i)).put("text", g.text());
                    o.put("finish_reason", g.finishReason().name().toLowerCase());
                    var toks = o.putArray("tokens");
                    for (int t : g.tokens()) toks.add(t);
                    var lps = o.putArray("logprobs");
                    for (float lp : g.logprobs()) lps.add(lp);
                    w.println(JSON.writeValueAsString(o));
                } else {
                    w.printf("--- prompt %d, sample %d (%s, %d tokens) ---%n%s%n", i + 1, j + 1,
                            g.finishReason().name().toLowerCase(), g.tokens().length, g.text());
                }
            }
        }
        w.flush();
        return 0;
    }
}

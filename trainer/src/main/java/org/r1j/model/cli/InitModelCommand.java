package org.r1j.model.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.r1j.model.DecoderModel;
import org.r1j.model.ModelConfig;
import org.r1j.model.ModelPresets;
import org.r1j.model.io.Checkpoint;
import org.r1j.model.io.ModelConfigJson;
import org.r1j.model.tokenize.CharTokenizer;
import org.r1j.model.tokenize.Tokenizer;
import org.r1j.model.tokenize.TokenizerFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `r1j init-model`: a randomly initialised model (HF init: normal(0, 0.02)) written in Hugging Face layout. */
@Command(name = "init-model", mixinStandardHelpOptions = true,
        description = "Write a randomly initialised model in Hugging Face format (config.json, model.safetensors, tokenizer.json).")
public final class InitModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", defaultValue = "tiny", paramLabel = "tiny|small|FILE",
            description = "A preset (tiny: hidden 64, 2 layers; small: hidden 256, 4 layers) with the tokenizer's vocabulary, "
                    + "or a Hugging Face config.json (default: ${DEFAULT-VALUE}).")
    String config;

    @Option(names = "--tokenizer", defaultValue = "char", paramLabel = "char|FILE",
            description = "char: r1j's character tokenizer (printable ASCII, newline, <pad> <eos> <unk> <think> </think> "
                    + "<answer> </answer>); or a tokenizer.json (or a directory holding one) (default: ${DEFAULT-VALUE}).")
    String tokenizer;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to create.")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the random weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--force", description = "Overwrite a model already in DIR.")
    boolean force;

    @Override
    public Integer call() {
        if (Files.exists(out.resolve(Checkpoint.CONFIG)) && !force) {
            throw new IllegalArgumentException(out + " already holds a model (config.json); use --force to overwrite it");
        }
        Tokenizer tok = tokenizer.equals("char") ? CharTokenizer.ascii() : TokenizerFiles.load(Path.of(tokenizer));
        ModelConfig cfg = switch (config) {
            case "tiny", "small" -> ModelPresets.byName(config, tok.vocabSize());
            default -> ModelConfigJson.read(Path.of(config));
        };
        if (cfg.vocabSize() < tok.vocabSize()) {
            throw new IllegalArgumentException(config + ": vocab_size " + cfg.vocabSize() + " is smaller than the tokenizer's "
                    + tok.vocabSize() + " tokens");
        }
        DecoderModel model = DecoderModel.random(cfg, seed);
        Checkpoint.save(model, tok, out);
        spec.commandLine().getOut().printf("wrote %s: %s, %,d parameters (hidden %d, %d layers, %d heads / %d KV heads, "
                        + "intermediate %d, vocab %d%s), tokenizer %s (%d tokens)%n",
                out, cfg.modelType(), model.parameters().count(), cfg.hiddenSize(), cfg.numHiddenLayers(),
                cfg.numAttentionHeads(), cfg.numKeyValueHeads(), cfg.intermediateSize(), cfg.vocabSize(),
                cfg.tieWordEmbeddings() ? ", tied head" : "", tokenizer.equals("char") ? "char" : tokenizer, tok.vocabSize());
        spec.commandLine().getOut().flush();
        return 0;
    }
}

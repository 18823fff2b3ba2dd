package org.r1j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.model.DecoderModel;
import org.r1j.model.ModelPresets;
import org.r1j.model.TokenBatch;
import org.r1j.model.sample.Generator;
import org.r1j.model.sample.SamplingParams;
import org.r1j.model.tokenize.CharTokenizer;
import org.r1j.pipeline.data.SftExample;

class SftTrainerTest {
    private static final CharTokenizer TOK = CharTokenizer.ascii();

    @Test
    void learnsToWriteTheCompletionAndStop(@TempDir Path dir) throws Exception {
        List<SftExample> data = new ArrayList<>();
        for (int i = 0; i < 4; i++) data.add(new SftExample("e" + i, "q" + i + ":", "ans" + i));
        SftConfig cfg = new SftConfig(1e-2, 4, 40, 5, "constant", 0.0, 1.0, 64, 3, 0, dir.resolve("sft"));
        DecoderModel model = DecoderModel.random(ModelPresets.tiny(TOK.vocabSize()), 2);
        SftTrainer t = new SftTrainer(model, TOK, data, cfg);
        double first = t.trainStep().get("loss");
        SftTrainer.Result r = t.train();
        System.out.printf("SFT loss %.3f -> %.3f%n", first, r.finalLoss());
        assertEquals(40, r.lastStep());
        assertTrue(first > 3.5, "a random model starts near ln(vocab)=4.6, got " + first);
        // "ans" + digit + EOS: all but the digit is learnable fast; ln(4)/5 = 0.28 is the loss of guessing the digit
        assertTrue(r.finalLoss() < 0.6, "the loss should fall on 4 memorisable examples, got " + r.finalLoss());
        var out = new Generator(model, TOK).generate(List.of("q2:"), 1, SamplingParams.greedy(8));
        assertTrue(out.get(0).get(0).text().matches("ans[0-3]"), "greedy continuation after SFT: " + out.get(0).get(0).text());
        assertTrue(out.get(0).get(0).tokens()[out.get(0).get(0).tokens().length - 1] == TOK.eosId(), "stops with EOS");
        assertTrue(Files.readString(dir.resolve("sft/metrics.csv")).startsWith("step,stage,skipped,loss,grad_norm,learning_rate"));
        assertTrue(Files.exists(dir.resolve("sft/checkpoints/latest")));
    }

    @Test
    void batchesArePromptCompletionEosWithCompletionOnlyLoss() {
        SftConfig cfg = new SftConfig(1e-3, 2, 1, 0, "constant", 0.0, 1.0, 6, 3, 0, null);
        SftTrainer t = new SftTrainer(DecoderModel.random(ModelPresets.tiny(TOK.vocabSize()), 2), TOK,
                List.of(new SftExample("a", "ab", "c"), new SftExample("b", "x", "yzwvu")), cfg);
        TokenBatch b = t.batch(List.of(new SftExample("a", "ab", "c"), new SftExample("b", "x", "yzwvu")));
        assertEquals(2, b.promptLengths()[0]);
        assertEquals(4, b.lengths()[0], "ab + c + EOS");
        assertEquals(TOK.eosId(), b.tokens()[0][3]);
        assertEquals(6, b.lengths()[1], "cut at max_length 6: x + yzwvu, no room for EOS");
        assertEquals(TOK.encode("u")[0], b.tokens()[1][5]);
    }
}

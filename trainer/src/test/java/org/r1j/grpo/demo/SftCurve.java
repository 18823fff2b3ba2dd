package org.r1j.grpo.demo;

import java.util.List;
import org.r1j.model.DecoderModel;
import org.r1j.model.ModelConfig;
import org.r1j.model.tokenize.CharTokenizer;
import org.r1j.model.tokenize.Tokenizer;
import org.r1j.pipeline.eval.EvalConfig;
import org.r1j.pipeline.eval.Evaluator;
import org.r1j.pipeline.eval.ModelSampler;
import org.r1j.pipeline.task.ArithmeticTask;
import org.r1j.pipeline.task.Split;
import org.r1j.train.SftConfig;
import org.r1j.train.SftTrainer;

/** Manual tuning (not a test): SFT accuracy curve. Args: hidden layers lr chunk chunks batch. */
public final class SftCurve {
    public static void main(String[] a) {
        int hidden = Integer.parseInt(a[0]), layers = Integer.parseInt(a[1]);
        double lr = Double.parseDouble(a[2]);
        int chunk = Integer.parseInt(a[3]), chunks = Integer.parseInt(a[4]), batch = Integer.parseInt(a[5]);
        Tokenizer tok = TagTokenizer.r1(CharTokenizer.ascii());
        ArithmeticTask task = new ArithmeticTask(1);
        ModelConfig c = new ModelConfig(tok.vocabSize(), hidden, hidden * 11 / 4, layers, 4, 2, 1e-6, 10000.0, 512, true, true, "qwen2", -1, -1);
        DecoderModel model = DecoderModel.random(c, 1);
        SftConfig sft = new SftConfig(lr, batch, chunk * chunks, 20, "constant", 0.0, 1.0, 256, 1, 0, null);
        SftTrainer st = new SftTrainer(model, tok, task.coldStart(4000), sft);
        Evaluator ev = new Evaluator(new EvalConfig(2, 0.6, 0.95, 40, true, List.of("</answer>"), 5), task.checker(), task.template());
        var held = task.problems(Split.TEST, 50);
        long t0 = System.nanoTime();
        for (int k = 0; k < chunks; k++) {
            double loss = 0;
            for (int i = 0; i < chunk; i++) loss += st.trainStep().get("loss");
            long t1 = System.nanoTime();
            var r = ev.evaluate(new ModelSampler(model, tok), held);
            System.out.printf("step %d loss %.3f %s  (train %.0fs, eval %.0fs)%n", (k + 1) * chunk, loss / chunk, r.summary(),
                    (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
            t0 = System.nanoTime();
        }
    }
}

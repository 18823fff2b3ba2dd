package org.r1j.pipeline.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.r1j.train.checkpoint.TrainingCheckpoint;
import org.r1j.model.tokenize.ChatTemplate;
import org.r1j.pipeline.data.Loaded;
import org.r1j.pipeline.data.SftExample;
import org.r1j.pipeline.data.SftJsonl;
import org.r1j.pipeline.data.Slips;
import org.r1j.pipeline.eval.InRunEval;
import org.r1j.train.StepEvaluation;
import org.r1j.train.SftConfig;
import org.r1j.train.SftTrainer;

/**
 * Supervised fine-tuning of the current model: R1's cold start (the task's worked examples), the SFT on
 * rejection-sampled data, or distillation's student training.
 *
 * @param config   SFT hyper-parameters (output_dir is set to the stage folder)
 * @param data     "cold_start" (the task's cold-start examples), "previous" (what the last rejection or distill
 *                 stage kept) or a path to a JSONL file of {prompt, completion} or chat {messages} lines
 * @param examples how many cold-start examples to build (ignored for other data)
 * @param slipRate share of the cold-start examples whose final answer is copied with a slip (last digit + 1) although
 *                 the working is right: imperfect cold-start data, as from a sloppy teacher, which SFT imitates and a
 *                 verifiable accuracy reward can remove ({@link Slips}; the demo uses 0.5). Cold start only; default 0
 * @param eval     held-out evaluation during the stage ({@link InRunEval#OFF} by default)
 */
public record SftStage(SftConfig config, String data, int examples, double slipRate, InRunEval eval) implements Stage {
    public static final String COLD_START = "cold_start";
    public static final String PREVIOUS = "previous";

    public SftStage {
        if (eval == null) eval = InRunEval.OFF;
        if (data == null || data.isBlank()) throw new IllegalArgumentException("sft needs data: cold_start, previous or a .jsonl path");
        if (data.equals(COLD_START) && examples < 1) throw new IllegalArgumentException("sft examples must be >= 1, got " + examples);
        if (!(slipRate >= 0 && slipRate <= 1)) throw new IllegalArgumentException("sft slip_rate must be in [0, 1], got " + slipRate);
        if (slipRate > 0 && !data.equals(COLD_START))
            throw new IllegalArgumentException("sft slip_rate applies to data: cold_start only (data is " + data + ")");
    }

    /** An sft stage on clean data. */
    public SftStage(SftConfig config, String data, int examples) {
        this(config, data, examples, 0);
    }

    /** An sft stage without in-run evaluation. */
    public SftStage(SftConfig config, String data, int examples, double slipRate) {
        this(config, data, examples, slipRate, InRunEval.OFF);
    }

    @Override
    public String kind() {
        return "sft";
    }

    @Override
    public boolean trainsModel() {
        return true;
    }

    @Override
    public Map<String, String> run(RunContext ctx, Path dir) throws StageInterrupted {
        List<SftExample> examples = switch (data) {
            case COLD_START -> Slips.inject(ctx.task.coldStart(this.examples), slipRate, config.seed());
            case PREVIOUS -> ctx.lastData();
            default -> {
                Loaded<SftExample> loaded = SftJsonl.load(Path.of(data), ChatTemplate.forTokenizer(ctx.tokenizer()));
                loaded.issues().forEach(i -> ctx.log.println("    skipped " + i));
                ctx.log.println("    " + data + ": " + loaded.summary());
                yield loaded.items();
            }
        };
        if (examples.isEmpty()) {
            throw new IllegalStateException(data.equals(PREVIOUS)
                    ? "sft stage: the previous stage kept no samples to train on (rejection sampling / distillation verified"
                      + " none of the model's answers); train the model longer, sample more prompts or loosen the filters"
                    : "sft stage: no training examples in " + data);
        }
        if (slipRate > 0) {
            long slipped = examples.stream().filter(e -> e.id().endsWith("-slip")).count();
            ctx.detail(String.format(Locale.ROOT, "    slip_rate %.2f: %d of %d final answers copied with a slip", slipRate, slipped, examples.size()));
        }
        SftJsonl.write(dir.resolve("data.jsonl"), examples);
        ctx.detail(String.format(Locale.ROOT, "    %d examples (%s), %d steps, batch %d, lr %.2g", examples.size(), data,
                config.maxSteps(), config.batchSize(), config.learningRate()));
        SftTrainer trainer = new SftTrainer(ctx.model(), ctx.tokenizer(), examples, config.withOutputDir(dir));
        try {
            trainer.addListener(ctx.progress());
            StepEvaluation evaluation = StageEvaluation.create(ctx, dir, eval, config.maxLength());
            trainer.evaluation(evaluation);
            if (ctx.resume && TrainingCheckpoint.latest(dir).isPresent() && trainer.resume()) {
                ctx.log.println("    resumed at step " + trainer.step());
            }
            SftTrainer.Result r = trainer.train();
            if (r.interrupted()) {
                trainer.recorder().ifPresent(rec -> rec.writeReport());
                throw new StageInterrupted("sft");
            }
            Map<String, String> out = new LinkedHashMap<>();
            out.put("examples", Integer.toString(examples.size()));
            out.put("steps", Integer.toString(r.lastStep()));
            out.put("final_loss", String.format(Locale.ROOT, "%.4f", r.finalLoss()));
            if (r.skippedSteps() > 0) out.put("skipped_steps", Integer.toString(r.skippedSteps()));
            StageEvaluation.report(evaluation, dir, trainer.recorder(), "SFT", out);
            trainer.recorder().ifPresent(rec -> rec.writeReport());
            return out;
        } finally {
            trainer.close();   // the optimiser state in the backend's memory
        }
    }
}

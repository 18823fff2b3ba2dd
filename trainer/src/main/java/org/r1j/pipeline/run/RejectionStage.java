package org.r1j.pipeline.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r1j.model.io.Checkpoint;
import org.r1j.model.io.LoadedModel;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.SftJsonl;
import org.r1j.pipeline.eval.ModelSampler;
import org.r1j.pipeline.rejection.RejectionConfig;
import org.r1j.pipeline.rejection.RejectionSampler;
import org.r1j.pipeline.task.Split;

/**
 * Rejection sampling from the current model (R1's stage 3) or, with a teacher, distillation's data step: N samples
 * per training prompt, filtered and de-duplicated into {@code data.jsonl}, which a following
 * {@code sft: {data: previous}} stage trains on.
 *
 * @param config  sampling and filter settings
 * @param prompts how many training problems to sample for
 * @param teacher a model directory to sample from instead of the current model (distillation), or null
 */
public record RejectionStage(RejectionConfig config, int prompts, Path teacher) implements Stage {
    public RejectionStage {
        if (prompts < 1) throw new IllegalArgumentException("rejection prompts must be >= 1, got " + prompts);
    }

    @Override
    public String kind() {
        return teacher == null ? "rejection" : "distill";
    }

    @Override
    public boolean trainsModel() {
        return false;
    }

    @Override
    public Map<String, String> run(RunContext ctx, Path dir) {
        List<Problem> problems = ctx.task.problems(Split.TRAIN, prompts);
        ModelSampler sampler;
        LoadedModel t = teacher == null ? null : Checkpoint.load(teacher);
        if (t == null) {
            sampler = new ModelSampler(ctx.model(), ctx.tokenizer());
        } else {
            sampler = new ModelSampler(t.model(), RunContext.markersKept(t.tokenizer()));
            ctx.log.println("    teacher " + teacher);
        }
        RejectionSampler rs = new RejectionSampler(config, ctx.task.checker(), ctx.task.template(), ctx.rewarder);
        RejectionSampler.Result r;
        try {
            r = rs.run(sampler, problems);
        } finally {
            if (t != null) t.model().close();   // the teacher's backend memory (a device's must not wait for GC)
        }
        ctx.log.println("    " + r.summary());
        SftJsonl.write(dir.resolve("data.jsonl"), r.kept());
        ctx.setLastData(r.kept());
        Map<String, String> out = new LinkedHashMap<>();
        r.counts().forEach((k, v) -> out.put(k, Integer.toString(v)));
        return out;
    }
}

package org.r1j.pipeline.rejection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.SftExample;
import org.r1j.pipeline.eval.CompletionSampler.Completion;
import org.r1j.pipeline.task.MixedScriptTask;
import org.r1j.pipeline.task.Split;

/** R1's "filter out chain-of-thought with mixed languages" on the mixed-script task's own cold-start data. */
class LanguageFilterTest {

    @Test
    void mixedScriptReasoningIsDroppedAndEnglishKept() {
        MixedScriptTask task = new MixedScriptTask(5);
        List<Problem> problems = task.problems(Split.TRAIN, 200);
        List<SftExample> cold = task.coldStart(200);
        List<List<Completion>> samples = cold.stream().map(e -> List.of(Completion.of(e.completion()))).toList();
        List<String> prompts = cold.stream().map(SftExample::prompt).toList();
        RejectionConfig cfg = new RejectionConfig(1, 1.0, 1.0, 64, 1, true, true, 0.95, "en", true, true, Map.of(), 0);
        RejectionSampler.Result r = new RejectionSampler(cfg, task.checker(), task.template(), null).filter(problems, prompts, samples);

        long mixed = cold.stream().filter(e -> MixedScriptTask.mixedShare(List.of(e.completion())) == 1.0).count();
        assertTrue(mixed > 60 && mixed < 140, "about half mix: " + mixed);
        assertEquals((int) mixed, r.counts().get("mixed language"), r.summary());
        assertEquals(200 - (int) mixed, r.counts().get("kept"), r.summary());
        assertEquals(0.0, MixedScriptTask.mixedShare(r.kept().stream().map(SftExample::completion).toList()));
    }
}

package org.r1j.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.sweep.Sweep;

/** A real two-run sweep of the tiny model shown live: one display, every run's state, the charts once runs finish. */
class SweepDisplayTest {
    @Test
    void oneDisplayWithEveryRunAndTheCharts(@TempDir Path dir) {
        Path reward = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && reward == null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("rewards/r1.reward"))) reward = p.resolve("rewards/r1.reward");
        }
        Sweep sweep = Sweep.builder("live").runsDir(dir).baseYaml("""
                task: {name: arithmetic, seed: 1}
                reward: %s
                model: {preset: tiny, seed: 1}
                stages:
                  - grpo: {problems: 10, max_steps: 2, prompts_per_step: 2, num_generations: 2, max_completion_length: 8,
                           eval_steps: 1, eval_problems: 2, num_generations_eval: 2}
                """.formatted(reward)).grid("grpo.learning_rate", 1e-4, 1e-3).build();
        TrainingDisplayTest.Recorder sink = new TrainingDisplayTest.Recorder();
        AtomicLong clock = new AtomicLong();
        SweepDisplay live = new SweepDisplay(sink, () -> clock.addAndGet(1_000_000_000L));
        sweep.run(live, new PrintStream(new ByteArrayOutputStream()));
        assertEquals("charts", sink.calls.get(0));
        assertTrue(sink.calls.get(1).startsWith("display sweep live"), sink.calls.get(1));
        assertEquals(1, sink.calls.stream().filter(c -> c.startsWith("display")).count(), "one display, updated in place");
        String last = sink.calls.get(sink.calls.size() - 1);
        assertTrue(last.contains("learning_rate-0.0001: done: pass@1") && last.contains("learning_rate-0.001: done: pass@1"), last);
        assertTrue(sink.calls.stream().anyMatch(c -> c.contains("grpo step 1/2")), "progress while a run trains");
        String html = live.html();
        assertTrue(html.contains("held-out pass@1 during training")
                && html.contains("error_y"), "the curves chart, with error bars");
    }
}

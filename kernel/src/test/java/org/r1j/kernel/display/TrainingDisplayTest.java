package org.r1j.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.Test;
import org.r1j.train.StepMetrics;

class TrainingDisplayTest {
    /** Records what the display shows. */
    static final class Recorder implements DisplaySink {
        final List<String> calls = new ArrayList<>();
        Object last;

        @Override
        public DisplayData render(Object value) {
            return new DisplayData(value.toString());
        }

        @Override
        public String display(Object value) {
            calls.add("display " + ((Html) value).text());
            return "id1";
        }

        @Override
        public void updateDisplay(String id, Object value) {
            calls.add("update " + id + " " + ((Html) value).text());
            last = value;
        }

        @Override
        public void loadCharts() {
            calls.add("charts");
        }
    }

    @Test
    void oneDisplayUpdatedInPlaceAtMostFourTimesASecond() {
        Recorder sink = new Recorder();
        AtomicLong clock = new AtomicLong();
        TrainingDisplay live = new TrainingDisplay(sink, clock::get);
        live.onStart("grpo", 1, 100);
        for (int step = 1; step <= 100; step++) {
            clock.addAndGet(50_000_000L); // 50 ms per step: 20 steps per second
            live.onStep(new StepMetrics("grpo", step, 100, Map.of("reward", step / 100.0, "rewards/accuracy/mean", step / 200.0),
                    List.of(), false, ""));
        }
        live.onEnd(100, false);
        assertEquals("charts", sink.calls.get(0));
        assertTrue(sink.calls.get(1).startsWith("display grpo step 0/100"));
        long updates = sink.calls.stream().filter(c -> c.startsWith("update id1")).count();
        assertEquals(21, updates, "5 s of training at 4 Hz, plus the final redraw");
        String last = sink.calls.get(sink.calls.size() - 1);
        assertTrue(last.contains("step 100/100") && last.contains("(finished)") && last.contains("reward=1.0000"), last);
        assertEquals(100, live.table().rowCount());
        assertEquals(List.of("step", "reward", "rewards/accuracy/mean"), live.table().columnNames().stream().sorted(
                (a, b) -> a.equals("step") ? -1 : b.equals("step") ? 1 : a.compareTo(b)).toList());
        assertEquals(2, live.chart().getTraces().length);
    }

    @Test
    void showsTheLatestHeldOutEvaluationUntilTheNext() {
        Recorder sink = new Recorder();
        AtomicLong clock = new AtomicLong();
        TrainingDisplay live = new TrainingDisplay(sink, clock::get);
        live.onStart("grpo", 1, 4);
        for (int step = 1; step <= 4; step++) {
            clock.addAndGet(1_000_000_000L);
            Map<String, Double> v = new java.util.HashMap<>(Map.of("reward", 1.0));
            if (step == 2) v.putAll(Map.of("eval/pass@1", 0.412, "eval/pass@1_stderr", 0.031, "eval/cons@k", 0.5, "eval/greedy", 0.47, "eval/format", 0.98));
            live.onStep(new StepMetrics("grpo", step, 4, v, List.of(), false, ""));
        }
        String last = sink.calls.get(sink.calls.size() - 1);
        assertTrue(last.contains("held-out at step 2: pass@1 41.2% ± 3.1, cons@k 50.0%, greedy 47.0%, format 98.0%"), last);
        assertTrue(sink.calls.get(1).startsWith("display") && !sink.calls.get(1).contains("held-out"), "no eval line before the first evaluation");
    }
}

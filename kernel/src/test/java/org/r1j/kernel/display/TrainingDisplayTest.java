package org.r1j.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.r1j.kernel.protocol.CommListener;
import org.r1j.train.StepMetrics;

class TrainingDisplayTest {
    /** Records what the display shows: calls in order, each output's latest value, the comms and their listeners. */
    static final class Recorder implements DisplaySink {
        final List<String> calls = new ArrayList<>();
        final Map<String, Object> outputs = new LinkedHashMap<>();
        final Map<String, CommListener> comms = new LinkedHashMap<>();
        final Map<String, Map<String, Object>> commData = new LinkedHashMap<>();
        final List<String> closed = new ArrayList<>();
        Object last;
        private int ids;

        @Override
        public DisplayData render(Object value) {
            return new DisplayData(value.toString());
        }

        static String text(Object value) {
            return value instanceof Html h ? h.text() : value instanceof DisplayData d ? String.valueOf(d.getData(MIMEType.TEXT_PLAIN)) : value.toString();
        }

        @Override
        public String display(Object value) {
            String id = "id" + (++ids);
            calls.add("display " + text(value));
            outputs.put(id, value);
            return id;
        }

        @Override
        public void updateDisplay(String id, Object value) {
            calls.add("update " + id + " " + text(value));
            outputs.put(id, value);
            last = value;
        }

        @Override
        public void updateDisplayDelta(String id, Object value) {
            calls.add("delta " + id + " " + text(value));
            outputs.put(id, value);
            last = value;
        }

        @Override
        public void loadCharts() {
            calls.add("charts");
        }

        @Override
        public String openComm(String target, Map<String, Object> data, Map<String, Object> metadata, CommListener listener) {
            String id = "comm" + comms.size();
            comms.put(id, listener);
            commData.put(id, data);
            calls.add("open " + target);
            return id;
        }

        @Override
        public void sendComm(String commId, Map<String, Object> data) {
            calls.add("send " + commId);
        }

        @Override
        public void closeComm(String commId) {
            closed.add(commId);
        }

        String html(String id) {
            return ((Html) outputs.get(id)).html();
        }
    }

    static StepMetrics step(int step, int max, double reward) {
        return new StepMetrics("grpo", step, max, Map.of("reward", reward, "rewards/accuracy/mean", reward / 2), List.of(), false, "");
    }

    @Test
    void statusUpdatedInPlaceAtMostFourTimesASecondWithOnlyTheChartsNewPoints() {
        Recorder sink = new Recorder();
        AtomicLong clock = new AtomicLong();
        TrainingDisplay live = new TrainingDisplay(sink, clock::get);
        live.onStart("grpo", 1, 100);
        for (int step = 1; step <= 100; step++) {
            clock.addAndGet(50_000_000L); // 50 ms per step: 20 steps per second
            live.onStep(step(step, 100, step / 100.0));
        }
        live.onEnd(100, false);
        assertEquals("charts", sink.calls.get(0));
        List<String> displays = sink.calls.stream().filter(c -> c.startsWith("display")).toList();
        assertEquals(3, displays.size(), "the Stop button, the status, the chart: " + displays);
        assertTrue(displays.get(0).contains("interrupt the kernel"), "the button's text says how to stop without widgets: " + displays.get(0));
        assertTrue(displays.get(1).startsWith("display grpo step 0/100"), displays.get(1));
        long statusUpdates = sink.calls.stream().filter(c -> c.startsWith("delta id2")).count();
        assertEquals(21, statusUpdates, "5 s of training at 4 Hz, plus the final redraw");
        long chartDraws = sink.calls.stream().filter(c -> c.startsWith("update id3")).count();
        assertEquals(2, chartDraws, "the whole chart: when it has two points, and at the end");
        String lastStatus = sink.calls.stream().filter(c -> c.startsWith("delta id2")).reduce((a, b) -> b).orElseThrow();
        assertTrue(lastStatus.contains("step 100/100") && lastStatus.contains("(finished)") && lastStatus.contains("reward=1.0000"), lastStatus);
        assertFalse(lastStatus.contains("To stop"), "no stop hint once finished");
        assertTrue(sink.html("id3").contains("r1jCount = 100"), "the final chart has every point");
        assertNotNull(((Html) sink.outputs.get("id3")).pngBase64(), "the final chart carries its static image");
        assertEquals(List.of("comm2", "comm1", "comm0"), sink.closed, "the button's comms close at the end");
        assertEquals(100, live.table().rowCount());
        assertEquals(2, live.chart().getTraces().length);
    }

    @Test
    void statusUpdatesCarryOnlyPointsTheChartDoesNotHave() {
        Recorder sink = new Recorder();
        AtomicLong clock = new AtomicLong();
        TrainingDisplay live = new TrainingDisplay(sink, clock::get);
        live.onStart("grpo", 1, 900);
        List<Integer> sizes = new ArrayList<>();
        int[] fromSeen = {-1};
        for (int step = 1; step <= 900; step++) {
            clock.addAndGet(250_000_000L); // each step is an update
            live.onStep(step(step, 900, 0.5 + 0.001 * step));
            String html = ((Html) sink.last).html();
            sizes.add(html.length());
            int at = html.indexOf("push({from:");
            if (at >= 0) {
                int from = Integer.parseInt(html.substring(at + 11, html.indexOf(',', at)));
                assertTrue(from > fromSeen[0], "batches move forward");
                fromSeen[0] = from;
                assertTrue(html.contains(",x:[" + step + "],"), "one new point per update: step " + step);
            }
        }
        // The status update stays the same size as the run grows: the first and the last differ by digits only.
        assertTrue(Math.abs(sizes.get(899) - sizes.get(10)) < 100, sizes.get(10) + " vs " + sizes.get(899));
        long fullDraws = sink.calls.stream().filter(c -> c.startsWith("update id3")).count();
        assertEquals(4, fullDraws, "225 s of training: at 2 points, then every 60 s");
    }

    @Test
    void theStopButtonStopsTheTrainingThreadAfterItsStep() throws Exception {
        Recorder sink = new Recorder();
        TrainingDisplay live = new TrainingDisplay(sink, System::nanoTime);
        Thread[] training = new Thread[1];
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        boolean[] sawInterrupt = {false};
        training[0] = new Thread(() -> {
            live.onStart("grpo", 1, 1000);
            started.countDown();
            for (int s = 1; s <= 1000; s++) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    sawInterrupt[0] = true; // what the trainer's per-step check sees
                    live.onEnd(s, true);
                    return;
                }
                live.onStep(step(s, 1000, 0.1));
            }
        });
        training[0].start();
        started.await();
        Map<String, Object> button = sink.commData.get("comm2");
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) button.get("state");
        assertEquals("ButtonModel", state.get("_model_name"));
        assertEquals("@jupyter-widgets/controls", state.get("_view_module"));
        assertEquals("IPY_MODEL_comm0", state.get("layout"));
        List<Map<String, Object>> replies = new ArrayList<>();
        sink.comms.get("comm2").onMessage(Map.of("method", "request_state"), replies::add);
        assertEquals("update", replies.get(0).get("method"));
        sink.comms.get("comm2").onMessage(Map.of("method", "custom", "content", Map.of("event", "click")), replies::add);
        training[0].join(5000);
        assertFalse(training[0].isAlive());
        assertTrue(sawInterrupt[0] && live.stopRequested());
        @SuppressWarnings("unchecked")
        Map<String, Object> changed = (Map<String, Object>) replies.get(1).get("state");
        assertEquals(true, changed.get("disabled"), "the clicked button is disabled at once");
        assertTrue(Recorder.text(sink.outputs.get("id2")).contains("interrupted at step"), Recorder.text(sink.outputs.get("id2")));
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
        String last = Recorder.text(sink.last);
        assertTrue(last.contains("held-out at step 2: pass@1 41.2% ± 3.1, cons@k 50.0%, greedy 47.0%, format 98.0%"), last);
        String first = sink.calls.stream().filter(c -> c.startsWith("display grpo")).findFirst().orElseThrow();
        assertFalse(first.contains("held-out"), "no eval line before the first evaluation");
    }
}

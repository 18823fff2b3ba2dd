"""The kernel for long experiments: stop anything, background jobs, stop_on_error, memory, resilience.

Run by KernelControlIT with JUPYTER_PATH pointing at a freshly installed kernelspec named $R1J_KERNEL_NAME.
One kernel for the class (each test leaves it usable); the parent-death test starts its own.
"""
import json
import os
import re
import subprocess
import sys
import time
import unittest

from jupyter_client.manager import start_new_kernel


def run(kc, code, timeout=60, stash=None):
    """Executes code, returns (reply, [iopub messages of this request]); other requests' messages go to stash."""
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            if stash is not None:
                stash.append(msg)
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        if msg["msg_type"] not in ("status", "execute_input"):
            outputs.append(msg)
    return reply, outputs

KERNEL = os.environ.get("R1J_KERNEL_NAME", "r1jtest")


def wait_reply(kc, msg_id, timeout=60):
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return reply


def text_of(outputs):
    parts = []
    for m in outputs:
        c = m["content"]
        if m["msg_type"] == "stream":
            parts.append(c["text"])
        elif "data" in c:
            parts.append(c["data"].get("text/plain", ""))
        elif m["msg_type"] == "error":
            parts.append("\n".join(c["traceback"]))
    return "".join(parts)


class R1jControlTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.work = tempfile.mkdtemp(prefix="r1j-control-")
        # %maven's local repository: this test's own, so nothing lands in ~/.m2
        env = dict(os.environ, JDK_JAVA_OPTIONS="-Dmaven.repo.local=" + os.path.join(cls.work, "m2"))
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=120, env=env)

    @classmethod
    def tearDownClass(cls):
        import shutil
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)
        shutil.rmtree(cls.work, ignore_errors=True)

    def setUp(self):
        self.flush()

    def flush(self):
        for get in (self.kc.get_iopub_msg, self.kc.get_shell_msg):
            while True:
                try:
                    get(timeout=0.2)
                except Exception:
                    break

    def interrupt_cell(self, code, after=2.0):
        msg_id = self.kc.execute(code)
        time.sleep(after)
        started = time.time()
        self.km.interrupt_kernel()
        reply = wait_reply(self.kc, msg_id, timeout=30)
        return reply, time.time() - started, msg_id

    def test_tight_loop_without_checks_stops_and_variables_survive(self):
        run(self.kc, "int kept = 41;\nlong spins = 0;")
        # No sleep, no isInterrupted(): only the stop checks compiled into the loop can end it.
        reply, took, msg_id = self.interrupt_cell("while (true) { spins++; }")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.assertLess(took, 5)
        # A loop inside a method declared in an earlier cell stops too (checks at method entries and back edges).
        run(self.kc, "long spin(long n) { while (n >= 0) { n++; } return n; }")
        reply, took, _ = self.interrupt_cell("spin(0)")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.assertLess(took, 5)
        # catch (Exception) in the cell does not swallow the stop
        reply, took, _ = self.interrupt_cell("while (true) { try { spins++; } catch (Exception e) { } }")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.flush()
        reply, outputs = run(self.kc, "kept + 1 + (spins > 1000 ? 0 : 100)")
        self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "42")

    def test_interrupt_inside_library_code_is_reported(self):
        # Sorting a big array is library code: no stop checks there; the cell is told and stops right after.
        # The kernel reports only when the cell is still stuck 1 s after the interrupt, so the interrupt must land
        # inside a sort with well over 1 s of it left, on any CPU: grow the array until one sort takes >= 2 s, then
        # interrupt a quarter into the first sort, counted from the cell's own first output (the cell is compiled
        # first, and the copy to sort is made before that output: a clone of a big array can wait for the GC).
        n, sort_ms = 20_000_000, 0.0
        while sort_ms < 2000 and n <= 160_000_000:
            n *= 2
            run(self.kc, "var data = new java.util.Random(1).doubles(%d).toArray();" % n)
            reply, outputs = run(self.kc, "var copy = data.clone(); long t0 = System.nanoTime(); java.util.Arrays.sort(copy); "
                                          "copy = null; (System.nanoTime() - t0) / 1_000_000")
            sort_ms = float(outputs[-1]["content"]["data"]["text/plain"])
        msg_id = self.kc.execute('var work = data.clone();\nSystem.out.println("sorting");\n'
                                 "for (int round = 0; round < 1000; round++) { java.util.Arrays.sort(work); work = data.clone(); }")
        while True:
            m = self.kc.get_iopub_msg(timeout=60)
            if m["msg_type"] == "stream" and "sorting" in m["content"]["text"]:
                break
        time.sleep(0.1 + 0.25 * sort_ms / 1000)
        self.km.interrupt_kernel()
        reply = wait_reply(self.kc, msg_id, timeout=60)
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        stderr = ""
        while True:
            try:
                m = self.kc.get_iopub_msg(timeout=1)
            except Exception:
                break
            if m["msg_type"] == "stream" and m["content"]["name"] == "stderr":
                stderr += m["content"]["text"]
        self.assertRegex(stderr, r"still inside (library|native) code \(java\.util\.")
        run(self.kc, "data = null; work = null;")

    def test_cell_timeout(self):
        reply, outputs = run(self.kc, "%timeout 1.5s")
        self.assertIn("cell time limit: 1.5 s", text_of(outputs))
        started = time.time()
        reply, outputs = run(self.kc, "long t = 0;\nwhile (true) { t++; }")
        took = time.time() - started
        self.assertEqual(reply["content"]["ename"], "Timeout")
        self.assertIn("1.5 s limit", reply["content"]["evalue"])
        self.assertLess(took, 6)
        reply, outputs = run(self.kc, "%timeout off")
        self.assertIn("cell time limit: none", text_of(outputs))
        reply, outputs = run(self.kc, "Thread.sleep(2000); 7")
        self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "7")

    def test_stop_on_error_aborts_the_queued_cells(self):
        run(self.kc, "int ran = 0;")
        first = self.kc.execute('ran += 1;\nthrow new IllegalStateException("first fails");')
        second = self.kc.execute("ran += 10;")
        third = self.kc.execute("ran += 100;")
        self.assertEqual(wait_reply(self.kc, first)["content"]["status"], "error")
        self.assertEqual(wait_reply(self.kc, second)["content"]["status"], "aborted")
        self.assertEqual(wait_reply(self.kc, third)["content"]["status"], "aborted")
        # Sent after the error: runs. And without stop_on_error nothing is aborted.
        self.flush()
        reply, outputs = run(self.kc, "ran")
        self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "1")
        a = self.kc.execute('throw new IllegalStateException("no stop");', stop_on_error=False)
        b = self.kc.execute("ran += 1000;")
        self.assertEqual(wait_reply(self.kc, a)["content"]["status"], "error")
        self.assertEqual(wait_reply(self.kc, b)["content"]["status"], "ok")

    def test_errors_like_stack_overflow_are_reported_and_the_kernel_goes_on(self):
        run(self.kc, "int down(int n) { return down(n + 1) + 1; }")
        reply, _ = run(self.kc, "down(0)")
        self.assertEqual(reply["content"]["ename"], "StackOverflowError")
        reply, _ = run(self.kc, "long[] huge = new long[Integer.MAX_VALUE - 8];")
        self.assertEqual(reply["content"]["ename"], "OutOfMemoryError")
        reply, outputs = run(self.kc, "1 + 2")
        self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "3")

    def test_redefined_500_mb_variable_is_freed_and_reset_frees_everything(self):
        run(self.kc, "long usedMb() { for (int i = 0; i < 3; i++) System.gc(); var r = Runtime.getRuntime();"
                     " return (r.totalMemory() - r.freeMemory()) / 1_000_000; }")
        _, outputs = run(self.kc, "usedMb()")
        base = int(outputs[-1]["content"]["data"]["text/plain"])
        run(self.kc, "var big = new byte[500_000_000];")
        run(self.kc, "var big = new byte[500_000_001];")  # same name again: the first array must go
        _, outputs = run(self.kc, "usedMb()")
        after_redefine = int(outputs[-1]["content"]["data"]["text/plain"])
        print(f"\nheap: base {base} MB, after re-defining a 500 MB variable {after_redefine} MB", file=sys.stderr)
        self.assertLess(after_redefine - base, 700, "the first 500 MB array is still reachable")
        self.assertGreater(after_redefine - base, 450, "the live 500 MB array must stay")
        reply, outputs = run(self.kc, "%memory")
        memory = text_of(outputs)
        self.assertRegex(memory, r"heap +[\d,.]+ MB in use")
        self.assertIn("off-heap", memory)
        self.assertIn("GPU", memory)
        reply, outputs = run(self.kc, "%reset")
        text = text_of(outputs)
        print("reset: " + text.strip(), file=sys.stderr)
        m = re.search(r"heap in use ([\d,.]+) MB -> ([\d,.]+) MB", text)
        self.assertIsNotNone(m, text)
        freed = float(m.group(1).replace(",", "")) - float(m.group(2).replace(",", ""))
        self.assertGreater(freed, 450)
        reply, _ = run(self.kc, "big")
        self.assertEqual(reply["content"]["status"], "error")

    def test_background_grpo_keeps_updating_its_cell_and_stops_on_request(self):
        run(self.kc, """%%reward bgReward
reward nonempty weight 1.0 = len(completion) > 0""")
        setup = """
var bgTask = new ArithmeticTask(1);
var bgTok = org.r1j.grpo.demo.TagTokenizer.r1(org.r1j.model.tokenize.CharTokenizer.ascii());
var bgModel = DecoderModel.random(ModelPresets.tiny(bgTok.vocabSize()), 1);
var bgCfg = GrpoConfig.builder().set(GrpoConfig::numGenerations, 2).set(GrpoConfig::promptsPerStep, 2).set(GrpoConfig::maxCompletionLength, 6).set(GrpoConfig::learningRate, 1e-4)
    .set(GrpoConfig::maxSteps, 100000).set(GrpoConfig::seed, 1).build();
var bgTrainer = new GrpoTrainer(bgModel, bgTok, bgTask.rewarder(bgReward), bgTask.problems(Split.TRAIN, 50), bgTask.template(), bgCfg);
var bgLive = new TrainingDisplay();
bgTrainer.addListener(bgLive);"""
        reply, outputs = run(self.kc, setup, timeout=120)
        self.assertEqual(reply["content"]["status"], "ok", text_of(outputs))
        started = time.time()
        msg_id = self.kc.execute("%%background grpo\nbgTrainer.train();\nSystem.out.println(\"after train\");")
        reply = wait_reply(self.kc, msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertLess(time.time() - started, 10, "the %%background cell must return at once")
        # After the cell returned: its live display keeps updating (same parent, same display id).
        display_id, updates, deadline = None, [], time.time() + 90
        while len(updates) < 3 and time.time() < deadline:
            m = self.kc.get_iopub_msg(timeout=90)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "display_data" and "r1j-training" in m["content"]["data"].get("text/html", ""):
                display_id = m["content"]["transient"]["display_id"]
            if m["msg_type"] == "update_display_data" and m["content"]["transient"]["display_id"] == display_id:
                updates.append(m["content"]["data"]["text/plain"])
        self.assertGreaterEqual(len(updates), 3, "the background run's display did not keep updating its cell")
        # Meanwhile other cells run, list the job with its progress and read its live metrics table.
        _, outputs = run(self.kc, "%jobs")
        jobs = text_of(outputs)
        self.assertRegex(jobs, r"grpo\s*\|\s*running")
        self.assertIn("grpo step ", jobs)
        _, outputs = run(self.kc, "bgLive.table().rowCount() > 0")
        self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "true")
        stash = []
        reply, outputs = run(self.kc, "%stop grpo", timeout=90, stash=stash)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertIn("background job grpo stopped", text_of(outputs))
        _, outputs = run(self.kc, "%jobs", stash=stash)
        self.assertRegex(text_of(outputs), r"grpo\s*\|\s*stopped")
        # The last update of the display (published to the background cell) says where training stopped.
        deadline = time.time() + 3
        while time.time() < deadline:  # what the output thread publishes last (every 100 ms)
            try:
                stash.append(self.kc.get_iopub_msg(timeout=0.5))
            except Exception:
                pass
        final, cell_text = None, ""
        for m in stash:
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "update_display_data" and m["content"]["transient"]["display_id"] == display_id:
                final = m["content"]["data"]["text/plain"]  # the status output (the Stop button and the chart are others)
            if m["msg_type"] == "stream":
                cell_text += m["content"]["text"]
        self.assertIsNotNone(final)
        self.assertRegex(final, r"interrupted at step \d+", cell_text)
        self.assertIn("after train", cell_text)  # the trainer returned after its step; the cell's code went on
        self.assertIn("background job grpo stopped", cell_text)

    def test_training_display_sends_only_new_points(self):
        # A 900-step run with a fake clock (0.25 s a step: every step is an update), through the real protocol.
        cell = """
long[] fakeNanos = {0};
var measured = new TrainingDisplay(Notebook.sink(), () -> fakeNanos[0]);
measured.onStart("grpo", 1, 900);
for (int step = 1; step <= 900; step++) {
    fakeNanos[0] += 250_000_000L;
    double r = step / 900.0 + 0.05 * Math.sin(step);
    var v = new java.util.LinkedHashMap<String, Double>();
    v.put("reward", 1.5 * r); v.put("reward_std", 0.3); v.put("kl", 0.0); v.put("loss", 0.01 * Math.cos(step));
    v.put("entropy", 0.8 - 0.3 * r); v.put("completions/mean_length", 40 + 5 * Math.sin(step)); v.put("grad_norm", 0.5);
    v.put("learning_rate", 1e-4); v.put("rewards/accuracy/mean", r); v.put("rewards/format/mean", 0.95); v.put("rewards/language/mean", 0.99);
    measured.onStep(new org.r1j.train.StepMetrics("grpo", step, 900, v, java.util.List.of(), false, ""));
}
measured.onEnd(900, false);"""
        reply, outputs = run(self.kc, cell, timeout=120)
        self.assertEqual(reply["content"]["status"], "ok", text_of(outputs))
        shown = [m for m in outputs if m["msg_type"] == "display_data"]
        status_id = next(m["content"]["transient"]["display_id"] for m in shown if "r1j-training" in m["content"]["data"].get("text/html", ""))
        chart_id = next(m["content"]["transient"]["display_id"] for m in shown if "r1j-chart-pending" in m["content"]["data"].get("text/html", ""))
        size = lambda m: len(json.dumps(m["content"]).encode())
        updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
        status = [size(m) for m in updates if m["content"]["transient"]["display_id"] == status_id]
        charts = [size(m) for m in updates if m["content"]["transient"]["display_id"] == chart_id]
        every = [size(m) for m in updates]
        print(f"\ndisplay bytes: {len(every)} updates, {sum(every):,} bytes in all, mean {sum(every) / len(every):,.0f} per update; "
              f"status {len(status)} x mean {sum(status) / len(status):,.0f} (max {max(status):,}); whole chart {len(charts)} x mean "
              f"{sum(charts) / len(charts):,.0f}", file=sys.stderr)
        self.assertEqual(len(status), 901, "every status update is sent (each carries new points), and the final one")
        self.assertLess(max(status), 4000, "a status update carries the new points only")
        self.assertLess(abs(status[-2] - status[10]), 100, "status updates do not grow with the run")
        self.assertLessEqual(len(charts), 6, "the whole chart: at 2 points, every 60 s (fake clock) and at the end")
        final_chart = [m for m in updates if m["content"]["transient"]["display_id"] == chart_id][-1]["content"]["data"]
        self.assertIn("image/png", final_chart)
        self.assertIn("r1jCount = 900", final_chart["text/html"])

    def test_stop_button_stops_foreground_training_at_its_next_step_with_a_checkpoint(self):
        import json as _json
        import tempfile
        run_dir = tempfile.mkdtemp(prefix="r1j-stop-")
        run(self.kc, """%%reward fgReward
reward nonempty weight 1.0 = len(completion) > 0""")
        setup = """
var fgTask = new ArithmeticTask(1);
var fgTok = org.r1j.grpo.demo.TagTokenizer.r1(org.r1j.model.tokenize.CharTokenizer.ascii());
var fgCfg = GrpoConfig.builder().set(GrpoConfig::numGenerations, 2).set(GrpoConfig::promptsPerStep, 2).set(GrpoConfig::maxCompletionLength, 6)
    .set(GrpoConfig::learningRate, 1e-4).set(GrpoConfig::maxSteps, 100000).set(GrpoConfig::saveSteps, 0).set(GrpoConfig::seed, 1)
    .set(GrpoConfig::outputDir, java.nio.file.Path.of("%s")).build();
var fgTrainer = new GrpoTrainer(DecoderModel.random(ModelPresets.tiny(fgTok.vocabSize()), 1), fgTok, fgTask.rewarder(fgReward),
    fgTask.problems(Split.TRAIN, 50), fgTask.template(), fgCfg);
var fgLive = new TrainingDisplay();
fgTrainer.addListener(fgLive);""" % run_dir
        reply, outputs = run(self.kc, setup, timeout=120)
        self.assertEqual(reply["content"]["status"], "ok", text_of(outputs))
        msg_id = self.kc.execute('var fgResult = fgTrainer.train();\nSystem.out.println("train returned at step " + fgResult.lastStep());')
        button, status_id, steps_seen, deadline = None, None, 0, time.time() + 90
        while (button is None or steps_seen < 2) and time.time() < deadline:
            m = self.kc.get_iopub_msg(timeout=90)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            c = m["content"]
            if m["msg_type"] == "comm_open" and c["target_name"] == "jupyter.widget" and c["data"]["state"]["_model_name"] == "ButtonModel":
                button = c["comm_id"]
                self.assertEqual(c["data"]["state"]["_view_module"], "@jupyter-widgets/controls")
                self.assertEqual(m["metadata"]["version"], "2.1.0")
            if m["msg_type"] == "display_data" and "application/vnd.jupyter.widget-view+json" in c["data"]:
                self.assertEqual(c["data"]["application/vnd.jupyter.widget-view+json"]["model_id"], button, "the view after its model")
                self.assertIn("interrupt the kernel", c["data"]["text/plain"], "how to stop without widgets")
            if m["msg_type"] == "display_data" and "r1j-training" in c["data"].get("text/html", ""):
                status_id = c["transient"]["display_id"]
            if m["msg_type"] == "update_display_data" and c["transient"]["display_id"] == status_id:
                steps_seen += 1
        self.assertIsNotNone(button, "no Stop button (ipywidgets ButtonModel comm) opened")
        # While the cell runs: comm_info lists the widget's comms, and the click goes through at once.
        info_id = self.kc.comm_info(target_name="jupyter.widget")
        info = wait_reply(self.kc, info_id, timeout=10)["content"]
        self.assertIn(button, info["comms"])
        click = self.kc.session.msg("comm_msg", {"comm_id": button, "data": {"method": "custom", "content": {"event": "click"}}})
        self.kc.shell_channel.send(click)
        clicked = time.time()
        reply = wait_reply(self.kc, msg_id, timeout=60)
        took = time.time() - clicked
        self.assertEqual(reply["content"]["status"], "ok", "the cell goes on after training stopped")
        self.assertLess(took, 10, "training must stop after its step in flight")
        disabled, final, closed, printed = False, None, set(), ""
        while True:
            try:
                m = self.kc.get_iopub_msg(timeout=1)
            except Exception:
                break
            c = m["content"]
            if m["msg_type"] == "comm_msg" and c["comm_id"] == button and c["data"].get("state", {}).get("disabled"):
                disabled = True
            if m["msg_type"] == "update_display_data" and c["transient"]["display_id"] == status_id:
                final = c["data"]["text/plain"]
            if m["msg_type"] == "comm_close":
                closed.add(c["comm_id"])
            if m["msg_type"] == "stream":
                printed += c["text"]
        self.assertTrue(disabled, "the clicked button is disabled")
        self.assertIn(button, closed, "the button's comm closes when training ends")
        stopped = re.search(r"interrupted at step (\d+)", final or "")
        self.assertIsNotNone(stopped, final)
        self.assertIn("train returned at step " + stopped.group(1), printed)
        with open(os.path.join(run_dir, "checkpoints", "latest")) as f:
            latest = f.read().strip()
        with open(os.path.join(run_dir, "checkpoints", latest, "trainer_state.json")) as f:
            self.assertEqual(_json.load(f)["step"], int(stopped.group(1)), "the checkpoint is of the step training stopped at")
        self.assertIn("checkpoint: ", final)

    def test_background_output_of_a_plain_loop_and_its_stop(self):
        msg_id = self.kc.execute('%%background ticker\nfor (int i = 0; ; i++) { if (i % 20_000_000 == 0) System.out.println("tick " + i); }')
        wait_reply(self.kc, msg_id)
        ticks, deadline = "", time.time() + 30
        while ticks.count("tick") < 2 and time.time() < deadline:
            m = self.kc.get_iopub_msg(timeout=30)
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream":
                ticks += m["content"]["text"]
        self.assertGreaterEqual(ticks.count("tick"), 2, ticks)
        reply, outputs = run(self.kc, "%stop ticker")
        self.assertIn("background job ticker stopped", text_of(outputs))
        reply, _ = run(self.kc, "%stop nosuchjob")
        self.assertIn("no background job nosuchjob", reply["content"]["evalue"])

    def test_timeit_load_and_cpu_time(self):
        _, outputs = run(self.kc, "%timeit -n 1000 -r 3 Math.sqrt(2.0)")
        self.assertRegex(text_of(outputs), r"[\d.]+ (ns|µs) ± [\d.]+ (ns|µs) per loop \(mean ± std. dev. of 3 runs, 1,000 loops each\)")
        _, outputs = run(self.kc, "%timeit int[] a = new int[10]; a[0]++;")  # statements, loop count chosen
        self.assertRegex(text_of(outputs), r"per loop \(mean ± std. dev. of 7 runs, [\d,]+ loops each\)")
        _, outputs = run(self.kc, "%time long cpu = java.util.stream.LongStream.range(0, 30_000_000).map(i -> i * i).sum();")
        self.assertRegex(text_of(outputs), r"CPU time: [\d.]+ m?s \(all threads\)\nWall time: ")
        import json
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "helpers.jsh"), "w") as f:
                f.write("int twice(int x) { return 2 * x; }\n")
            nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
                {"cell_type": "markdown", "metadata": {}, "source": ["# not code"]},
                {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": ["int loadedBase = 20;\n", "%time int more = 1;"]},
                {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "twice(loadedBase + more)"}]}
            with open(os.path.join(d, "other.ipynb"), "w") as f:
                json.dump(nb, f)
            run(self.kc, "%load " + os.path.join(d, "helpers.jsh"))
            reply, outputs = run(self.kc, "%load " + os.path.join(d, "other.ipynb"))
            self.assertEqual(reply["content"]["status"], "ok", text_of(outputs))
            self.assertIn("loaded 2 code cell(s)", text_of(outputs))
            self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "42")

    def complete(self, code, cursor=None):
        msg_id = self.kc.complete(code, len(code) if cursor is None else cursor)
        return wait_reply(self.kc, msg_id)["content"]

    def test_completion_carries_types_and_signatures(self):
        reply = self.complete("Math.ma")
        types = {t["text"]: t for t in reply["metadata"]["_jupyter_types_experimental"]}
        self.assertEqual(types["max("]["type"], "function")
        self.assertIn("int Math.max(int a, int b)", types["max("]["signature"])
        self.assertEqual(reply["cursor_start"], len("Math."))
        run(self.kc, "var cfgBuilder = GrpoConfig.builder();")
        reply = self.complete("cfgBuilder.se")
        self.assertIn("set(", reply["matches"])
        types = {t["text"]: t for t in reply["metadata"]["_jupyter_types_experimental"]}
        self.assertIn("set(", types["set("]["signature"], types["set("])
        self.assertIn("Object value", types["set("]["signature"], types["set("])
        reply = self.complete("cfgBu")
        types = {t["text"]: t for t in reply["metadata"]["_jupyter_types_experimental"]}
        self.assertEqual(types["cfgBuilder"]["type"], "instance")
        # Inside a %%reward cell: the reward language's built-ins, with their signatures.
        reply = self.complete("%%reward r\nreward a = math_eq")
        types = {t["text"]: t for t in reply["metadata"]["_jupyter_types_experimental"]}
        self.assertEqual(reply["matches"], ["math_equal"])
        self.assertEqual(types["math_equal"]["signature"], "math_equal(predicted, gold)")
        reply = self.complete("%ti")
        self.assertEqual(set(reply["matches"]), {"%time", "%timeit", "%timeout"})

    def test_inspect_shows_javadoc_of_r1j_and_library_classes(self):
        code = "GrpoConfig"
        reply = wait_reply(self.kc, self.kc.inspect(code, len(code)))["content"]
        self.assertTrue(reply["found"])
        self.assertIn("GRPO hyper-parameters, with TRL's GRPOConfig names", reply["data"]["text/plain"])
        self.assertIn("<dt>Parameters:</dt>", reply["data"]["text/html"])
        code = "Table.create("
        reply = wait_reply(self.kc, self.kc.inspect(code, len(code)))["content"]
        self.assertIn("Returns a new table with the given columns", reply["data"]["text/plain"])

    def test_maven_resolves_in_process_from_an_added_file_repository(self):
        import zipfile
        from jupyter_client.kernelspec import get_kernel_spec
        javac = os.path.join(os.path.dirname(get_kernel_spec(KERNEL).argv[0]), "javac")
        repo = os.path.join(self.work, "repo")
        sources = {"greeting": "package org.r1j.e2etest; public class Greeting { public static String hi() { return \"hi\"; } }",
                   "hello": "package org.r1j.e2etest; public class Hello { public static String greet() { return Greeting.hi() + \" from hello\"; } }"}
        classes = os.path.join(self.work, "classes")
        for name, deps in (("greeting", ""), ("hello", "<dependencies><dependency><groupId>org.r1j.e2etest</groupId>"
                                                     "<artifactId>greeting</artifactId><version>1.0</version></dependency></dependencies>")):
            src = os.path.join(self.work, name.capitalize() + ".java")
            with open(src, "w") as f:
                f.write(sources[name])
            out = os.path.join(classes, name)
            subprocess.run([javac, "-d", out, "-cp", os.path.join(classes, "greeting"), src], check=True)
            d = os.path.join(repo, "org/r1j/e2etest", name, "1.0")
            os.makedirs(d)
            with open(os.path.join(d, f"{name}-1.0.pom"), "w") as f:
                f.write('<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>org.r1j.e2etest</groupId>'
                        f"<artifactId>{name}</artifactId><version>1.0</version>{deps}</project>")
            with zipfile.ZipFile(os.path.join(d, f"{name}-1.0.jar"), "w") as jar:
                for root, _, files in os.walk(out):
                    for c in files:
                        jar.write(os.path.join(root, c), os.path.relpath(os.path.join(root, c), out))
        _, outputs = run(self.kc, "%mavenRepo e2e file://" + repo)
        self.assertIn("e2e  file://" + repo, text_of(outputs))
        started = time.time()
        reply, outputs = run(self.kc, "%maven --offline org.r1j.e2etest:hello:1.0")  # offline: no network, file: repositories serve
        took = time.time() - started
        self.assertEqual(reply["content"]["status"], "ok", text_of(outputs))
        self.assertIn("added 2 jar(s) for org.r1j.e2etest:hello:1.0", text_of(outputs))
        print(f"\n%maven: {took:.2f} s for 2 artifacts from a file repository", file=sys.stderr)
        _, outputs = run(self.kc, "org.r1j.e2etest.Hello.greet()")
        self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "hi from hello")
        self.assertTrue(os.path.isfile(os.path.join(self.work, "m2/org/r1j/e2etest/greeting/1.0/greeting-1.0.jar")))
        reply, _ = run(self.kc, "%maven --offline org.r1j.e2etest:nosuch:1.0")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("could not resolve org.r1j.e2etest:nosuch:1.0", reply["content"]["evalue"])


class ParentDeathTest(unittest.TestCase):
    def test_kernel_exits_when_its_jupyter_parent_dies(self):
        # A stand-in "Jupyter" process starts the kernel and is killed; the kernel must not outlive it.
        script = ("import os, sys, time\n"
                  "from jupyter_client.manager import KernelManager\n"
                  "km = KernelManager(kernel_name=%r)\n"
                  "km.start_kernel()\n"
                  "print(km.provisioner.process.pid, flush=True)\n"
                  "time.sleep(600)\n") % KERNEL
        parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        try:
            kernel_pid = int(parent.stdout.readline())
            time.sleep(8)  # the JVM is up and watching
            self.assertTrue(os.path.exists(f"/proc/{kernel_pid}"))
            parent.kill()
            parent.wait()
            deadline = time.time() + 20
            while time.time() < deadline and alive(kernel_pid):
                time.sleep(0.5)
            self.assertFalse(alive(kernel_pid), "the kernel outlived its Jupyter parent")
        finally:
            parent.kill()


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


if __name__ == "__main__":
    unittest.main()

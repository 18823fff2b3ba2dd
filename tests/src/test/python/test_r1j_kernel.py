"""Protocol tests for the r1j kernel: jupyter_kernel_test's suite plus interrupt, restart, tables, charts, magics.

Run by KernelProtocolIT with JUPYTER_PATH pointing at a freshly installed kernelspec named $R1J_KERNEL_NAME.
"""
import os
import time
import unittest
from queue import Empty

import jupyter_kernel_test as jkt

KERNEL = os.environ.get("R1J_KERNEL_NAME", "r1jtest")


def run(kc, code, timeout=60):
    """Executes code, returns (reply, [iopub messages of this request except status/execute_input])."""
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        if msg["msg_type"] not in ("status", "execute_input"):
            outputs.append(msg)
    return reply, outputs


class R1jKernelTests(jkt.KernelTests):
    kernel_name = KERNEL
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    completion_samples = [
        {"text": "Syst", "matches": {"System"}},
        {"text": "Math.sqr", "matches": {"sqrt("}},
        {"text": "%lsm", "matches": {"%lsmagic"}},
    ]
    complete_code_samples = ["int x = 1;", "1 + 1", "%lsmagic", "int a = 1;\nint b = a + 1;"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "1 +", "class A {"]
    invalid_code_samples = ["}", "int x = ;"]
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [{"code": "6*7", "result": "42"}, {"code": "List.of(1, 2)", "result": "[1, 2]"}]
    code_display_data = [
        {"code": 'display(new Html("<b>hi</b>"));', "mime": "text/html"},
        {"code": 'display(Table.create("t", IntColumn.create("a", 1, 2)));', "mime": "text/html"},
    ]
    code_history_pattern = "6*7"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.max"

    # ---- beyond jupyter_kernel_test ----

    def test_compile_error_points_at_the_cell_line(self):
        self.flush_channels()
        reply, outputs = run(self.kc, "int a = 1;\nint b = nope + a;")
        self.assertEqual(reply["content"]["status"], "error")
        traceback = "\n".join(outputs[0]["content"]["traceback"])
        self.assertIn("cell line 2:9: cannot find symbol", traceback)
        self.assertNotIn("jdk.jshell", traceback)

    def test_runtime_error_names_cell_lines_not_jshell_internals(self):
        self.flush_channels()
        run(self.kc, 'void fail(int x) {\n  throw new IllegalArgumentException("x=" + x);\n}')
        reply, outputs = run(self.kc, "int y = 2;\nfail(y);")
        self.assertEqual(reply["content"]["ename"], "IllegalArgumentException")
        traceback = "\n".join(outputs[0]["content"]["traceback"])
        self.assertIn("x=2", traceback)
        self.assertIn("fail (cell [", traceback)
        self.assertIn("] line 2", traceback)
        self.assertNotIn("REPL.$JShell", traceback)
        self.assertNotIn("java.lang.reflect", traceback)

    def test_table_renders_as_truncated_html_with_shape(self):
        self.flush_channels()
        reply, outputs = run(self.kc, 'Table.create("big", IntColumn.indexColumn("i", 30, 0), '
                                      'DoubleColumn.create("sq", java.util.stream.IntStream.range(0, 30).mapToDouble(i -> i * i)))')
        self.assertEqual(reply["content"]["status"], "ok")
        html = outputs[-1]["content"]["data"]["text/html"]
        self.assertIn("<table", html)
        self.assertIn("big: 30 rows × 2 columns (first 20 shown)", html)
        self.assertIn("<td>361</td>", html)   # row 19 shown
        self.assertNotIn("<td>400</td>", html)  # row 20 cut

    def test_figures_load_plotly_once_and_draw_offline(self):
        self.flush_channels()
        chart = ('LinePlot.create("squares", Table.create("t", IntColumn.indexColumn("x", 5, 0), '
                 'DoubleColumn.create("y", 0, 1, 4, 9, 16)), "x", "y")')
        _, first = run(self.kc, chart)
        _, second = run(self.kc, chart)
        bundles = [m for m in first + second if m["msg_type"] == "display_data"
                   and "window.define=undefined" in m["content"]["data"].get("text/html", "")]
        self.assertEqual(len(bundles), 1, "plotly.js must be sent exactly once per session")
        self.assertIn("plotly.js v2.", bundles[0]["content"]["data"]["text/html"][:2000])
        for outputs in (first, second):
            html = outputs[-1]["content"]["data"]["text/html"]
            self.assertIn("Plotly.newPlot", html)
            self.assertNotIn("cdn.plot.ly", html)
            div_id = html.split("id='")[1].split("'")[0]
            self.assertRegex(div_id, r"^[A-Za-z0-9]+$")

    def test_update_display_replaces_in_place(self):
        self.flush_channels()
        _, outputs = run(self.kc, 'String id = display("step 0");\nfor (int i = 1; i <= 3; i++) updateDisplay(id, "step " + i);')
        kinds = [m["msg_type"] for m in outputs]
        self.assertEqual(kinds[0], "display_data")
        display_id = outputs[0]["content"]["transient"]["display_id"]
        updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
        self.assertTrue(updates)
        self.assertTrue(all(m["content"]["transient"]["display_id"] == display_id for m in updates))
        self.assertEqual(updates[-1]["content"]["data"]["text/plain"], "step 3")

    def test_time_magic_passes_the_value_through(self):
        self.flush_channels()
        reply, outputs = run(self.kc, "%time 6*7")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertTrue(any(m["msg_type"] == "stream" and "Wall time:" in m["content"]["text"] for m in outputs))
        self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "42")

    def test_unknown_magic_is_a_readable_error(self):
        self.flush_channels()
        reply, _ = run(self.kc, "%nosuchmagic")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("unknown line magic %nosuchmagic", reply["content"]["evalue"])

    def test_y_interrupt_stops_a_long_cell_and_the_kernel_stays_usable(self):
        self.flush_channels()
        msg_id = self.kc.execute("long ticks = 0;\nwhile (true) { Thread.sleep(50); ticks++; }")
        time.sleep(3)
        started = time.time()
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=30)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=30)
        self.assertLess(time.time() - started, 10)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.flush_channels()
        reply, outputs = run(self.kc, "ticks > 10")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "true")
        # A loop that polls the interrupt flag (as the trainer does each step) ends cleanly.
        msg_id = self.kc.execute("long n = 0;\nwhile (!Thread.currentThread().isInterrupted()) { n++; }\nn > 0")
        time.sleep(2)
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=30)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=30)
        self.assertEqual(reply["content"]["status"], "ok")

    def test_z_restart_gives_a_fresh_session(self):
        self.flush_channels()
        run(self.kc, "int beforeRestart = 1;")
        self.km.restart_kernel(now=False)
        self.kc.wait_for_ready(timeout=120)
        self.flush_channels()
        reply, _ = run(self.kc, "beforeRestart")
        self.assertEqual(reply["content"]["status"], "error")
        reply, outputs = run(self.kc, "1 + 1")
        self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "2")


if __name__ == "__main__":
    unittest.main()

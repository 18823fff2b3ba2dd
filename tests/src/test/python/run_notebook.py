"""Executes a notebook with nbclient on the r1j kernel and prints a JSON summary of its outputs.

usage: run_notebook.py NOTEBOOK OUT_NOTEBOOK [--kernel NAME] [--timeout SECONDS]
Cells tagged "raises-exception" may fail (they show what errors look like); any other error fails the run.
The executed notebook is written to OUT_NOTEBOOK (with update_display_data applied in place, as a browser shows it).
"""
import argparse
import json
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def summarize(nb):
    summary = {"cells": 0, "errors": [], "expected_errors": 0, "tables": 0, "charts": 0, "plotly_bundles": 0,
               "live_displays": 0, "streams": 0, "text_results": [],
               "charts_with_png": 0, "charts_with_static_html": 0}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        summary["cells"] += 1
        tags = cell.metadata.get("tags", [])
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                if "raises-exception" in tags:
                    summary["expected_errors"] += 1
                else:
                    summary["errors"].append(out.get("ename", "") + ": " + out.get("evalue", ""))
            elif kind == "stream":
                summary["streams"] += 1
            elif kind in ("display_data", "execute_result"):
                html = out.get("data", {}).get("text/html", "")
                if "window.define=undefined" in html:
                    summary["plotly_bundles"] += 1
                if "<table" in html and "r1j-table" in html:
                    summary["tables"] += 1
                if "Plotly.newPlot" in html and "window.define=undefined" not in html:  # a chart, not plotly.js itself
                    summary["charts"] += 1
                    if out.get("data", {}).get("image/png"):
                        summary["charts_with_png"] += 1
                    if 'class="r1j-chart-static"' in html:
                        summary["charts_with_static_html"] += 1
                if "r1j-training" in html or "r1j-sweep" in html:
                    summary["live_displays"] += 1
                text = out.get("data", {}).get("text/plain", "")
                if text and not html:
                    summary["text_results"].append(text[:200])
    return summary


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notebook")
    ap.add_argument("out")
    ap.add_argument("--kernel", default="r1j")
    ap.add_argument("--timeout", type=int, default=900)
    args = ap.parse_args()
    nb = nbformat.read(args.notebook, as_version=4)
    client = NotebookClient(nb, kernel_name=args.kernel, timeout=args.timeout, startup_timeout=180,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.notebook))}})
    failed = None
    try:
        client.execute()
    except CellExecutionError as e:
        failed = str(e)
    nbformat.write(nb, args.out)
    summary = summarize(nb)
    if failed:
        summary["errors"].append("execution stopped: " + failed[-2000:])
    print("SUMMARY " + json.dumps(summary))
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())

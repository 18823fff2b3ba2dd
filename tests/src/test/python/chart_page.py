"""Makes what a person would open: a one-chart notebook executed on the r1j kernel and exported to HTML.

usage: chart_page.py OUT_DIR [--kernel NAME]
Writes OUT_DIR/chart.html (the export) and OUT_DIR/control.html (the same page without the plotly.js output, so
the chart cannot be drawn: the screenshot test's negative control).
"""
import argparse
import os
import re

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from nbformat.v4 import new_code_cell, new_notebook

CHART = '''
Table t = Table.create("squares", IntColumn.indexColumn("x", 20, 0),
    DoubleColumn.create("y", java.util.stream.IntStream.range(0, 20).mapToDouble(i -> i * i)));
Figure f = LinePlot.create("squares", t, "x", "y");
f.setLayout(Layout.builder().title("squares").width(900).height(500).build());
f'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--kernel", default="r1j")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    nb = new_notebook(cells=[new_code_cell(CHART.strip())])
    NotebookClient(nb, kernel_name=args.kernel, timeout=300, startup_timeout=180).execute()
    html, _ = HTMLExporter().from_notebook_node(nb)
    with open(os.path.join(args.out, "chart.html"), "w", encoding="utf-8") as f:
        f.write(html)
    # Negative control: drop the script that loads plotly.js; the chart's own script then waits forever.
    control = re.sub(r"\(function\(\)\{var hiddenDefine=window\.define;.*?\}\)\(\);", "", html, count=1, flags=re.S)
    if control == html:
        raise SystemExit("the exported page has no plotly.js loader")
    with open(os.path.join(args.out, "control.html"), "w", encoding="utf-8") as f:
        f.write(control)
    print("wrote", args.out)


if __name__ == "__main__":
    main()

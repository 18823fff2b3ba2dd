"""Makes what a person would open: a one-chart notebook executed on the r1j kernel and exported to HTML.

usage: chart_page.py OUT_DIR [--kernel NAME]
Writes OUT_DIR/chart.html (the export), OUT_DIR/noscript.html (the same page with every script removed: what
GitHub and an untrusted Jupyter show, so only the chart's static image can show it) and OUT_DIR/control.html
(noscript.html without that image either: the screenshot test's negative control).
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


def strip_scripts(html):
    """Every <script> element removed, as GitHub's notebook view and an untrusted notebook drop them."""
    return re.sub(r"<script\b.*?</script\s*>", "", html, flags=re.S | re.I)


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
    if "window.define=undefined" not in html:
        raise SystemExit("the exported page has no plotly.js loader")
    noscript = strip_scripts(html)
    # Negative control: without the static image nothing can draw the chart.
    control = re.sub(r'<img id="r1jplot[^"]*static"[^>]*>', "", noscript)
    if control == noscript:
        raise SystemExit("the chart output has no static image")
    for name, page in (("noscript.html", noscript), ("control.html", control)):
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            f.write(page)
    print("wrote", args.out)


if __name__ == "__main__":
    main()

"""An executed notebook as GitHub or an untrusted Jupyter shows it: exported with nbconvert, every script removed.

usage: noscript_pages.py EXECUTED_NOTEBOOK OUT_DIR
Writes OUT_DIR/noscript.html and OUT_DIR/control.html (the same without the charts' static images: the negative
control for the screenshot comparison) and prints the number of static chart images on the page.
"""
import os
import re
import sys

import nbformat
from nbconvert import HTMLExporter

from chart_page import strip_scripts


def main():
    notebook, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    html, _ = HTMLExporter().from_notebook_node(nbformat.read(notebook, as_version=4))
    noscript = strip_scripts(html)
    control, images = re.subn(r'<img id="r1jplot[^"]*static"[^>]*>', "", noscript)
    for name, page in (("noscript.html", noscript), ("control.html", control)):
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(page)
    print("STATIC_IMAGES", images)


if __name__ == "__main__":
    main()

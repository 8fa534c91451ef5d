"""Benchmark: render the convenant with its annexes to PDF (target: under 2 seconds).

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/bench_pdf.py

Uses a throw-away SQLite database in a temporary directory: migrates, imports the signed text,
then renders the PDF a few times (the first render includes importing WeasyPrint) and prints
the figures. Rendering bypasses the PDF cache.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
_tmp = tempfile.mkdtemp(prefix="bench-pdf-")
os.environ["DATABASE_URL"] = f"sqlite:///{_tmp}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402


def main(runs: int = 5) -> None:
    call_command("migrate", verbosity=0, interactive=False)
    from pages.services import convenant_import, convenant_pdf_context
    from pdf.render import render_to_pdf

    convenant_import()
    from pages.models import ConvenantPage

    page = ConvenantPage.objects.get()
    timings = []
    size = 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(render_to_pdf("pages/convenant_pdf.html", convenant_pdf_context(page)))
        timings.append(time.perf_counter() - start)
    warm = timings[1:] or timings
    print(f"convenant PDF: {size / 1024:.0f} KiB")
    print(f"first render (incl. importing WeasyPrint): {timings[0]:.2f} s")
    print(f"warm renders ({len(warm)}): median {statistics.median(warm):.2f} s, max {max(warm):.2f} s")
    print(f"target < 2.00 s: {'gehaald' if max(warm) < 2 else 'NIET gehaald'}")


if __name__ == "__main__":
    main()

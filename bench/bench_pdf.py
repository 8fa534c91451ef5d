"""Benchmark: the convenant PDF, rendered once at publication and served stored (issue 18).

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/bench_pdf.py [requests] [renders]

Starts from a copy of the migrated template (``bench/common.py``; set DATABASE_URL to measure on
PostgreSQL). Imports and publishes the signed text, which renders the PDF once and stores it
(``pages.publication``), and prints what that cost; then times the render alone a few more times
(target under 2 s: a publication pays it once). Then ``/convenant/pdf/`` over HTTP with Django's test
client (every middleware, as an anonymous visitor): the first request of this process, ``requests``
more with p50/p95 (target p95 ≤ 50 ms, issue 18) and a conditional request answered ``304``. Checks
that no request rendered (the number of stored editions does not change). Throughput against the
static file under gunicorn is ``bench/compare.py``'s part.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import bench_database

bench_database("pdf")

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))]


def main(requests: int = 50, renders: int = 3) -> None:
    setup_test_environment()
    from pages.models import ConvenantPage, StoredPdf
    from pages.services import convenant_import, convenant_pdf_context
    from pdf.render import render_to_pdf
    from tests.helpers import HOST

    started = time.perf_counter()
    convenant_import()  # one transaction; after the commit the PDF is rendered once and stored
    editions = StoredPdf.objects.count()
    stored = StoredPdf.objects.defer("content").first()
    print(
        f"import and publication (incl. importing WeasyPrint and storing the PDF): "
        f"{time.perf_counter() - started:.2f} s; {editions} edition(s) stored, {stored.size / 1024:.0f} KiB"
    )

    page = ConvenantPage.objects.get()
    timings = []
    for _ in range(renders):
        t0 = time.perf_counter()
        render_to_pdf("pages/convenant_pdf.html", convenant_pdf_context(page))
        timings.append(time.perf_counter() - t0)
    print(f"render alone, warm ({renders}): median {statistics.median(timings):.2f} s, max {max(timings):.2f} s")
    print(f"target render < 2.00 s: {'gehaald' if max(timings) < 2 else 'NIET gehaald'}")

    client = Client(HTTP_HOST=HOST)
    client.handler.load_middleware()  # what a gunicorn worker does when it loads the application
    t0 = time.perf_counter()
    first = client.get("/convenant/pdf/")
    first_ms = (time.perf_counter() - t0) * 1000
    assert first.status_code == 200, first.status_code
    assert first["Content-Type"] == "application/pdf"
    served = []
    for _ in range(requests):
        t0 = time.perf_counter()
        response = client.get("/convenant/pdf/")
        served.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.status_code
    conditional = []
    for _ in range(requests):
        t0 = time.perf_counter()
        response = client.get("/convenant/pdf/", HTTP_IF_NONE_MATCH=first["ETag"])
        conditional.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 304, response.status_code
    assert StoredPdf.objects.count() == editions, "a request rendered the PDF"
    p95 = percentile(served, 95)
    print(f"GET /convenant/pdf/ over HTTP (test client, all middleware, anonymous), {len(first.content)} bytes:")
    print(f"  first request of this process (middleware loaded, URLs not yet): {first_ms:.0f} ms")
    print(f"  {requests} requests: p50 {statistics.median(served):.1f} ms, p95 {p95:.1f} ms")
    print(
        f"  {requests} conditional (If-None-Match, 304): p50 {statistics.median(conditional):.1f} ms, "
        f"p95 {percentile(conditional, 95):.1f} ms"
    )
    verdict = {True: "gehaald", False: "NIET gehaald"}
    print(f"target p95 <= 50 ms: {verdict[p95 <= 50]}; first request <= 50 ms: {verdict[first_ms <= 50]}")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 50,
        int(sys.argv[2]) if len(sys.argv) > 2 else 3,
    )

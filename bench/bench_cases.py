"""Benchmark: the casusoverleg work list and a plan PDF at many open cases (issue 6).

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/bench_cases.py [cases]

Starts from a copy of the migrated template (``bench/common.py``; set DATABASE_URL to measure on
PostgreSQL), bulk-inserts open cases as the flow leaves them after the plan was
adopted (participants, plan with an overdue measure, an open progress-review task) and each
case's source weegploeg file with its signal (on PostgreSQL then ANALYZE, as autovacuum would),
then requests the work list (default, a search, sorted by bringing party and by overdue measures)
over HTTP as a verified deelnemer and as the uitvoerder several times, and prints response times
and the number of queries; finally times one plan PDF.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import bench_database

bench_database("cases")

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def _measure(client, path: str, runs: int, data: dict | None = None) -> tuple[list[float], int]:
    # A search posts its terms (never in the URL); the work list is a plain GET.
    fetch = (lambda: client.post(path, data)) if data else (lambda: client.get(path))
    fetch()  # warm-up
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            response = fetch()
            timings.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.status_code
    return timings, len(queries.captured_queries)


def main(cases: int = 10_000, runs: int = 7) -> None:
    setup_test_environment()
    from accounts.roles import Role
    from secrecy.services import secrecy_accept
    from secrecy.texts import SECRECY_TEXT_VERSION
    from tests.casusoverleg.bulk import bulk_open_cases
    from tests.factories import UserFactory, party
    from tests.helpers import verified_client
    from tests.weegploeg.bulk import bulk_open_processes

    users = {
        "deelnemer": UserFactory(roles=[Role.CASUSOVERLEG_DEELNEMER], party=party("De gemeente Gennep")),
        "uitvoerder": UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen")),
    }
    for user in users.values():
        secrecy_accept(user, text_version=SECRECY_TEXT_VERSION)
    started = time.perf_counter()
    # On PostgreSQL both loaders ANALYZE what they loaded. Each case's source weegploeg file, brought
    # in by one of two parties in turn: the list shows and sorts on that party.
    bulk_open_cases(cases, by=users["uitvoerder"])
    sources = [party("De politie"), party("De gemeente Venlo")]
    bulk_open_processes(cases, parties=sources, registered_by=users["uitvoerder"])
    print(f"inserted {cases} open cases in {time.perf_counter() - started:.1f} s ({connection.vendor})")
    variants = (
        ("work list", "", None),
        ("search", "", {"q": "C-2099-000123"}),
        ("sorted by bringing party", "?sortering=partij", None),
        ("sorted by overdue measures", "?sortering=-maatregelen", None),
    )
    for name, user in users.items():
        client = verified_client(user)
        for label, query, data in variants:
            timings, queries = _measure(client, "/werk/casussen/" + query, runs, data)
            print(
                f"{label} as {name}, {runs} runs: median {statistics.median(timings):.0f} ms, "
                f"min {min(timings):.0f} ms, max {max(timings):.0f} ms; {queries} queries per request"
            )
    client = verified_client(users["deelnemer"])
    client.get("/werk/casussen/C-2099-000001/plan/pdf/")  # warm-up (imports WeasyPrint)
    t0 = time.perf_counter()
    response = client.get("/werk/casussen/C-2099-000001/plan/pdf/")
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    print(f"plan PDF: {(time.perf_counter() - t0) * 1000:.0f} ms warm, {len(response.content)} bytes")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)

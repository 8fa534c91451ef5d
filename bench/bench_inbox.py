"""Benchmark: the weegploeg inbox at 10,000 open processes (issue 5).

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/bench_inbox.py [processes]

Uses a throw-away SQLite database in a temporary directory (set DATABASE_URL to measure on
PostgreSQL instead): migrates, bulk-inserts the open processes as the flow leaves them after
intake, then requests the inbox over HTTP as a verified weegploeg member several times and
prints the response times and the number of queries.
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
if "DATABASE_URL" not in os.environ:
    _tmp = tempfile.mkdtemp(prefix="bench-inbox-")
    os.environ["DATABASE_URL"] = f"sqlite:///{_tmp}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def main(processes: int = 10_000, runs: int = 7) -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)
    from accounts.roles import Role
    from secrecy.services import secrecy_accept
    from secrecy.texts import SECRECY_TEXT_VERSION
    from tests.factories import UserFactory, party
    from tests.helpers import verified_client
    from tests.weegploeg.bulk import bulk_open_processes

    started = time.perf_counter()
    bulk_open_processes(processes)
    print(f"inserted {processes} open processes in {time.perf_counter() - started:.1f} s")
    user = UserFactory(roles=[Role.WEEGPLOEGLID], party=party("De politie"))
    secrecy_accept(user, text_version=SECRECY_TEXT_VERSION)
    client = verified_client(user)
    client.get("/werk/weegploeg/")  # warm-up
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            response = client.get("/werk/weegploeg/")
            timings.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.status_code
    print(f"inbox at {processes} open processes ({connection.vendor}), {runs} runs:")
    print(f"  median {statistics.median(timings):.0f} ms, min {min(timings):.0f} ms, max {max(timings):.0f} ms")
    print(f"  queries per request: {len(queries.captured_queries)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)

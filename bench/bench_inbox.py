"""Benchmark: the weegploeg inbox at 10,000 files (issue 5, issue 14 item 2, issue 18).

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/bench_inbox.py [files] [runs]

Starts from a copy of the migrated template (``bench/common.py``: no migrate unless a migration
changed; set DATABASE_URL to measure on PostgreSQL, where the statistics are refreshed with ANALYZE
after the inserts). It bulk-inserts the files as
``signal_register`` leaves them (each file with a signal of one of four parties, its weegploeg
process with the open analyse task and its accuracy review process with the open review task:
two open processes and two inbox rows per file, so 10,000 files are 20,000 processes), then
requests the inbox over HTTP (Django's test client) as a verified weegploeg member: the default
list, a filtered and sorted list, a later page, sorted by party, and the search by POST, and as
the uitvoerder the start page and the deadlines overview, first and last page (each counts every
review's due date; a page reads the reviews up to its own); then,
with every task created when its file arrived (due dates spread over a year, in the opposite
order of the rows), the default list, the list sorted by due date the other way, and the overdue
tasks. Prints p50 and p95 of the response times, the median CPU time of this process (steadier
than the wall clock on a loaded machine) and the number of queries per request.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import bench_database

bench_database("inbox")

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def measure(client, label: str, runs: int, request) -> None:
    request()  # warm-up
    timings, cpu, queries = [], [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            t0, c0 = time.perf_counter(), time.process_time()
            response = request()
            timings.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        assert response.status_code == 200, response.status_code
        queries = len(captured.captured_queries)
    # The CPU time of this process (Django and, on SQLite, the database) barely moves when other
    # processes load the machine; the wall-clock figures do.
    print(
        f"  {label:<38} p50 {statistics.median(timings):6.0f} ms   p95 {percentile(timings, 95):6.0f} ms"
        f"   cpu p50 {statistics.median(cpu):5.0f} ms   {queries} queries"
    )


def main(files: int = 10_000, runs: int = 20) -> None:
    setup_test_environment()
    from accounts.roles import Role
    from secrecy.services import secrecy_accept
    from secrecy.texts import SECRECY_TEXT_VERSION
    from tests.factories import UserFactory, party
    from tests.helpers import verified_client
    from tests.weegploeg.bulk import bulk_open_processes

    names = ("De politie", "De gemeente Venlo", "Het Openbaar Ministerie", "De gemeente Maastricht")
    parties = [party(name) for name in names]
    user = UserFactory(roles=[Role.WEEGPLOEGLID], party=parties[0])
    secrecy_accept(user, text_version=SECRECY_TEXT_VERSION)
    started = time.perf_counter()
    # On PostgreSQL the loader ANALYZEs what it loaded.
    bulk_open_processes(files, parties=parties, registered_by=user, reviews=True)
    print(f"inserted {files} files ({2 * files} open processes) in {time.perf_counter() - started:.1f} s")
    client = verified_client(user)
    inbox = "/werk/weegploeg/"
    filtered = f"{inbox}?partij={parties[1].pk}&fase=analyse&termijn=alle&sortering=-ontvangen"
    print(f"inbox at {files} files, {2 * files} open tasks ({connection.vendor}), {runs} runs each:")
    measure(client, "default list (25 per page)", runs, lambda: client.get(inbox))
    measure(client, "filtered by party and stage, sorted", runs, lambda: client.get(filtered))
    measure(client, "filtered, page 40", runs, lambda: client.get(filtered + "&pagina=40"))
    measure(client, "sorted by bringing party", runs, lambda: client.get(f"{inbox}?sortering=partij"))
    measure(client, "search by name (POST)", runs, lambda: client.post(filtered, {"q": "Achternaam123"}))
    # The uitvoerder's screens that read every file's accuracy review deadline.
    boss = UserFactory(roles=[Role.UITVOERDER], party=parties[1])
    secrecy_accept(boss, text_version=SECRECY_TEXT_VERSION)
    boss_client = verified_client(boss)
    measure(boss_client, "start page as uitvoerder", runs, lambda: boss_client.get("/werk/"))
    deadlines = "/werk/rechten/termijnen/"
    measure(boss_client, "deadlines overview, page 1", runs, lambda: boss_client.get(deadlines))
    # Past the last page: the last page with a Dutch message (it merges every review before it).
    measure(boss_client, "deadlines overview, last page", runs, lambda: boss_client.get(f"{deadlines}?pagina=9999"))
    spread_due_dates()
    print("the same, each task created when its file arrived (due dates spread, newest first):")
    measure(client, "default list (25 per page)", runs, lambda: client.get(inbox))
    measure(client, "sorted by due date, latest first", runs, lambda: client.get(f"{inbox}?sortering=-termijn"))
    measure(client, "overdue only", runs, lambda: client.get(f"{inbox}?termijn=te-laat"))


def spread_due_dates() -> None:
    """Each analyse task created when its file arrived (an hour apart, the newest file first), as
    the flow creates it, and its due date stored again: the due dates span 417 days, in the
    opposite order of the rows (the worst case for a sort that keeps only the first 25); the
    review tasks are due half a year after their file arrived."""
    from django.db.models import OuterRef, Subquery
    from viewflow.workflow.models import Task

    from flows.weegploeg import WeegploegFlow
    from tests.planner import planner_statistics_refresh
    from weegploeg.models import TaskDue, WeegploegFile
    from weegploeg.terms import task_dues_store

    arrived = WeegploegFile.objects.filter(process_id=OuterRef("process_id")).values("created_at")[:1]
    Task.objects.filter(flow_task=WeegploegFlow.analyse).update(created=Subquery(arrived))
    task_dues_store(Task.objects.all())
    planner_statistics_refresh(Task, TaskDue)


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 10_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 20,
    )

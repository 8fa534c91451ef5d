"""Benchmark: one ``apply_retention`` run (issue 8, art. 13) over 10,000 and 100,000 files.

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/bench_retention.py [sizes...]

Uses a throw-away SQLite database in a temporary directory (set DATABASE_URL to measure on
PostgreSQL instead). For each size it bulk-inserts that many files (weegploeg and casusoverleg,
each with subject, signal, process and task rows) in a fixed mix, then times one run and measures
its peak Python memory with ``tracemalloc`` (on a second, identical run):

* 70 % active (processed last month): nothing to do;
* 15 % weegploeg and 5 % casusoverleg files processed 13 months ago: archived (art. 13.2);
* 5 % archived files processed 61 months ago: put on the destruction list (art. 13.1);
* 2 % weegploeg files decided "niet agenderen" 7 months ago: destroyed automatically (13.3),
  a tenth of them held by a complaint;
* 1 % archived files on an approved destruction list past its cooling-off period: destroyed.

Time should grow linearly with the number of files and peak memory stay flat: the work is chunked,
and each file's line is written as the run goes, as ``manage.py apply_retention`` does.
"""

from __future__ import annotations

import datetime
import sys
import time
import tracemalloc
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import bench_database  # noqa: E402

bench_database("retention")  # a copy of the migrated template: no migrate of its own

from django.db import transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

NOW = datetime.datetime(2031, 6, 15, 3, 0, tzinfo=datetime.UTC)
BATCH = 2000


def _kind_of(i: int) -> str:
    slot = i % 100
    if slot < 70:
        return "active"
    if slot < 85:
        return "archive_w"
    if slot < 90:
        return "archive_c"
    if slot < 95:
        return "list"
    if slot < 97:
        return "niet"
    if slot < 98:
        return "approved"
    return "active"


def _store(i: int, kind: str) -> str:
    """W (weegploeg) or C (casusoverleg) file."""
    if kind in ("niet", "archive_w"):
        return "W"
    if kind == "archive_c":
        return "C"
    return "W" if i % 2 == 0 else "C"


def _ago(months: int) -> datetime.datetime:
    from retention.rules import months_before

    return months_before(NOW, months)


def wipe() -> None:
    from viewflow.workflow.models import Process, Task

    from casusoverleg.models import CasusoverlegFile, CasusSubject
    from retention.models import DestructionList, DestructionListItem, DestructionRecord, RetentionHold
    from weegploeg.models import Decision, Signal, Subject, WeegploegFile

    with transaction.atomic():
        for model in (
            DestructionRecord,
            DestructionListItem,
            DestructionList,
            RetentionHold,
            Decision,
            Signal,
            CasusSubject,
            CasusoverlegFile,
            WeegploegFile,
            Subject,
            Task,
            Process,
        ):
            model.objects.all()._raw_delete(model.objects.db)


def build(n: int, user, party) -> None:
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from casusoverleg.models import CasusoverlegFile, CasusoverlegProcess, CasusSubject
    from flows.casusoverleg import CasusoverlegFlow
    from flows.models import WeegploegProcess
    from flows.weegploeg import WeegploegFlow
    from retention.models import DestructionList, DestructionListItem, HoldKind, ListStatus, RetentionHold
    from weegploeg.models import Decision, Outcome, Signal, Subject, WeegploegFile

    approved = DestructionList.objects.create(
        status=ListStatus.GOEDGEKEURD,
        approved_by=user,
        approved_at=NOW - datetime.timedelta(days=10),
        cooling_off_until=NOW - datetime.timedelta(days=5),
    )
    for offset in range(0, n, BATCH):
        ids = range(offset, min(n, offset + BATCH))
        kinds = {i: _kind_of(i) for i in ids}
        processed = {
            "active": _ago(1),
            "archive_w": _ago(13),
            "archive_c": _ago(13),
            "list": _ago(61),
            "niet": _ago(8),
            "approved": _ago(62),
        }
        with transaction.atomic():
            w_ids = [i for i in ids if _store(i, kinds[i]) == "W"]
            c_ids = [i for i in ids if _store(i, kinds[i]) == "C"]
            subjects = Subject.objects.bulk_create(
                Subject(
                    given_names=f"Voornaam{i}",
                    surname=f"Achternaam{i}",
                    date_of_birth=datetime.date(1990, 1, 1),
                    address=f"Straat {i}",
                    residence="Venlo",
                    municipality="Venlo",
                )
                for i in w_ids
            )
            w_processes = WeegploegProcess.objects.bulk_create(
                WeegploegProcess(flow_class=WeegploegFlow, status=STATUS.DONE) for _ in w_ids
            )
            files = WeegploegFile.objects.bulk_create(
                WeegploegFile(
                    number=f"W-2026-{i:06d}",
                    subject=s,
                    process_id=p.pk,
                    last_processed_at=processed[kinds[i]],
                    archived_at=_ago(48) if kinds[i] in ("list", "approved") else None,
                )
                for i, s, p in zip(w_ids, subjects, w_processes, strict=True)
            )
            Signal.objects.bulk_create(
                Signal(
                    file=f,
                    observation="Waarneming",
                    observed_on=datetime.date(2026, 1, 1),
                    melder_name="Melder",
                    melder_contact="melder@example.invalid",
                    bringing_party=party,
                    registered_by=user,
                )
                for f in files
            )
            Decision.objects.bulk_create(
                Decision(
                    file=f,
                    outcome=Outcome.NIET_AGENDEREN,
                    motivation="Onvoldoende",
                    decided_by=user,
                    decided_at=_ago(7),
                )
                for i, f in zip(w_ids, files, strict=True)
                if kinds[i] == "niet"
            )
            c_processes = CasusoverlegProcess.objects.bulk_create(
                CasusoverlegProcess(flow_class=CasusoverlegFlow, status=STATUS.DONE) for _ in c_ids
            )
            casus = CasusoverlegFile.objects.bulk_create(
                CasusoverlegFile(
                    number=f"C-2026-{i:06d}",
                    source_weegploeg_number=f"W-2025-{i:06d}",
                    opened_by=user,
                    process_id=p.pk,
                    last_processed_at=processed[kinds[i]],
                    archived_at=_ago(48) if kinds[i] in ("list", "approved") else None,
                )
                for i, p in zip(c_ids, c_processes, strict=True)
            )
            CasusSubject.objects.bulk_create(
                CasusSubject(
                    file=c,
                    given_names=f"Voornaam{i}",
                    surname=f"Achternaam{i}",
                    date_of_birth=datetime.date(1990, 1, 1),
                    address=f"Straat {i}",
                    residence="Venlo",
                    municipality="Venlo",
                )
                for i, c in zip(c_ids, casus, strict=True)
            )
            Task.objects.bulk_create(
                [
                    Task(process_id=p.pk, flow_task=WeegploegFlow.analyse, flow_task_type="HUMAN", status=STATUS.DONE)
                    for p in w_processes
                ]
                + [
                    Task(
                        process_id=p.pk,
                        flow_task=CasusoverlegFlow.adopt_plan,
                        flow_task_type="HUMAN",
                        status=STATUS.DONE,
                    )
                    for p in c_processes
                ]
            )
            numbers = {i: f"W-2026-{i:06d}" for i in w_ids} | {i: f"C-2026-{i:06d}" for i in c_ids}
            RetentionHold.objects.bulk_create(
                RetentionHold(file_number=numbers[i], kind=HoldKind.KLACHT, reason="Klacht loopt", placed_by=user)
                for i in ids
                if kinds[i] == "niet" and (i // 100) % 10 == 0
            )
            DestructionListItem.objects.bulk_create(
                DestructionListItem(
                    destruction_list=approved,
                    kind="weegploeg" if numbers[i].startswith("W") else "casusoverleg",
                    file_number=numbers[i],
                    category="weegploeg" if numbers[i].startswith("W") else "casusoverleg",
                    rule="weegploeg_vernietigen" if numbers[i].startswith("W") else "casusoverleg_vernietigen",
                    due_on=(_ago(2)).date(),
                )
                for i in ids
                if kinds[i] == "approved"
            )


def measure(n: int, user, party) -> tuple[float, float, float, object]:
    """Time one run (plain: wall clock and this process's CPU time, which includes SQLite's work
    but not the waits for the disk or for a PostgreSQL server), then rebuild the same data and
    measure one run's peak memory (``tracemalloc`` slows Python down, so the two are measured on
    separate, identical runs). The run writes each file's line to a sink as the command does."""
    from retention.services.run import retention_apply

    wipe()
    started = time.perf_counter()
    build(n, user, party)
    print(f"  {n:>7,} files built in {time.perf_counter() - started:.1f} s", flush=True)
    started, cpu = time.perf_counter(), time.process_time()
    report = retention_apply(now=NOW, out=_discard)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    wipe()
    build(n, user, party)
    tracemalloc.start()
    retention_apply(now=NOW, out=_discard)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, cpu, peak / 1024 / 1024, report


def _discard(line: str) -> None:
    """Where the run writes each file's line (the command writes it to stdout as it goes)."""


def main(sizes: list[int]) -> None:
    setup_test_environment()
    from accounts.roles import Role
    from tests.factories import UserFactory, party

    # a name of its own: a PostgreSQL database keeps the users of an earlier run
    name = f"bench-retentie-{uuid.uuid4().hex[:8]}"
    user = UserFactory(username=name, roles=[Role.UITVOERDER], party=party("De gemeente Heerlen"))
    police = party("De politie")
    print("apply_retention, one run (art. 13): time and peak Python memory (tracemalloc)")
    results = []
    for n in sizes:
        seconds, cpu, peak, report = measure(n, user, police)
        results.append((n, seconds, peak))
        done = report.counts
        print(
            f"  {n:>7,} files: {seconds:7.2f} s ({seconds / n * 1e6:6.1f} µs/file, cpu {cpu:6.2f} s), "
            f"peak {peak:7.1f} MiB | archived {done['archived']:,}, destroyed {done['destroyed']:,}, "
            f"listed {done['listed']:,}, held {done['held']:,}",
            flush=True,
        )
    if len(results) >= 2:
        (n0, s0, m0), (n1, s1, m1) = results[0], results[-1]
        print(
            f"  ratio {n1 // n0}x files -> {s1 / s0:.1f}x time, {m1 / m0:.1f}x peak memory "
            "(linear time means at most the same ratio; flat memory means about 1x)"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])

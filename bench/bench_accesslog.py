"""Benchmark: the access log (issue 4, art. 15.2e).

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/bench_accesslog.py [rows] [runs]

Starts from a copy of the migrated template (``bench/common.py``; set DATABASE_URL to measure on
PostgreSQL). Prints:
1. what the access log costs a work screen: the weegploeg inbox (``/werk/weegploeg/``, 25 open
   files) requested over HTTP with Django's test client (every middleware, a verified session, one
   allowed row per request) against the same screen with the log switched off as
   ``bench/wsgi_unlogged.py`` does (refusals still written), ``runs`` times each, alternating. One
   process: the contention between workers is ``bench/compare.py``'s part (gunicorn, 4 workers);
2. the time to verify a sealed log of ``rows`` rows (HMAC per row, seal chain, checkpoints;
   default 1,000,000), and of a tenth and a half of it, with the time per row, to show that
   verification is linear.
"""

from __future__ import annotations

import atexit
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import bench_database

bench_database("accesslog")

from django.db import transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

WORK_SCREEN = "/werk/weegploeg/"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))]


def request_cost(runs: int) -> None:
    import access.screens
    from accesslog.models import AccessLogEntry
    from accounts.roles import Role
    from secrecy.services import secrecy_accept
    from secrecy.texts import SECRECY_TEXT_VERSION
    from tests.factories import UserFactory, party
    from tests.helpers import verified_client
    from tests.weegploeg.bulk import bulk_open_processes

    parties = [party("De politie"), party("De gemeente Venlo")]
    user = UserFactory(roles=[Role.WEEGPLOEGLID], party=parties[0])
    secrecy_accept(user, text_version=SECRECY_TEXT_VERSION)
    bulk_open_processes(25, parties=parties, registered_by=user)
    client = verified_client(user)
    logged_write = access.screens._write

    def refusals_only(request, screen, row, *, allowed):  # the switch of bench/wsgi_unlogged.py
        if not allowed:
            logged_write(request, screen, row, allowed=allowed)

    timings: dict[str, list[float]] = {"unlogged": [], "logged": []}
    rows: dict[str, int] = {"unlogged": 0, "logged": 0}
    try:
        for run in range(runs + 1):  # the first round warms up
            for label, write in (("unlogged", refusals_only), ("logged", logged_write)):
                access.screens._write = write
                before = AccessLogEntry.objects.count()
                t0 = time.perf_counter()
                response = client.get(WORK_SCREEN)
                elapsed = (time.perf_counter() - t0) * 1000
                assert response.status_code == 200, response.status_code
                if run:
                    timings[label].append(elapsed)
                    rows[label] += AccessLogEntry.objects.count() - before
    finally:
        access.screens._write = logged_write
    assert rows["logged"] == runs, rows
    assert rows["unlogged"] == 0, rows
    unlogged, logged = (statistics.median(timings[k]) for k in ("unlogged", "logged"))
    print(f"{WORK_SCREEN} over HTTP (test client, all middleware), {runs} runs each, alternating:")
    for label in ("unlogged", "logged"):
        print(
            f"  {label:<9} p50 {statistics.median(timings[label]):6.1f} ms"
            f"   p95 {percentile(timings[label], 95):6.1f} ms   {rows[label] / runs:.0f} row(s) per request"
        )
    print(f"  the row costs {logged - unlogged:+.1f} ms per request (p50); logged / unlogged {unlogged / logged:.2f}")


def bulk_chain(total: int, batch: int = 5000) -> None:
    """Append ``total`` signed rows (as the service signs them) in batches, then seal them."""
    import secrets

    from accesslog.integrity import GENESIS_HASH, access_log_current_key, entry_payload, row_hmac
    from accesslog.models import AccessLogEntry
    from accesslog.sealing import access_log_seal

    key_id, key = access_log_current_key()
    now = timezone.now()
    written = 0
    while written < total:
        rows = []
        for i in range(min(batch, total - written)):
            entry = AccessLogEntry(
                created_at=now,
                user_id=1,
                party_id=1,
                roles="uitvoerder",
                action="read",
                object_type="dossier",
                object_ref=f"W-2026-{(written + i) % 10000:04d}",
                shown_refs=[],
                purpose="Bench",
                allowed=True,
                client_address="10.0.0.1",
                prev_hash=GENESIS_HASH,
                key_id=key_id,
                nonce=secrets.token_hex(16),
                legacy_hash="",
            )
            entry.row_hash = row_hmac(key, entry_payload(entry))
            rows.append(entry)
        with transaction.atomic():
            AccessLogEntry.objects.bulk_create(rows)
        written += len(rows)
    access_log_seal(full=True, force_checkpoint=True)


def verify_cost(total: int) -> None:
    from accesslog.services import access_log_verify

    steps = sorted({max(1, total // 10), max(1, total // 2), total})
    have = 0
    print("verification (rows signed and sealed in bulk, then verify_access_log's walk):")
    for target in steps:
        t0 = time.perf_counter()
        bulk_chain(target - have)
        have = target
        insert_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = access_log_verify()
        seconds = time.perf_counter() - t0
        assert report.ok, report
        assert report.count == target, report
        print(
            f"  {target:>9,} rows: verify {seconds:6.2f} s ({seconds / target * 1e6:.2f} µs/row); "
            f"insert took {insert_s:.1f} s"
        )


def main(total: int = 1_000_000, runs: int = 200) -> None:
    setup_test_environment()
    request_cost(runs)
    from django.conf import settings

    from accesslog.models import AccessLogEntry, AccessLogSeal

    # Start the chain afresh for the verification figures (checkpoints into the temporary directory).
    checkpoints = Path(tempfile.mkdtemp(prefix="bench-accesslog-cp-"))
    atexit.register(shutil.rmtree, checkpoints, ignore_errors=True)
    settings.ACCESS_LOG_CHECKPOINT_PATH = str(checkpoints / "cp.jsonl")
    AccessLogSeal.objects.all()._raw_delete(AccessLogSeal.objects.db)
    AccessLogEntry.objects.all()._raw_delete(AccessLogEntry.objects.db)
    verify_cost(total)


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 200,
    )

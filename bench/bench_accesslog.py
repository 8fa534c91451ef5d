"""Benchmark: the access log (issue 4, art. 15.2e).

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/bench_accesslog.py [rows]

Uses a throw-away SQLite database in a temporary directory (set DATABASE_URL to measure on
PostgreSQL instead). Prints:
1. the cost of one request to a view that writes one access-log row versus the same view
   without logging (the difference is what every personal-data screen pays);
2. the time to verify a sealed log of ``rows`` rows (HMAC per row, seal chain, checkpoints;
   default 1,000,000), and of a tenth and a half of it, with the time per row, to show that
   verification is linear.
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
    _tmp = tempfile.mkdtemp(prefix="bench-accesslog-")
    os.environ["DATABASE_URL"] = f"sqlite:///{_tmp}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402


def request_cost(runs: int = 300) -> None:
    from accesslog.services import access_log_write
    from accounts.roles import Role
    from tests.factories import UserFactory, party

    user = UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen"))

    def plain(request):
        return HttpResponse("dossier")

    def logged(request):
        access_log_write(request, action="read", object_type="dossier", object_ref="W-2026-0001", purpose="Bench")
        return HttpResponse("dossier")

    factory = RequestFactory()
    results = {}
    for name, view in (("unlogged", plain), ("logged", logged)):
        timings = []
        for _ in range(runs):
            request = factory.get("/werk/dossier/W-2026-0001/", REMOTE_ADDR="10.0.0.1")
            request.user = user
            t0 = time.perf_counter()
            view(request)
            timings.append((time.perf_counter() - t0) * 1000)
        results[name] = statistics.median(timings)
    print(f"one request, median of {runs} ({os.environ['DATABASE_URL'].split(':')[0]}):")
    print(f"  unlogged view: {results['unlogged']:.3f} ms")
    print(f"  logged view:   {results['logged']:.3f} ms  (+{results['logged'] - results['unlogged']:.3f} ms per row)")


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
        assert report.ok and report.count == target, report
        print(
            f"  {target:>9,} rows: verify {seconds:6.2f} s ({seconds / target * 1e6:.2f} µs/row); "
            f"insert took {insert_s:.1f} s"
        )


def main(total: int = 1_000_000) -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)
    request_cost()
    from django.conf import settings

    from accesslog.models import AccessLogEntry, AccessLogSeal

    # Start the chain afresh for the verification figures (checkpoints into the temporary directory).
    settings.ACCESS_LOG_CHECKPOINT_PATH = str(Path(tempfile.mkdtemp(prefix="bench-accesslog-cp-")) / "cp.jsonl")
    AccessLogSeal.objects.all()._raw_delete(AccessLogSeal.objects.db)
    AccessLogEntry.objects.all()._raw_delete(AccessLogEntry.objects.db)
    verify_cost(total)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)

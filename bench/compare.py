"""Benchmark: public pages and the PDF against the same bytes as a static file, in one run (issue 18).

    .venv/bin/python bench/compare.py [--seconds 8] [--connections 8] [--workers 4]

Starts gunicorn (config/gunicorn.conf.py, 4 workers) with ``config.settings.production`` on
PostgreSQL (``BENCH_DATABASE_URL``, default database ``casus_bench``), then measures with ``wrk``
(Debian package ``wrk``; loopback only, each measurement bounded by ``--seconds``) requests per
second and p50/p99 for ``/``, ``/convenant/``, ``/convenant/bijlage-3/``, ``/convenant/pdf/`` and
``/api/v2/pages/``, each against the *same bytes* served as a static file by the same gunicorn
(WhiteNoise, with a gzip copy as ``collectstatic`` makes one): the physical limit here. It prints
each ratio (target ≥ 0.5).

Then a logged work screen (the weegploeg inbox, ``/werk/weegploeg/``, as the demo user
``weegploeglid`` with a verified session) against the same screen with the access log switched off:
the second server runs ``bench/wsgi_unlogged.py`` under ``bench.settings_unlogged`` (the production
settings under another name; the switch refuses ``config.settings.production``). It prints the
ratio (target ≥ 0.8). ``--only public`` or ``--only work`` runs one half.

Setup happens once and is reused: the database is created, migrated and filled (convenant import,
demo data) only if ``migrate --check`` says it is not up to date; static files are collected into
``var/bench/``. Every request carries ``X-Forwarded-Proto: https`` as nginx would (production
redirects plain HTTP) and ``Accept-Encoding: gzip`` as a browser would; no cookies: an anonymous
visitor.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
WORK = ROOT / "var" / "bench"
DEFAULT_DATABASE_URL = "postgres://casus:casus@127.0.0.1:5432/casus_bench"
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip", "Host": "127.0.0.1"}
TARGETS = [
    ("home", "/", "html"),
    ("convenant", "/convenant/", "html"),
    ("bijlage-3", "/convenant/bijlage-3/", "html"),
    ("pdf", "/convenant/pdf/", "pdf"),
    ("api", "/api/v2/pages/", "json"),
]


def bench_secret(name: str) -> str:
    """A random secret for the bench database, kept in var/bench/ so later runs use the same one."""
    path = WORK / f"{name}.secret"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def bench_env(database_url: str, port: int, workers: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=database_url,
        SECRET_KEY=bench_secret("secret-key"),
        ACCESS_LOG_HMAC_KEY=bench_secret("access-log-hmac-key"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        STATIC_ROOT=str(WORK / "static"),
        CACHE_DIR=str(WORK / "cache"),
        DESTRUCTION_LEDGER_PATH=str(WORK / "ledger.jsonl"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=str(workers),
        LOG_LEVEL="WARNING",
    )
    return env


def manage(env: dict[str, str], *args: str, settings: str | None = None, check: bool = True) -> int:
    run_env = dict(env, DJANGO_SETTINGS_MODULE=settings) if settings else env
    command = [PYTHON, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, env=run_env, capture_output=True, text=True)  # noqa: S603 - fixed argv
    if check and done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} mislukt:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return done.returncode


def database_ensure(env: dict[str, str]) -> None:
    """Create the bench database if missing; migrate and fill it only if it is not up to date."""
    import psycopg

    url = env["DATABASE_URL"]
    match = re.fullmatch(r"postgres(?:ql)?://([^:]+):([^@]+)@([^:/]+):(\d+)/(\w+)", url)
    if not match:
        sys.exit("BENCH_DATABASE_URL moet postgres://gebruiker:wachtwoord@host:poort/naam zijn.")
    user, password, host, port, name = match.groups()
    with psycopg.connect(
        dbname="postgres", user=user, password=password, host=host, port=port, autocommit=True
    ) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')
    if manage(env, "migrate", "--check", check=False) != 0:
        started = time.perf_counter()
        manage(env, "migrate", "--noinput")
        manage(env, "import_convenant")  # publishing stores the PDF once (pages.publication)
        manage(env, "load_demo", settings="config.settings.dev")
        print(f"database prepared in {time.perf_counter() - started:.0f} s (once; reused by later runs)")


def static_prepare(env: dict[str, str], force: bool) -> None:
    """``collectstatic`` once (it compresses every file: minutes here); again with ``--collect`` or
    when a source file is newer than the manifest."""
    (WORK / "static").mkdir(parents=True, exist_ok=True)
    manifest = WORK / "static" / "staticfiles.json"
    found = [*ROOT.glob("static/**/*"), *ROOT.glob("*/static/**/*")]
    sources = [p for p in found if ".venv" not in p.parts and p.is_file()]
    stale = manifest.exists() and max((p.stat().st_mtime for p in sources), default=0) > manifest.stat().st_mtime
    if force or stale or not manifest.exists():
        manage(env, "collectstatic", "--noinput", "-v", "0")


class Server:
    """gunicorn with the production configuration, its output in var/bench/gunicorn.log."""

    def __init__(self, env: dict[str, str], port: int, app: str | None = None):
        self.env, self.port, self.app = env, port, app
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        log = (WORK / "gunicorn.log").open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv
            # --max-requests 0: the production config recycles each worker after ~1,000 requests;
            # in a run of a few thousand requests all four restart at once and stall whichever URL
            # is being measured. Everything else is the production configuration.
            [GUNICORN, "-c", "config/gunicorn.conf.py", "--max-requests", "0", *([self.app] if self.app else [])],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                fetch(self.port, "/static/bench-probe-does-not-exist", expect_ok=False)
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        sys.exit("gunicorn startte niet binnen 60 s (zie var/bench/gunicorn.log)")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def fetch(
    port: int, path: str, *, expect_ok: bool = True, encoding: str = "identity", cookie: str = ""
) -> tuple[bytes, float]:
    headers = {**HEADERS, "Accept-Encoding": encoding, **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback only
            body = response.read()
    except urllib.error.HTTPError as error:
        if expect_ok:
            raise
        body = error.read()
    return body, time.perf_counter() - started


def wrk(port: int, path: str, seconds: int, connections: int, cookie: str = "") -> dict[str, float]:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in {**HEADERS, **({"Cookie": cookie} if cookie else {})}.items():
        args += ["-H", f"{name}: {value}"]
    url = f"http://127.0.0.1:{port}{path}"
    out = subprocess.run([*args, url], capture_output=True, text=True).stdout  # noqa: S603 - fixed argv, loopback

    def latency(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\b", out, re.M)
        if not match:
            return float("nan")
        value, unit = float(match[1]), match[2]
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "rps": float(rps[1]) if rps else 0.0,
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": int(errors[1]) if errors else 0,
    }


WORK_SCREEN = "/werk/weegploeg/"
SESSION_CODE = """
from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from accounts.models import User
from secrecy.services import secrecy_accept
from secrecy.texts import SECRECY_TEXT_VERSION
user = User.objects.get(username="weegploeglid")
device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
secrecy_accept(user, text_version=SECRECY_TEXT_VERSION)
client = Client()
client.force_login(user, backend="accounts.backends.PartyAwareModelBackend")
session = client.session
session[DEVICE_ID_SESSION_KEY] = device.persistent_id
session.save()
print(f"COOKIE={settings.SESSION_COOKIE_NAME}={session.session_key}")
"""


def work_session(env: dict[str, str]) -> str:
    """A verified session (password and code passed) of the demo user ``weegploeglid``: a cookie."""
    command = [PYTHON, "manage.py", "shell", "-c", SESSION_CODE]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603 - fixed argv
    match = re.search(r"^COOKIE=(\S+)$", done.stdout, re.M)
    if not match:
        sys.exit(f"geen sessie voor weegploeglid:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return match[1]


def work_compare(env: dict[str, str], args: argparse.Namespace) -> float:
    """The logged work screen against the same screen with the access log switched off."""
    cookie = work_session(env)
    unlogged_env = dict(env, DJANGO_SETTINGS_MODULE="bench.settings_unlogged")
    results = {}
    for label, server_env, app in (
        ("logged", env, None),
        ("unlogged", unlogged_env, "bench.wsgi_unlogged:application"),
    ):
        with Server(server_env, args.port, app):
            body, _ = fetch(args.port, WORK_SCREEN, cookie=cookie)
            if b"inloggen" in body[:2000].lower() and b"werkbak" not in body.lower():
                sys.exit(f"{WORK_SCREEN} gaf geen werkscherm (sessie niet geldig?)")
            results[label] = wrk(args.port, WORK_SCREEN, args.seconds, args.connections, cookie)
    logged, unlogged = results["logged"], results["unlogged"]
    ratio = logged["rps"] / unlogged["rps"] if unlogged["rps"] else 0.0
    print(f"work screen {WORK_SCREEN} as weegploeglid (one access-log row per request):")
    print(f"{'':<26}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    for label, result in results.items():
        errors = f"  (niet-2xx: {result['errors']})" if result["errors"] else ""
        print(f"{label:<26}{result['rps']:>9.0f}{result['p50']:>9.1f}{result['p99']:>9.1f}{errors}")
    print(f"logged / unlogged {ratio:.2f} (target >= 0.80: {'gehaald' if ratio >= 0.8 else 'NIET gehaald'})")
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8, help="duration of each measurement")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8089)
    parser.add_argument("--collect", action="store_true", help="run collectstatic again")
    parser.add_argument("--only", choices=("all", "public", "work"), default="all")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is niet geïnstalleerd (apt-get install wrk).")
    WORK.mkdir(parents=True, exist_ok=True)
    env = bench_env(os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL), args.port, args.workers)
    database_ensure(env)
    static_prepare(env, args.collect)
    shutil.rmtree(WORK / "cache", ignore_errors=True)  # start cold: the first requests render
    if args.only != "work":
        public_compare(env, args)
    if args.only != "public":
        work_compare(env, args)


def public_compare(env: dict[str, str], args: argparse.Namespace) -> None:
    # 1. The same bytes as static files (and a gzip copy, as collectstatic makes for its own).
    copies = WORK / "static" / "bench"
    copies.mkdir(parents=True, exist_ok=True)
    first_pdf_ms = float("nan")
    with Server(env, args.port):
        _, seconds = fetch(args.port, "/convenant/pdf/")
        first_pdf_ms = seconds * 1000
        for name, path, ext in TARGETS:
            body, _ = fetch(args.port, path)
            (copies / f"{name}.{ext}").write_bytes(body)
            if ext != "pdf":
                (copies / f"{name}.{ext}.gz").write_bytes(gzip.compress(body, mtime=0))

    # 2. Restart (WhiteNoise indexes static files at start), then measure page and copy side by side.
    print(
        f"gunicorn {args.workers} workers, production settings, PostgreSQL; wrk -t2 -c{args.connections} "
        f"-d{args.seconds}s per URL; anonymous, gzip accepted"
    )
    print(f"first /convenant/pdf/ after start (cold page cache, stored PDF): {first_pdf_ms:.0f} ms")
    print(f"{'URL':<26}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9} | {'static':>9}{'p50 ms':>9}{'p99 ms':>9} | ratio")
    ratios = []
    with Server(env, args.port):
        for name, path, ext in TARGETS:
            fetch(args.port, path)  # warm: the first request after a start renders into the shared cache
            page = wrk(args.port, path, args.seconds, args.connections)
            static = wrk(args.port, f"/static/bench/{name}.{ext}", args.seconds, args.connections)
            ratio = page["rps"] / static["rps"] if static["rps"] else 0.0
            ratios.append(ratio)
            if not (page["rps"] and static["rps"]):
                print(f"  {path}: wrk mat niets (server overbelast of gestopt); zie var/bench/gunicorn.log")
            errors = page["errors"] + static["errors"]
            flag = f"  (niet-2xx: {page['errors']}/{static['errors']})" if errors else ""
            print(
                f"{path:<26}{page['rps']:>9.0f}{page['p50']:>9.1f}{page['p99']:>9.1f} | "
                f"{static['rps']:>9.0f}{static['p50']:>9.1f}{static['p99']:>9.1f} | {ratio:.2f}{flag}"
            )
    print(f"lowest ratio {min(ratios):.2f} (target >= 0.50: {'gehaald' if min(ratios) >= 0.5 else 'NIET gehaald'})")


if __name__ == "__main__":
    main()

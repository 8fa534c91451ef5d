"""Issue 15: the deploy README's project commands (check --deploy, migrate, collectstatic, the
content seeds, create_beheerder) run as written against a scratch directory and database, with
the production settings and an environment file made from deploy/casusoverleg.env.example; then
gunicorn starts from config/gunicorn.conf.py and the README's health check answers 200.

Then the README's backup-restore block: ``backup``, then (as the README's comment tells the
operator) DATABASE_URL moves to a new, empty database, ``restore`` takes the file ``backup``
printed, ``verify_access_log`` passes, and the service started on the restored database answers the
health check with the content the first database had.

System commands (apt-get, useradd, systemctl, nginx) are listed in the README and not run here;
CI checks the nginx site with ``deploy/verify-nginx``.

``DEPLOY_TEST_STATIC_ROOT`` (set by ``.ci/run``) names the directory the README's ``collectstatic``
writes to instead of the scratch directory, emptied first: CI's smoke test then serves that tree, so
a CI run collects the production static files once, here, not twice (issue 18.5).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from config.env import BASE_DIR
from tests.helpers import child_environment

pytestmark = pytest.mark.scratch_sqlite

README = BASE_DIR / "deploy" / "README.md"
EXAMPLE_ENV = BASE_DIR / "deploy" / "casusoverleg.env.example"
CASUS_MANAGE = "sudo -u casus /srv/casusoverleg/deploy/casus-manage"
HOST = "casusoverleg.example.nl"


def _block(name: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = text.split(f"<!-- {name}:start -->", 1)[1].split(f"<!-- {name}:end -->", 1)[0]
    body = block.split("```sh", 1)[1].split("```", 1)[0]
    return [line.strip() for line in body.strip().splitlines() if line.strip() and not line.startswith("#")]


def _static_root(scratch: Path) -> Path:
    """Where the README's ``collectstatic`` writes: the scratch directory, or the (emptied) directory
    ``DEPLOY_TEST_STATIC_ROOT`` names; an existing directory that is not a collected tree is refused."""
    named = os.environ.get("DEPLOY_TEST_STATIC_ROOT", "")
    if not named:
        return scratch / "static"
    root = Path(named).resolve()
    if root.exists():
        assert not any(root.iterdir()) or (root / "staticfiles.json").exists(), (
            f"DEPLOY_TEST_STATIC_ROOT={root} is not empty and holds no collected static files; not emptying it"
        )
        shutil.rmtree(root)
    return root


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env_file(scratch: Path, port: int, static_root: Path) -> Path:
    overrides = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ACCESS_LOG_HMAC_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "DATABASE_URL": f"sqlite:///{scratch / 'db.sqlite3'}",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(scratch / "media"),
        "CACHE_DIR": str(scratch / "cache"),
        "ACCESS_LOG_CHECKPOINT_PATH": str(scratch / "controlepunten.jsonl"),
        "DESTRUCTION_LEDGER_PATH": str(scratch / "vernietigingen.jsonl"),
        "BACKUP_DIR": str(scratch / "backups"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
    }
    lines = []
    for line in EXAMPLE_ENV.read_text(encoding="utf-8").splitlines():
        key = line.split("=", 1)[0]
        lines.append(f"{key}={overrides.pop(key)}" if key in overrides else line)
    lines += [f"{key}={value}" for key, value in overrides.items()]
    path = scratch / "casusoverleg.env"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _environment(env_file: Path) -> dict[str, str]:
    # What an operator's shell has: not the test run's own settings, nor the browser tests'
    # DJANGO_ALLOW_ASYNC_UNSAFE (which ``check --deploy`` rightly refuses).
    env = child_environment()
    for key in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL"):
        env.pop(key, None)
    env["CASUS_ENV_FILE"] = str(env_file)
    return env


def _run(line: str, env: dict[str, str]) -> str:
    assert line.startswith(CASUS_MANAGE), f"not a project command: {line}"
    command = str(BASE_DIR / "deploy" / "casus-manage") + line[len(CASUS_MANAGE) :]
    result = subprocess.run(  # noqa: S603
        ["/bin/bash", "-c", command], env=env, capture_output=True, text=True, timeout=900, cwd=BASE_DIR
    )
    assert result.returncode == 0, (line, result.stdout[-3000:], result.stderr[-3000:])
    return result.stdout


def _gunicorn(env_file: Path, port: int) -> subprocess.Popen:
    env = _environment(env_file)
    for line in env_file.read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key] = value
    process = subprocess.Popen(  # noqa: S603
        [str(BASE_DIR / ".venv" / "bin" / "gunicorn"), "-c", str(BASE_DIR / "config" / "gunicorn.conf.py")],
        env=env,
        cwd=BASE_DIR,
        stdout=(env_file.parent / "server.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            assert process.poll() is None, "gunicorn stopped during start-up"
            time.sleep(0.3)
    process.terminate()
    raise AssertionError("gunicorn did not listen within 60 s")


def _env_database_move(env_file: Path, database: Path) -> None:
    """What the README's restore comment asks of the operator: DATABASE_URL to the new database."""
    lines = [
        f"DATABASE_URL=sqlite:///{database}" if line.startswith("DATABASE_URL=") else line
        for line in env_file.read_text(encoding="utf-8").splitlines()
    ]
    env_file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _health(env_file: Path, port: int) -> subprocess.CompletedProcess:
    [health_line] = _block("health-check")
    health_line = health_line.replace("http://127.0.0.1:8000/", f"http://127.0.0.1:{port}/")
    server = _gunicorn(env_file, port)
    try:
        return subprocess.run(["/bin/bash", "-c", health_line], capture_output=True, text=True, timeout=60)  # noqa: S603
    finally:
        server.terminate()
        server.wait(timeout=30)


def _assert_healthy(env_file: Path, port: int) -> None:
    result = _health(env_file, port)
    assert result.returncode == 0, (result.stderr, (env_file.parent / "server.log").read_text()[-3000:])
    assert result.stdout.strip() == '{"status": "ok"}'


def _backup_restore(scratch: Path, env_file: Path, env: dict[str, str]) -> list[str]:
    backup_line, restore_line, verify_line = _block("backup-restore")
    printed = _run(backup_line, env)
    backup_file = re.search(r"Back-up geschreven: (\S+)", printed).group(1)
    assert backup_file.startswith(str(scratch / "backups")), printed
    _env_database_move(env_file, scratch / "herstel.sqlite3")
    # The README's example file name stands for the one `backup` printed.
    restore_line = re.sub(r"/var/backups/casusoverleg/\S+$", backup_file, restore_line)
    return [_run(restore_line, env), _run(verify_line, env)]


def _live_convenant_pages(env: dict[str, str]) -> str:
    code = "from pages.models import ConvenantPage; print(ConvenantPage.objects.live().count())"
    result = subprocess.run(  # noqa: S603
        [str(BASE_DIR / "deploy" / "casus-manage"), "shell", "--no-imports", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=BASE_DIR,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip()


def test_issue_15_deploy_readme_project_commands_run_and_the_service_answers_healthy(tmp_path):
    port = _free_port()
    static_root = _static_root(tmp_path)
    env_file = _env_file(tmp_path, port, static_root)
    env = _environment(env_file)
    outputs = [_run(line, env) for line in _block("project-commands")]

    assert (static_root / "staticfiles.json").exists()
    link = re.search(rf"https://{re.escape(HOST)}/inloggen/activeren/\S+/\S+/", outputs[-1])
    assert link, outputs[-1]
    assert "wachtwoord" not in outputs[-1].lower().split("activeringslink")[0]
    _assert_healthy(env_file, port)

    restored, verified = _backup_restore(tmp_path, env_file, env)
    assert "Toegangslog gecontroleerd" in restored, restored
    assert verified.startswith("OK:"), verified
    # The service now runs on the restored database, which holds what the first one held.
    assert (tmp_path / "herstel.sqlite3").stat().st_size > 0
    assert _live_convenant_pages(env) == "1"
    _assert_healthy(env_file, port)

"""Issue 18.5: a command (``manage.py``) and a gunicorn worker (``config.wsgi``) start Django with the
collector paused, freeze what the start-up built and then collect again (config/startup.py): a
process left without its collector would grow with every cycle it makes."""

from __future__ import annotations

import json
import subprocess
import sys

from config.env import BASE_DIR
from tests.helpers import child_environment

REPORT = (
    "import gc, json, django; "
    "print(json.dumps({'enabled': gc.isenabled(), 'frozen': gc.get_freeze_count(), "
    "'setup_is_djangos': django.setup.__module__ == 'django' and not hasattr(django.setup, '__wrapped__')}))"
)


def _report(*command: str) -> dict:
    result = subprocess.run(  # noqa: S603 - our own interpreter and project, fixed arguments
        [sys.executable, *command], cwd=BASE_DIR, env=child_environment(), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_issue_18_5_a_command_and_a_worker_start_django_without_collecting_then_collect_again():
    command = _report("manage.py", "shell", "--no-imports", "-c", REPORT)
    worker = _report("-c", f"import config.wsgi; {REPORT}")
    for started in (command, worker):
        assert started["enabled"] is True
        assert started["frozen"] > 100_000  # the start-up's objects, out of every later collection
    assert command["setup_is_djangos"] is True  # the wrapper of manage.py was used once and removed

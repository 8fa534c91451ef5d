"""Issue 15, item 2: every periodic command runs from a systemd timer, the README's table lists
exactly those timers with their schedules, and `systemd-analyze verify` accepts every unit."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands

from config.env import BASE_DIR

UNITS = BASE_DIR / "deploy" / "systemd"
README = BASE_DIR / "README.md"
# Commands of the project that are run by hand (or by the deploy), never on a schedule.
ONE_OFF = {
    "access_matrix",
    "create_beheerder",
    "createsuperuser",  # disabled by the project (accounts): use create_beheerder + superuser_grant
    "demo_code",
    "import_convenant",
    "load_demo",
    "restore",
    "seed_intake_form",
    "seed_rights_page",
    "superuser_grant",
}
SCHEDULE_KEYS = ("OnCalendar", "OnUnitActiveSec")


def _table() -> dict[str, tuple[str, str]]:
    """command -> (timer, schedule) from the README's periodic-commands table."""
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- periodic-commands:start -->", 1)[1].split("<!-- periodic-commands:end -->", 1)[0]
    rows = {}
    for line in block.strip().splitlines()[2:]:
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        assert len(cells) == 4, line
        command, timer, schedule, _purpose = cells
        assert command not in rows, f"{command} twice in the table"
        rows[command] = (timer, schedule)
    return rows


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive in systemd
    parser.read(path, encoding="utf-8")
    return parser


def _timer_command(timer: Path) -> str:
    service = UNITS / _unit(timer)["Timer"]["Unit"]
    assert service.exists(), f"{timer.name} starts {service.name}, which is not in deploy/systemd/"
    exec_start = _unit(service)["Service"]["ExecStart"]
    match = re.fullmatch(r"/srv/casusoverleg/\.venv/bin/python /srv/casusoverleg/manage\.py (\w+)", exec_start)
    assert match, exec_start
    return match.group(1)


# Commands of installed libraries that the project schedules.
LIBRARY_PERIODIC = {"publish_scheduled"}  # wagtail


def _project_commands() -> set[str]:
    return {name for name, app in get_commands().items() if (BASE_DIR / app.replace(".", "/")).is_dir()}


def test_issue_15_2_readme_table_and_timer_units_agree():
    """Issue 15."""
    table = _table()
    timers = sorted(UNITS.glob("*.timer"))
    assert {t.name for t in timers} == {timer for timer, _ in table.values()}
    for timer in timers:
        command = _timer_command(timer)
        assert command in table, f"{timer.name} runs {command}, which the README table does not list"
        listed_timer, listed_schedule = table[command]
        assert listed_timer == timer.name
        key, value = listed_schedule.split("=", 1)
        assert key in SCHEDULE_KEYS, (timer.name, listed_schedule)
        assert _unit(timer)["Timer"][key] == value, (timer.name, listed_schedule)


def test_issue_15_2_every_periodic_command_of_the_project_has_a_timer():
    """Issue 15."""
    project = _project_commands()
    table = _table()
    assert set(table) <= project | LIBRARY_PERIODIC, set(table) - project
    assert set(get_commands()) >= LIBRARY_PERIODIC
    unclassified = project - set(table) - ONE_OFF
    assert not unclassified, f"new command(s) {unclassified}: add a timer and a README row, or list as one-off"
    for expected in (
        "apply_retention",
        "rights_escalate",
        "incidents_escalate",
        "outbox_send",
        "publish_scheduled",
        "seal_access_log",
        "verify_access_log",
    ):
        assert expected in table


def test_issue_15_2_daily_jobs_catch_up_after_downtime_and_the_sealer_runs_every_10_seconds():
    """Issue 15."""
    for timer in UNITS.glob("*.timer"):
        section = _unit(timer)["Timer"]
        if section.get("OnCalendar", "").startswith("*-*-* 0"):
            assert section.get("Persistent") == "true", timer.name
    seal = _unit(UNITS / "casusoverleg-seal-access-log.timer")["Timer"]
    assert seal["OnUnitActiveSec"] == "10s"


def test_issue_15_2_units_run_as_the_service_user_with_the_production_settings():
    """Issue 15."""
    for service in UNITS.glob("*.service"):
        section = _unit(service)["Service"]
        assert section["User"] == "casus", service.name
        assert section["Group"] == "casus", service.name
        assert section["EnvironmentFile"] == "/etc/casusoverleg/casusoverleg.env"
        assert section["Environment"] == "DJANGO_SETTINGS_MODULE=config.settings.production"
        assert section["ProtectSystem"] == "strict"
        assert section["NoNewPrivileges"] == "true"


def _verify(unit_dir: Path) -> subprocess.CompletedProcess:
    assert shutil.which("systemd-analyze"), "systemd-analyze is missing: install Debian's systemd (.ci/run does)"
    return subprocess.run(  # noqa: S603
        [str(BASE_DIR / "deploy" / "verify-units"), str(unit_dir)], capture_output=True, text=True, timeout=120
    )


def test_issue_15_2_systemd_analyze_verify_accepts_every_unit():
    """Issue 15."""
    result = _verify(UNITS)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("unit", "old", "new"),
    [
        ("casusoverleg-outbox-send.service", "/.venv/bin/python", "/.venv/bin/pythonX"),
        ("casusoverleg-incidents-escalate.timer", "OnCalendar=", "OnCalender="),
    ],
)
def test_issue_15_2_verify_catches_a_broken_unit(tmp_path, unit, old, new):
    """Issue 15."""
    broken = tmp_path / "systemd"
    shutil.copytree(UNITS, broken)
    path = broken / unit
    path.write_text(path.read_text().replace(old, new, 1))
    assert _verify(broken).returncode != 0

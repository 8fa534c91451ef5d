"""Issue 18: PostgreSQL connections run without JIT compilation (a sorted work list whose per-row
subquery the planner overestimates spent longer compiling than working), added to whatever
options the database URL sets; SQLite gets no such option."""

import importlib
import sys


def _base_settings(monkeypatch, url: str):
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delitem(sys.modules, "config.settings.base", raising=False)
    base = importlib.import_module("config.settings.base")
    monkeypatch.delitem(sys.modules, "config.settings.base")
    return base.DATABASES["default"]


def test_issue_18_postgresql_runs_without_jit_and_keeps_the_options_of_the_url(monkeypatch):
    plain = _base_settings(monkeypatch, "postgres://casus:geheim@db.example.invalid:5432/casus")
    assert plain["OPTIONS"]["options"] == "-c jit=off"
    url = "postgres://casus:geheim@db.example.invalid:5432/casus?options=-c%20search_path%3Dcasus"
    assert _base_settings(monkeypatch, url)["OPTIONS"]["options"] == "-c search_path=casus -c jit=off"


def test_issue_18_sqlite_gets_no_postgresql_option(monkeypatch):
    assert "options" not in _base_settings(monkeypatch, "sqlite:////tmp/casus.sqlite3").get("OPTIONS", {})

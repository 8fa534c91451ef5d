"""Issue 15: the production static storage tolerates a third-party stylesheet that names files its
wheel does not ship (viewflow's Material CSS did), and stays strict for the project's own files.
Issue 18.5: viewflow's unused assets are not collected at all (config/staticfinders.py)."""

import importlib
import re
import sys

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from config.storage import ProjectManifestStaticFilesStorage, is_third_party_static

URL_RE = re.compile(r"""(?P<matched>url\(['"]{0,1}\s*(?P<url>.*?)["']{0,1}\))""")
VIEWFLOW_CSS = "viewflow/fonts/roboto/node_modules/roboto-fontface/css/roboto/roboto-fontface.css"
WAGTAIL_CSS = "wagtailadmin/css/core.css"


def _all_static_files():
    for finder in finders.get_finders():
        yield from finder.list(ignore_patterns=[])


def _convert(storage, name: str, css: str) -> str:
    converter = storage.url_converter(name, {})
    return URL_RE.sub(converter, css)


def test_issue_15_1_wagtail_css_is_third_party_and_site_css_is_ours():
    """Issue 15."""
    assert is_third_party_static(WAGTAIL_CSS)
    assert not is_third_party_static("css/site.css")


def test_issue_18_5_viewflow_assets_are_not_found_other_apps_assets_are():
    """Issue 18.5: viewflow's screens are not mounted, so its 49 MB of assets are neither served nor
    collected; the apps around it still contribute theirs."""
    assert finders.find(VIEWFLOW_CSS) is None
    assert not [path for path, _storage in _all_static_files() if path.startswith("viewflow/")]
    assert finders.find(WAGTAIL_CSS)
    assert finders.find("wagtailadmin/js/core.js")


def test_issue_15_1_missing_font_in_third_party_css_is_left_as_is(tmp_path):
    """Issue 15."""
    storage = ProjectManifestStaticFilesStorage(location=tmp_path)
    css = 'src: url("../../fonts/roboto/Roboto-Thin.woff2") format("woff2");'
    assert _convert(storage, WAGTAIL_CSS, css) == css


def test_issue_15_1_missing_reference_in_project_css_still_fails(tmp_path):
    """Issue 15."""
    storage = ProjectManifestStaticFilesStorage(location=tmp_path)
    with pytest.raises(ValueError, match="could not be found"):
        _convert(storage, "css/site.css", 'background: url("../img/does-not-exist.png");')


def test_issue_15_1_production_settings_use_the_project_storage(monkeypatch):
    """Issue 15."""
    monkeypatch.setenv("SECRET_KEY", "throw-away-" + "x" * 50)
    monkeypatch.setenv("ACCESS_LOG_HMAC_KEY", "throw-away-" + "y" * 50)
    monkeypatch.setenv("ACCESS_LOG_HMAC_KEY", "throw-away-" + "y" * 40)
    monkeypatch.delitem(sys.modules, "config.settings.production", raising=False)
    production = importlib.import_module("config.settings.production")
    monkeypatch.delitem(sys.modules, "config.settings.production")

    assert production.STORAGES["staticfiles"]["BACKEND"] == "config.storage.ProjectManifestStaticFilesStorage"


def test_issue_18_5_collectstatic_writes_gzip_copies_for_nginx_and_no_brotli(tmp_path, settings):
    """Issue 18.5: nginx serves the collected files with ``gzip_static`` (no brotli module), so
    collectstatic writes ``.gz`` copies beside the hashed files and spends no time on ``.br``."""
    source = tmp_path / "bron" / "css"
    source.mkdir(parents=True)
    (source / "groot.css").write_text("body { color: #000; }\n" * 200, encoding="utf-8")
    settings.STATICFILES_DIRS = [tmp_path / "bron"]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "uit"
    storage = {"BACKEND": "config.storage.ProjectManifestStaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": storage}
    call_command("collectstatic", interactive=False, verbosity=0)
    written = {path.name for path in (tmp_path / "uit" / "css").iterdir()}
    hashed = [name for name in written if name.startswith("groot.") and name.endswith(".css")]
    assert len(hashed) == 2  # the original name and the hashed one
    assert {f"{name}.gz" for name in hashed} <= written
    assert not [name for name in written if name.endswith(".br")]

"""Issue 15: the production static storage collects viewflow's Material assets although their
stylesheet names fonts the wheel does not ship, and stays strict for the project's own files."""

import importlib
import re
import sys

import pytest

from config.storage import ProjectManifestStaticFilesStorage, is_third_party_static

URL_RE = re.compile(r"""(?P<matched>url\(['"]{0,1}\s*(?P<url>.*?)["']{0,1}\))""")
VIEWFLOW_CSS = "viewflow/fonts/roboto/node_modules/roboto-fontface/css/roboto/roboto-fontface.css"


def _convert(storage, name: str, css: str) -> str:
    converter = storage.url_converter(name, {})
    return URL_RE.sub(converter, css)


def test_issue_15_1_viewflow_css_is_third_party_and_site_css_is_ours():
    """Issue 15."""
    assert is_third_party_static(VIEWFLOW_CSS)
    assert not is_third_party_static("css/site.css")


def test_issue_15_1_missing_font_in_third_party_css_is_left_as_is(tmp_path):
    """Issue 15."""
    storage = ProjectManifestStaticFilesStorage(location=tmp_path)
    css = 'src: url("../../fonts/roboto/Roboto-Thin.woff2") format("woff2");'
    assert _convert(storage, VIEWFLOW_CSS, css) == css


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

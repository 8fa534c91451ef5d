"""Which installed apps contribute static files.

viewflow ships 49 MB of assets (Material fonts, plotly, dash, source maps) for its own screens,
which this project does not mount: every work screen is our own template, and no template we
render refers to a viewflow asset. Hashing and compressing them was ~160 of the ~180 CPU-seconds
of a production ``collectstatic`` (issue 18.5). The app stays installed under its own name
(``django.contrib.staticfiles`` must be installed by that name: the test live server serves static
files only then), only its static directory is not searched.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.staticfiles.finders import AppDirectoriesFinder

# Apps whose static files are never served: their screens are not mounted (config/urls.py).
UNSERVED_STATIC_APPS = frozenset({"viewflow", "viewflow.workflow"})


class ProjectAppDirectoriesFinder(AppDirectoriesFinder):
    """Django's finder of ``<app>/static/`` directories, without the apps in ``UNSERVED_STATIC_APPS``."""

    def __init__(self, app_names=None, *args, **kwargs):
        if app_names is None:
            app_names = [config.name for config in apps.get_app_configs() if config.name not in UNSERVED_STATIC_APPS]
        super().__init__(app_names, *args, **kwargs)

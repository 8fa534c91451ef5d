"""django.contrib.staticfiles as this project uses it (issue 18.5).

viewflow's own (Material) screens are not mounted (flows/urls.py), so none of its 49 MB of assets
(plotly, dash, vis-network, source maps, icon fonts) is ever served; collecting, hashing and
compressing them (brotli and gzip) took ~160 of the ~180 CPU-seconds of every ``collectstatic``,
once in the deploy test and once per deployment. ``finders.find()`` still finds them (``runserver``,
``config.storage.is_third_party_static``); only ``collectstatic`` leaves them out.
"""

from django.contrib.staticfiles.apps import StaticFilesConfig


class ProjectStaticFilesConfig(StaticFilesConfig):
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "viewflow/*"]

"""The project's URLs plus two that fail on purpose, to see the 403 and 500 pages in a browser."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as project_urlpatterns


def forbidden(request):
    raise PermissionDenied("geheim: dossier W-2026-0001")


def broken(request):
    raise RuntimeError("Jan de Vries, BSN 111222333")  # must never reach the page


urlpatterns = [path("test-fout/403/", forbidden), path("test-fout/500/", broken), *project_urlpatterns]

"""Root URLs. Every route not on the gate's allowlist requires a password and a verified code
(accounts.middleware.OTPGateMiddleware). Wagtail's page serving is mounted last: a catch-all."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from flows import start_page
from flows.urls import app_urls
from pages.api import api_router
from processing import views as processing_views

urlpatterns = [
    path("", include("core.urls")),  # /gezondheid/ (public, on the 2FA gate's allowlist)
    path("", include("accounts.urls")),
    path("werk/", start_page.dashboard, name="dashboard"),  # "Vandaag": reads across every flow
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("werk/processen/", include("flows.urls")),
    path("werk/weegploeg/", include(app_urls("weegploeg.urls"))),
    path("werk/casussen/", include(app_urls("casusoverleg.urls"))),
    path("werk/toegangslog/", include("accesslog.urls")),
    path("werk/autorisaties/", include("authorisations.urls")),
    path("werk/geheimhouding/", include("secrecy.urls")),
    path("werk/incidenten/", include(app_urls("incidents.urls"))),
    path("werk/rechten/", include(app_urls("rights.urls"))),
    path("werk/bewaartermijnen/", include("retention.urls")),
    path("werk/partijen/", include("parties.urls")),
    path("werk/toegangsmatrix/", include("access.urls")),
    path("werk/evaluatie/", include("evaluation.urls")),
    path("werk/verwerkingsregister/", include("processing.urls")),
    path("werk/personen/", include("persons.urls")),
    path("werk/overleggen/", include("meetings.urls")),
    path("verwerkingsregister/", processing_views.register_public, name="processing_public"),
]

if settings.DEBUG:  # pragma: no cover - local development only
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

urlpatterns += [
    path("api/v2/", api_router.urls),  # read-only; API v3 is not mounted (it writes with bearer tokens)
    path("", include(wagtail_urls)),
]

handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"

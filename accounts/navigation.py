"""The work environment's links, each shown only to whoever passes the rule of the screen it opens
(the same rules as the screens themselves: a link never leads to a 403)."""

from __future__ import annotations

import dataclasses

from django.urls import reverse

from access.screens import access_allowed


@dataclasses.dataclass(frozen=True)
class Link:
    rule: str
    url_name: str
    label: str


LINKS: tuple[Link, ...] = (
    Link("weegploeg.register_signal", "weegploeg:intake", "Signaal inbrengen bij de weegploeg"),
    Link("weegploeg.register_signal", "weegploeg:my_signals", "Mijn ingebrachte signalen"),
    Link("weegploeg.view_inbox", "weegploeg:inbox", "Werkbak weegploeg"),
    Link("casusoverleg.view_worklist", "casusoverleg:index", "Werkbak casusoverleg"),
    Link("meetings.view_meetings", "meetings:list", "Overleggen: agenda en aanwezigheid"),
    Link("meetings.view_pending_decisions", "meetings:decisions", "Besluiten ter bevestiging (vier ogen)"),
    Link("persons.search", "persons:search", "Persoon zoeken in de dossiers"),
    Link("rights.handle_request", "rights:index", "Verzoeken inzage en correctie (art. 12)"),
    Link("rights.handle_request", "rights:deadlines", "Wettelijke termijnen"),
    Link("retention.manage_terms", "retention:index", "Bewaartermijnen, archief en vernietiging (art. 13)"),
    Link("retention.consult_archive", "retention:archive", "Gearchiveerd dossier raadplegen (art. 13.2)"),
    Link("incidents.view_register", "incidents:index", "Incidenten- en datalekregister"),
    Link("accesslog.review_log", "accesslog:index", "Toegangslog en periodieke controle"),
    Link("authorisations.view_events", "authorisations:events", "Autorisatielog"),
    Link("authorisations.view_reviews", "authorisations:reviews", "Periodieke rechtencontrole"),
    Link("accounts.reset_second_factor", "second_factor_reset", "Tweede factor terugzetten (app of passkey kwijt)"),
    Link("secrecy.view_overview", "secrecy:overview", "Geheimhouding per partij"),
    Link("parties.record_notice", "parties:notices", "Opzeggingen van partijen (art. 18.2)"),
    Link("processing.view_register", "processing:index", "Verwerkingsregister (art. 30 AVG)"),
    Link("evaluation.view_figures", "evaluation:page", "Evaluatie: jaarcijfers (art. 18.4)"),
    Link("access.view_matrix", "access:matrix", "Toegangsmatrix: wie mag welk scherm openen"),
    Link("authorisations.view_security_plan", "authorisations:security_plan", "Beveiligingsplan"),
    Link("secrecy.accept_duty", "secrecy:accept", "Mijn geheimhoudingsverklaring"),
)


def links_for(user) -> list[dict[str, str]]:
    return [{"url": reverse(link.url_name), "label": link.label} for link in LINKS if access_allowed(user, link.rule)]

"""Issue 14 item 7: texts that say what the convenant says — criteria with their titles and a plain
explanation in the inzage overview (art. 12.3: understandable), the public version number of the
referentiekader an analysis used (art. 7.3), the review form's advice (art. 9.4: the casusoverleg
advises the kernpartijen) and measures numbered as the plan shows them."""

from __future__ import annotations

import datetime

import pytest

from pages.models import ReferentiekaderPage
from pages.templatetags.version_tags import public_version, referentiekader_version
from rights.selectors.overview import criteria_explained
from tests.weegploeg.fixtures import melder, referentiekader_publish, register, weegploeglid
from weegploeg import services as weegploeg_services

pytestmark = pytest.mark.django_db


def _analysed():
    from pages.services import convenant_import

    convenant_import()  # the public site, so the referentiekader has its public address
    page = referentiekader_publish(page=ReferentiekaderPage.objects.get())
    file = register(melder())
    analysis = weegploeg_services.analysis_record(
        file,
        by=weegploeglid(),
        revision_id=page.live_revision_id,
        items=[("ID-1", "van_toepassing", ""), ("ID-2", "onbekend", "Nog navragen")],
        summary="Samenvatting",
        next_step="besluit",
    )
    return page, analysis


def test_art_12_3_criteria_appear_with_their_titles_and_a_plain_explanation():
    _page, analysis = _analysed()
    rows = {row["code"]: row for row in criteria_explained(analysis)}
    assert rows["ID-1"]["title"] == "Uitingen die geweld rechtvaardigen"
    assert rows["ID-1"]["explanation"] == "De weegploeg vond dat dit op u van toepassing was."
    assert rows["ID-2"]["answer"] == "Onbekend"
    assert "niet genoeg" in rows["ID-2"]["explanation"]


def test_art_7_3_the_analysis_names_the_public_version_of_the_referentiekader_with_a_link():
    page, analysis = _analysed()
    version = public_version(analysis.referentiekader_revision_id)
    assert version is not None
    assert version.number == 2
    assert version.label.startswith("Versie 2, gepubliceerd ")
    html = referentiekader_version(analysis.referentiekader_revision_id)
    page = ReferentiekaderPage.objects.get(pk=page.pk)
    assert f'href="{page.url}versies/{analysis.referentiekader_revision_id}/"' in html
    assert f"versie {analysis.referentiekader_revision_id})" not in html  # never the internal id as "versie"


def test_art_9_4_the_review_form_says_the_casusoverleg_advises_the_kernpartijen():
    from casusoverleg.forms import ReviewForm
    from casusoverleg.models import ReviewOutcome

    assert (
        ReviewOutcome.AFSLUITING_ADVISEREN.label == "Het casusoverleg adviseert de kernpartijen het plan af te sluiten"
    )

    class Measure:
        def __init__(self, pk, description):
            self.pk, self.description, self.status = pk, description, "gepland"

    form = ReviewForm(measures=[Measure(4, "Gesprek met de imam"), Measure(9, "Begeleiding naar werk")])
    labels = [form.fields[name].label for name in ("n_4", "n_9")]
    assert labels == ["Toelichting bij maatregel 1", "Toelichting bij maatregel 2"]
    assert form.fields["s_4"].label == "Status van maatregel 1: Gesprek met de imam"


def _letter(outcome: str, plan_closed_on=None) -> str:
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    file = SimpleNamespace(number="W-2026-0001", plan_closed_on=plan_closed_on)
    subject = SimpleNamespace(full_name="J. Voorbeeld", address="Markt 1", postcode="", residence="Gennep", bsn="")
    overview = SimpleNamespace(purposes=[], recipients=[], sources=[], casus_files=[])
    context = {
        "file": file,
        "subject": subject,
        "o": overview,
        "informed_on": datetime.date(2027, 3, 3),
        "decision": SimpleNamespace(outcome=outcome),
    }
    return " ".join(render_to_string("rights/duty_letter_pdf.html", context).split())


def test_art_11_5_the_letter_never_says_no_measures_and_then_agendered():
    not_agendered = _letter("niet_agenderen")
    assert "niet te bespreken in een casusoverleg" in not_agendered
    assert "geen (verdere) maatregelen" in not_agendered
    closed = _letter("agenderen", plan_closed_on=datetime.date(2027, 2, 1))
    assert "besproken in een casusoverleg" in closed
    assert "afgesloten" in closed
    assert "geen (verdere)" in closed
    assert "Besluit: agenderen" not in closed
    assert "Besluit van de weegploeg" not in closed
    open_case = _letter("agenderen")
    assert "geen (verdere) maatregelen" not in open_case
    assert "plan van aanpak" in open_case

"""Issue 13 item 6: free text people type (a plan, a motivation, a rights request) keeps what was
typed but loses bidi controls — on every write path, because the model field (``FreeTextField``)
cleans it: services, model forms and the admin (``full_clean``), ``save()`` and ``update()``."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.utils import timezone

from casusoverleg.models import PlanVersion
from casusoverleg.plan import plan_draft_update
from core.fields import FreeTextField
from core.text import BIDI_CONTROLS
from rights.models import CorrectionItem, RequesterKind, RequestKind, RightsRequest
from rights.services.registration import rights_request_register
from tests.casusoverleg.fixtures import agenda, deelnemer, uitvoerder

pytestmark = pytest.mark.django_db

RLO = "\u202e"


def test_art_8_2_a_right_to_left_override_in_a_plan_text_is_gone_when_stored():
    casus = agenda()
    plan_draft_update(casus, by=deelnemer(), aim=f"Doel: {RLO}gnikjiwtnO{RLO}\u2066 begeleiden")
    plan = PlanVersion.objects.get(file=casus)
    assert plan.aim == "Doel: gnikjiwtnO begeleiden"
    # update() and a model form (as the admin uses) go through the same field.
    PlanVersion.objects.filter(pk=plan.pk).update(aim=f"Nieuw{RLO} doel")
    plan.refresh_from_db()
    assert plan.aim == "Nieuw doel"

    class PlanForm(forms.ModelForm):
        class Meta:
            model = PlanVersion
            fields = ["aim"]

    form = PlanForm({"aim": f"Via het formulier{RLO}\u200f"}, instance=plan)
    assert form.is_valid(), form.errors
    assert form.save().aim == "Via het formulier"
    plan.refresh_from_db()
    assert plan.aim == "Via het formulier"


def test_art_8_2_a_right_to_left_override_in_a_rights_request_text_is_gone_when_stored():
    casus = agenda()
    request = rights_request_register(
        by=uitvoerder(),
        weegploeg_number=casus.source_weegploeg_number,
        kind=RequestKind.CORRECTIE,
        received_on=timezone.localdate() - datetime.timedelta(days=1),
        requester_kind=RequesterKind.BETROKKENE,
        reply_address=f"Postbus 1{RLO}, Gennep",
        corrections=[("address", "Markt 2", f"Verhuisd{RLO} naar de Markt\u202a")],
    )
    stored = RightsRequest.objects.get(pk=request.pk)
    assert stored.reply_address == "Postbus 1, Gennep"
    assert CorrectionItem.objects.get(request=stored).reason == "Verhuisd naar de Markt"
    RightsRequest.objects.filter(pk=stored.pk).update(identity_note=f"Paspoort{RLO} gezien")
    stored.refresh_from_db()
    assert stored.identity_note == "Paspoort gezien"


def test_art_8_2_free_text_keeps_what_was_typed_except_bidi_controls():
    field = FreeTextField()
    typed = "Regel één\nmet ‘aanhalingstekens’, \u200b en \u200d blijven " + BIDI_CONTROLS
    assert field.to_python(typed) == "Regel één\nmet ‘aanhalingstekens’, \u200b en \u200d blijven "
    assert field.get_prep_value(None) is None
    # No migration: the column is an ordinary text column.
    assert field.deconstruct()[1] == "django.db.models.TextField"

"""The melder's side of the intake (issues 14.6 and 19.4): the summary, the receipt and addenda.

- ``intake_summary_rows``: every answer with its question, as the melder will send it.
- ``intake_receipt_remember`` / ``intake_receipt_signal``: an opaque key, bound to the melder's
  session, for the confirmation page and the PDF copy (no number, no personal data in the URL).
- ``signal_addendum_add``: information appended to one's own signal while the file is open.
- ``intake_next_steps``: what happens next, and when (art. 7.3-7.4, 11.2, 13.3).
"""

from __future__ import annotations

import dataclasses
import datetime
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.text import text_free_clean
from forms.models import SignalAddendum

if TYPE_CHECKING:
    from accounts.models import User
    from weegploeg.models import Signal, WeegploegFile

RECEIPTS_KEY = "intake_ontvangstbewijzen"
RECEIPTS_KEPT = 20  # the last twenty receipts of a session; older links stop working
ADDENDUM_MAX = 5000


# --- The summary step ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SummaryRow:
    field: str  # the form field's name: the "Wijzigen" button goes back to it
    label: str
    value: str


def _shown(field, value) -> str:
    """A cleaned value as the melder typed or chose it (dates as dag-maand-jaar)."""
    if value in (None, "", []):
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    choices = dict(getattr(field.field, "choices", None) or ())
    if isinstance(value, list | tuple):
        return ", ".join(str(choices.get(v, v)) for v in value)
    return str(choices.get(value, value))


def intake_summary_rows(form, names) -> list[SummaryRow]:
    """After ``form.is_valid()``: a row per field in ``names`` (the fixed and the shown extra ones)."""
    rows = []
    for name in names:
        bound = form[name]
        rows.append(SummaryRow(name, str(bound.label), _shown(bound, form.cleaned_data.get(name))))
    return rows


# --- The confirmation and its PDF: an opaque, session-bound key --------------------------------


def intake_receipt_remember(session, signal: Signal) -> str:
    """A fresh opaque key for this signal in this session (the confirmation page and PDF copy)."""
    receipts = dict(session.get(RECEIPTS_KEY) or {})
    for key, pk in list(receipts.items()):
        if pk == signal.pk:
            return key
    key = secrets.token_urlsafe(24)
    receipts[key] = signal.pk
    session[RECEIPTS_KEY] = dict(list(receipts.items())[-RECEIPTS_KEPT:])
    return key


def intake_receipt_signal(session, key: str) -> Signal | None:
    """The signal this session's key stands for, or None (another session's key opens nothing)."""
    from weegploeg.models import Signal

    pk = (session.get(RECEIPTS_KEY) or {}).get(str(key))
    if pk is None:
        return None
    return Signal.objects.select_related("file", "file__subject", "bringing_party").filter(pk=pk).first()


# --- What happens next ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class NextSteps:
    analyse_by: datetime.date
    analyse_days: int
    decide_days: int
    destroy_months: int = 6


def intake_next_steps(registered_at: datetime.datetime) -> NextSteps:
    """The weegploeg's own terms (``WEEGPLOEG_TASK_DUE_DAYS``): the convenant sets none for the
    analysis; art. 13.3 sets at most six months for the data of a subject who is not agendered."""
    from weegploeg.selectors import due_days

    days = due_days()
    start = timezone.localtime(registered_at).date()
    return NextSteps(start + datetime.timedelta(days=days["analyse"]), days["analyse"], days["decide"])


# --- Addenda --------------------------------------------------------------------------------------


def signal_of_melder(file: WeegploegFile, user: User) -> Signal | None:
    """The user's latest signal in ``file``, or None. Who may open it is the screen's rule
    (``weegploeg.view_own_signal`` / ``weegploeg.add_to_own_signal``), never this lookup."""
    return file.signals.filter(registered_by_id=user.pk).order_by("-registered_at", "-pk").first()


@transaction.atomic
def signal_addendum_add(file: WeegploegFile, *, by: User, text: str) -> SignalAddendum:
    """Issue 14.6: append information to the melder's own signal while the weegploeg has not
    decided. The signal itself is never changed; the file's last processing date moves (art. 13)."""
    from weegploeg.access_rules import file_is_open, may_register_signals
    from weegploeg.models import WeegploegFile

    file = WeegploegFile.objects.select_for_update().get(pk=file.pk)
    signal = signal_of_melder(file, by)
    if signal is None or not may_register_signals(by):
        raise PermissionDenied("U kunt alleen informatie toevoegen aan een signaal dat u zelf hebt ingebracht.")
    if not file_is_open(by, file):
        raise ValidationError(
            "De weegploeg heeft over dit signaal al besloten; informatie toevoegen kan niet meer. "
            "Neem zo nodig contact op met de uitvoerder.",
            code="signaal_besloten",
        )
    value = text_free_clean(text or "").strip()
    if not value:
        raise ValidationError("Vul de informatie in die u wilt toevoegen.", code="aanvulling_leeg")
    if len(value) > ADDENDUM_MAX:
        raise ValidationError(
            f"Gebruik ten hoogste {ADDENDUM_MAX} tekens (nu {len(value)}).", code="aanvulling_te_lang"
        )
    addendum = SignalAddendum.objects.create(signal=signal, text=value, added_by=by)
    file.last_processed_at = timezone.now()
    file.save(update_fields=["last_processed_at"])
    return addendum

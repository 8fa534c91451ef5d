"""Writing the access log (art. 15.2e). Every view, export, print and search that touches personal
data calls ``access_log_write`` once; commands and background jobs call ``access_log_write_system``.

Log rows never contain personal data: the object is named by a pseudonymous reference (a file
number such as "W-2026-0001"), the user by id, the party by id.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import BigIntegerField, Func
from django.http import HttpRequest
from django.utils import timezone

from accesslog.integrity import GENESIS_HASH, access_log_current_key, entry_payload, row_hmac
from accesslog.models import MAX_SHOWN_REFS, AccessAction, AccessLogEntry, AccessLogReview, AccessLogSeal
from accesslog.sealing import SealResult, access_log_seal
from accesslog.verification import VerifyReport, access_log_verify
from accounts.services import user_roles
from core.http import client_address  # trusts exactly TRUSTED_PROXY_HOPS proxies; kept importable here

__all__ = [
    "MAX_SHOWN_REFS",
    "SealResult",
    "VerifyReport",
    "access_log_review_sign_off",
    "access_log_seal",
    "access_log_verify",
    "access_log_write",
    "access_log_write_system",
    "client_address",
]

logger = logging.getLogger(__name__)

# A pseudonymous reference: letters, digits and - _ . : / only, no spaces, no "@" (so no names,
# e-mail addresses or free text end up in the log).
OBJECT_REF_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$")
OBJECT_TYPE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,59}$")


# PostgreSQL: the inserting transaction's (top-level) id, written by the INSERT itself so that the
# sealing step can tell finished transactions from running ones (see accesslog.sealing).
class _CurrentTxid(Func):
    template = "pg_current_xact_id()::text::bigint"
    output_field = BigIntegerField()


def _check_ref(object_type: str, object_ref: str, purpose: str, shown_refs: Sequence[str]) -> list[str]:
    if not OBJECT_TYPE_PATTERN.match(object_type or ""):
        raise ValidationError("Ongeldig soort gegeven voor het toegangslog.", code="bad_object_type")
    if not isinstance(object_ref, str) or not OBJECT_REF_PATTERN.match(object_ref or ""):
        raise ValidationError(
            "Het kenmerk in het toegangslog moet een pseudoniem kenmerk zijn (zoals W-2026-0001).",
            code="bad_object_ref",
        )
    if not (purpose or "").strip() or len(purpose) > 200:
        raise ValidationError("Het toegangslog vraagt een doel of taak (ten hoogste 200 tekens).", code="bad_purpose")
    if isinstance(shown_refs, str | bytes):  # a single string is a sequence of letters: refuse it
        raise ValidationError("De getoonde kenmerken horen een lijst te zijn.", code="bad_shown_refs")
    refs = list(shown_refs or ())
    if len(refs) > MAX_SHOWN_REFS:
        raise ValidationError(
            f"Een scherm kan ten hoogste {MAX_SHOWN_REFS} kenmerken in één logregel noemen.", code="too_many_refs"
        )
    for ref in refs:
        if not isinstance(ref, str) or not OBJECT_REF_PATTERN.match(ref):
            raise ValidationError(
                "Elk getoond kenmerk in het toegangslog moet een pseudoniem kenmerk zijn (zoals W-2026-0001).",
                code="bad_shown_ref",
            )
    return refs


def _roles_of(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""

    return ",".join(sorted(role.value for role in user_roles(user)))


def _anchor() -> str:
    """The newest seal hash (an index lookup, no lock): binds the new row to the chain so far."""
    return AccessLogSeal.objects.order_by("-seal_no").values_list("seal_hash", flat=True).first() or GENESIS_HASH


def _append(
    *,
    user,
    action: str,
    object_type: str,
    object_ref: str,
    purpose: str,
    allowed: bool,
    address: str,
    shown_refs: Sequence[str],
) -> AccessLogEntry:
    """Insert one signed row: one read and one INSERT, no lock, no wait for any other writer.

    Runs inside the caller's transaction if there is one (the row then exists exactly when the
    caller's change does) and in autocommit otherwise. Sealing happens later, outside the request.
    """
    action = AccessAction(action).value
    refs = _check_ref(object_type, object_ref, purpose, shown_refs)
    key_id, key = access_log_current_key()
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    entry = AccessLogEntry(
        created_at=timezone.now(),
        user_id=user.pk if authenticated else None,
        party_id=user.party_id if authenticated else None,
        roles=_roles_of(user),
        action=action,
        object_type=object_type,
        object_ref=object_ref,
        shown_refs=refs,
        purpose=purpose.strip(),
        allowed=bool(allowed),
        client_address=address,
        prev_hash=_anchor(),
        key_id=key_id,
        nonce=secrets.token_hex(16),
        legacy_hash="",
    )
    entry.row_hash = row_hmac(key, entry_payload(entry))
    postgres = connection.vendor == "postgresql"
    if postgres:
        entry.txid = _CurrentTxid()
    entry.save(force_insert=True)
    if postgres:
        del entry.txid  # the expression, not a value: read from the row on first access
    # The log line names only ids and the pseudonymous reference.
    logger.info("access %s %s %s allowed=%s user_id=%s", action, object_type, object_ref, allowed, entry.user_id)
    return entry


def access_log_write(
    request: HttpRequest,
    *,
    action: AccessAction | str,
    object_type: str,
    object_ref: str,
    purpose: str,
    allowed: bool = True,
    shown_refs: Sequence[str] = (),
) -> AccessLogEntry:
    """Append one row for this request: user, party, roles and client address come from ``request``.

    A list or search screen writes one row: ``object_ref`` names the screen (e.g. "werkbak") and
    ``shown_refs`` the pseudonymous references it showed (at most ``MAX_SHOWN_REFS``).
    """
    user = getattr(request, "user", None)
    return _append(
        user=user,
        action=action,
        object_type=object_type,
        object_ref=object_ref,
        purpose=purpose,
        allowed=allowed,
        address=client_address(request),
        shown_refs=shown_refs,
    )


def access_log_write_system(
    *,
    user,
    action: AccessAction | str,
    object_type: str,
    object_ref: str,
    purpose: str,
    allowed: bool = True,
    client_address: str = "",
    shown_refs: Sequence[str] = (),
) -> AccessLogEntry:
    """Append one row for a command or background job (``user`` may be ``None``: the system)."""
    return _append(
        user=user,
        action=action,
        object_type=object_type,
        object_ref=object_ref,
        purpose=purpose,
        allowed=allowed,
        address=client_address,
        shown_refs=shown_refs,
    )


@transaction.atomic
def access_log_review_sign_off(
    *, reviewer, period_start, period_end, findings: str, figures: dict[str, int]
) -> AccessLogReview:
    """Record a signed-off periodic review with the figures the reviewer saw."""
    if period_end < period_start:
        raise ValidationError("De einddatum ligt vóór de begindatum.", code="bad_period")
    if not findings.strip():
        raise ValidationError("Beschrijf de bevindingen (ook als er niets bijzonders is gevonden).", code="no_findings")
    return AccessLogReview.objects.create(
        reviewer=reviewer,
        signed_off_at=timezone.now(),
        period_start=period_start,
        period_end=period_end,
        entry_count=figures.get("entries", 0),
        denied_count=figures.get("denied", 0),
        off_hours_count=figures.get("off_hours", 0),
        burst_count=figures.get("bursts", 0),
        findings=findings.strip(),
    )

"""Writing the access log (art. 15.2e). Every view, export, print and search that touches personal
data calls ``access_log_write`` once; commands and background jobs call ``access_log_write_system``.

Log rows never contain personal data: the object is named by a pseudonymous reference (a file
number such as "W-2026-0001"), the user by id, the party by id.
"""

from __future__ import annotations

import ipaddress
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from accesslog.models import (
    GENESIS_HASH,
    AccessAction,
    AccessLogChainHead,
    AccessLogEntry,
    AccessLogReview,
    access_log_row_hash,
)

logger = logging.getLogger(__name__)

# A pseudonymous reference: letters, digits and - _ . : / only, no spaces, no "@" (so no names,
# e-mail addresses or free text end up in the log).
OBJECT_REF_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$")
OBJECT_TYPE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,59}$")


def _check_ref(object_type: str, object_ref: str, purpose: str) -> None:
    if not OBJECT_TYPE_PATTERN.match(object_type or ""):
        raise ValidationError("Ongeldig soort gegeven voor het toegangslog.", code="bad_object_type")
    if not OBJECT_REF_PATTERN.match(object_ref or ""):
        raise ValidationError(
            "Het kenmerk in het toegangslog moet een pseudoniem kenmerk zijn (zoals W-2026-0001).",
            code="bad_object_ref",
        )
    if not (purpose or "").strip() or len(purpose) > 200:
        raise ValidationError("Het toegangslog vraagt een doel of taak (ten hoogste 200 tekens).", code="bad_purpose")


def client_address(request: HttpRequest) -> str:
    """The client's address as the server saw it (REMOTE_ADDR), validated."""
    raw = (request.META.get("REMOTE_ADDR") or "").strip()
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return ""


def _roles_of(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    from accounts.services import user_roles

    return ",".join(sorted(role.value for role in user_roles(user)))


@transaction.atomic
def _append(
    *, user, action: str, object_type: str, object_ref: str, purpose: str, allowed: bool, address: str
) -> AccessLogEntry:
    action = AccessAction(action).value
    _check_ref(object_type, object_ref, purpose)
    head = AccessLogChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head, _ = AccessLogChainHead.objects.get_or_create(pk=1)
        head = AccessLogChainHead.objects.select_for_update().get(pk=1)
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    entry = AccessLogEntry(
        id=head.last_id + 1,
        created_at=timezone.now(),
        user_id=user.pk if authenticated else None,
        party_id=user.party_id if authenticated else None,
        roles=_roles_of(user),
        action=action,
        object_type=object_type,
        object_ref=object_ref,
        purpose=purpose.strip(),
        allowed=bool(allowed),
        client_address=address,
        prev_hash=head.last_hash,
    )
    entry.row_hash = entry_hash(entry)
    entry.save(force_insert=True)
    head.last_id, head.last_hash, head.count = entry.id, entry.row_hash, head.count + 1
    head.save(update_fields=["last_id", "last_hash", "count"])
    # The log line names only ids and the pseudonymous reference.
    logger.info("access %s %s %s allowed=%s user_id=%s", action, object_type, object_ref, allowed, entry.user_id)
    return entry


def entry_hash(entry: AccessLogEntry) -> str:
    return access_log_row_hash(
        row_id=entry.id,
        created_at=entry.created_at,
        user_id=entry.user_id,
        party_id=entry.party_id,
        roles=entry.roles,
        action=entry.action,
        object_type=entry.object_type,
        object_ref=entry.object_ref,
        purpose=entry.purpose,
        allowed=entry.allowed,
        client_address=entry.client_address,
        prev_hash=entry.prev_hash,
    )


def access_log_write(
    request: HttpRequest,
    *,
    action: AccessAction | str,
    object_type: str,
    object_ref: str,
    purpose: str,
    allowed: bool = True,
) -> AccessLogEntry:
    """Append one row for this request: user, party, roles and client address come from ``request``."""
    user = getattr(request, "user", None)
    return _append(
        user=user,
        action=action,
        object_type=object_type,
        object_ref=object_ref,
        purpose=purpose,
        allowed=allowed,
        address=client_address(request),
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
    )


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    count: int
    broken_id: int | None = None
    reason: str = ""


_VERIFY_FIELDS = (
    "id",
    "created_at",
    "user_id",
    "party_id",
    "roles",
    "action",
    "object_type",
    "object_ref",
    "purpose",
    "allowed",
    "client_address",
    "prev_hash",
    "row_hash",
)


def _rows(chunk_size: int) -> Iterator[tuple]:
    """All rows in id order, in keyset-paginated chunks (constant memory, linear time)."""
    last_id = 0
    while True:
        chunk = list(
            AccessLogEntry.objects.filter(id__gt=last_id).order_by("id").values_list(*_VERIFY_FIELDS)[:chunk_size]
        )
        if not chunk:
            return
        yield from chunk
        last_id = chunk[-1][0]


def access_log_verify(chunk_size: int = 5000) -> ChainReport:
    """Walk the chain in id order; report the first row whose link or content does not match."""
    prev_hash = GENESIS_HASH
    expected_id = 1
    count = 0
    last_id = 0
    for row in _rows(chunk_size):
        (
            row_id,
            created_at,
            user_id,
            party_id,
            roles,
            action,
            object_type,
            object_ref,
            purpose,
            allowed,
            address,
            stored_prev,
            stored_hash,
        ) = row
        if row_id != expected_id:
            return ChainReport(False, count, row_id, f"rij {expected_id} ontbreekt vóór rij {row_id}")
        if stored_prev != prev_hash:
            return ChainReport(False, count, row_id, "de verwijzing naar de vorige rij klopt niet")
        computed = access_log_row_hash(
            row_id=row_id,
            created_at=created_at,
            user_id=user_id,
            party_id=party_id,
            roles=roles,
            action=action,
            object_type=object_type,
            object_ref=object_ref,
            purpose=purpose,
            allowed=allowed,
            client_address=address,
            prev_hash=stored_prev,
        )
        if computed != stored_hash:
            return ChainReport(False, count, row_id, "de inhoud van de rij is gewijzigd")
        prev_hash = stored_hash
        expected_id += 1
        count += 1
        last_id = row_id
    head = AccessLogChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_id != last_id or head.last_hash != prev_hash):
        return ChainReport(False, count, head.last_id, "de laatste rij(en) van de keten ontbreken of zijn gewijzigd")
    return ChainReport(True, count)


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

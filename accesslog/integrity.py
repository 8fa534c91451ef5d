"""The access log's integrity primitives: keyed row HMACs, the seal chain, key ids.

Pure functions of values (no database): the write path, the sealing step, verification and the
data migration all use them, so one canonical form is hashed everywhere.

- A row's ``row_hash`` is HMAC-SHA256 under a key that is *not* in the database
  (``settings.ACCESS_LOG_HMAC_KEY``), over a canonical JSON form of every stored field. Whoever
  can write the database but lacks the key cannot produce a valid row: a rewritten row, even with
  everything after it re-hashed with these very functions, fails its HMAC and is named.
- A seal (``AccessLogSeal``) gives a finished row a gapless number; its hash covers the previous
  seal's hash, the seal number, the row id and the row's HMAC. The chain fixes order and
  completeness; checkpoints written outside the database pin it down (see ``sealing``).
- Key rotation: every row stores the id of the key that signed it (``key_id``, derived from the
  key itself, so an id can never point at the wrong key). Old keys stay readable through
  ``settings.ACCESS_LOG_HMAC_OLD_KEYS``; see the README, "Toegangslog: integriteit".
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

GENESIS_HASH = "0" * 64
PAYLOAD_VERSION = "v1"
MIN_KEY_LENGTH = 32


def key_id_of(key: str) -> str:
    """A short public id for ``key``: an HMAC of a fixed label under the key (reveals nothing)."""
    return hmac.new(key.encode("utf-8"), b"casusoverleg-toegangslog-sleutel-id", hashlib.sha256).hexdigest()[:16]


def access_log_keys() -> dict[str, str]:
    """Every key that may verify a row, by key id: the current key and the old ones."""
    current = settings.ACCESS_LOG_HMAC_KEY
    if not current:
        raise ImproperlyConfigured("ACCESS_LOG_HMAC_KEY ontbreekt: het toegangslog kan geen rijen ondertekenen.")
    keys = {key_id_of(old): old for old in settings.ACCESS_LOG_HMAC_OLD_KEYS if old}
    keys[key_id_of(current)] = current
    return keys


def access_log_current_key() -> tuple[str, str]:
    """``(key_id, key)`` of the key that signs new rows."""
    current = settings.ACCESS_LOG_HMAC_KEY
    if not current:
        raise ImproperlyConfigured("ACCESS_LOG_HMAC_KEY ontbreekt: het toegangslog kan geen rijen ondertekenen.")
    return key_id_of(current), current


def row_payload(
    *,
    key_id: str,
    nonce: str,
    created_at: datetime.datetime,
    user_id: int | None,
    party_id: int | None,
    roles: str,
    action: str,
    object_type: str,
    object_ref: str,
    shown_refs: Sequence[str],
    purpose: str,
    allowed: bool,
    client_address: str,
    prev_hash: str,
    legacy_hash: str,
) -> bytes:
    """The canonical bytes a row's HMAC covers: every stored field except ``row_hash`` and ``txid``.

    ``created_at`` is normalised to UTC so the form does not depend on the database's time zone.
    """
    moment = created_at.astimezone(datetime.UTC) if created_at.tzinfo else created_at
    return json.dumps(
        [
            PAYLOAD_VERSION,
            key_id,
            nonce,
            moment.isoformat(timespec="microseconds"),
            user_id,
            party_id,
            roles,
            action,
            object_type,
            object_ref,
            list(shown_refs or ()),
            purpose,
            bool(allowed),
            client_address,
            prev_hash,
            legacy_hash,
        ],
        ensure_ascii=True,
        separators=(",", ":"),
    ).encode("ascii")


def row_hmac(key: str, payload: bytes) -> str:
    return hmac.new(key.encode("utf-8"), payload, hashlib.sha256).hexdigest()


def entry_payload(entry) -> bytes:
    """``row_payload`` of a model instance (or anything with the same attributes)."""
    return row_payload(
        key_id=entry.key_id,
        nonce=entry.nonce,
        created_at=entry.created_at,
        user_id=entry.user_id,
        party_id=entry.party_id,
        roles=entry.roles,
        action=entry.action,
        object_type=entry.object_type,
        object_ref=entry.object_ref,
        shown_refs=entry.shown_refs,
        purpose=entry.purpose,
        allowed=entry.allowed,
        client_address=entry.client_address,
        prev_hash=entry.prev_hash,
        legacy_hash=entry.legacy_hash,
    )


def seal_hash(*, prev_seal_hash: str, seal_no: int, entry_id: int, row_hash: str) -> str:
    """SHA-256 link of the seal chain: the previous seal, this seal's number, the row and its HMAC.

    Unkeyed on purpose: anyone may recompute it. What it cannot be made to do without the key is
    accept a changed row (its HMAC fails), and what it cannot hide is a re-numbered chain: the
    checkpoints outside the database hold the hashes it had.
    """
    payload = json.dumps([prev_seal_hash, seal_no, entry_id, row_hash], separators=(",", ":"))
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


def constant_time_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))

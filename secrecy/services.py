"""Secrecy (art. 14): before first access to case data a user accepts the secrecy duty."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from secrecy.models import SecrecyAcceptance
from secrecy.texts import SECRECY_TEXT, SECRECY_TEXT_VERSION


def secrecy_text_sha256() -> str:
    return hashlib.sha256(SECRECY_TEXT.encode("utf-8")).hexdigest()


def secrecy_accepted(user) -> bool:
    """True when ``user`` accepted the current version of the secrecy statement."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    cache_key = "_secrecy_accepted"
    cached = getattr(user, cache_key, None)
    if cached is True:
        return True
    accepted = SecrecyAcceptance.objects.filter(user=user, text_version=SECRECY_TEXT_VERSION).exists()
    if accepted:
        setattr(user, cache_key, True)
    return accepted


def secrecy_accept(user, *, text_version: str) -> SecrecyAcceptance:
    """Record that ``user`` accepts the statement ``text_version`` (must be the current one).

    Idempotent: a second acceptance of the same version returns the first.
    """
    if text_version != SECRECY_TEXT_VERSION:
        raise ValidationError(
            "De geheimhoudingsverklaring is intussen gewijzigd. Lees de nieuwe tekst en accepteer die opnieuw.",
            code="stale_text_version",
        )
    existing = SecrecyAcceptance.objects.filter(user=user, text_version=text_version).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return SecrecyAcceptance.objects.create(
                user=user,
                party_id=user.party_id,
                text_version=text_version,
                text_sha256=secrecy_text_sha256(),
                accepted_at=timezone.now(),
            )
    except IntegrityError:  # a concurrent acceptance of the same version
        return SecrecyAcceptance.objects.get(user=user, text_version=text_version)

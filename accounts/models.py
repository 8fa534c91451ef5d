"""Users: every user belongs to exactly one party (issue 2, art. 5, 7, 8.4, 10.5)."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person who works with the system on behalf of one party of the convenant."""

    party = models.ForeignKey(
        "parties.Party",
        verbose_name="partij",
        on_delete=models.PROTECT,
        related_name="users",
        help_text="De organisatie namens wie deze gebruiker werkt.",
    )

    REQUIRED_FIELDS = ["email", "party"]

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"

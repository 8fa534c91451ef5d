"""Safety net for the authorisation log (art. 15.2c; issue 13 item 4).

Roles, party and superuser rights are changed by ``accounts.services`` (the one path), which writes
the log itself inside ``authorisation_service_scope()``. Code that bypasses the services -- a
shell session doing ``user.groups.add(...)``, a third-party admin bulk action, ``user.party = ...;
user.save()`` -- would otherwise leave no trace. These handlers contain no business rules: they
only *record* such a change, with the reason that it was made outside the service, so that no
code path changes an authorisation without a row in the log.

``QuerySet.update()``, raw SQL and data migrations (historical models) send no signals: the
reconciliation in ``reconcile.py`` records what they changed, after every ``migrate`` and daily.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save, pre_save

from accounts.models import User
from accounts.roles import Role
from authorisations.models import AuthorisationEventKind
from authorisations.services import authorisation_event_record, authorisation_service_active
from parties.models import Party

OUTSIDE_REASON = "Gewijzigd buiten de autorisatieservice (vangnet, art. 15.2c)"
_PENDING = "_authorisation_safety_net_pending"


def _role_fields(group: Group) -> dict:
    role = Role.from_group_name(group.name)
    return {"role": role.value if role else "", "label": role.label if role else group.name}


def _record(user, group: Group, granted: bool) -> None:
    fields = _role_fields(group)
    authorisation_event_record(
        subject=user,
        kind=AuthorisationEventKind.ROLE_GRANTED if granted else AuthorisationEventKind.ROLE_REVOKED,
        reason=OUTSIDE_REASON,
        role=fields["role"],
        new_value=fields["label"] if granted else "",
        old_value="" if granted else fields["label"],
    )


def user_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """``m2m_changed`` on ``User.groups``, from either side (``user.groups`` or ``group.user_set``)."""
    if authorisation_service_active():
        return

    def pairs(other_pks) -> list[tuple]:
        others = list(model.objects.filter(pk__in=other_pks))
        return [(instance, o) if not reverse else (o, instance) for o in others]

    if action in ("pre_remove", "pre_clear"):
        related = instance.user_set if reverse else instance.groups
        members = related.all() if pk_set is None else related.filter(pk__in=pk_set)
        setattr(instance, _PENDING, set(members.values_list("pk", flat=True)))
    elif action in ("post_remove", "post_clear"):
        for user, group in pairs(getattr(instance, _PENDING, set())):
            _record(user, group, granted=False)
        setattr(instance, _PENDING, set())
    elif action == "post_add" and pk_set:
        for user, group in pairs(pk_set):
            _record(user, group, granted=True)


WATCHED_USER_FIELDS = ("party", "party_id", "is_superuser")


def user_pre_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw or instance.pk is None or authorisation_service_active():
        return
    if update_fields is not None and not set(update_fields) & set(WATCHED_USER_FIELDS):
        return  # e.g. the last_login update on every login
    before = sender.objects.filter(pk=instance.pk).values("party_id", "is_superuser").first()
    if before is None:
        return
    changes = {}
    if before["party_id"] != instance.party_id:
        changes["party"] = before["party_id"]
    if before["is_superuser"] != instance.is_superuser:
        changes["is_superuser"] = before["is_superuser"]
    setattr(instance, _PENDING, changes)


def user_post_save(sender, instance, created=False, raw=False, **kwargs) -> None:
    changes = getattr(instance, _PENDING, None)
    if raw or created or not changes:
        return
    setattr(instance, _PENDING, {})

    if "party" in changes:
        old = Party.objects.filter(pk=changes["party"]).values_list("name", flat=True).first() or ""
        authorisation_event_record(
            subject=instance,
            kind=AuthorisationEventKind.PARTY_CHANGED,
            reason=OUTSIDE_REASON,
            old_value=old,
            new_value=instance.party.name,
        )
    if "is_superuser" in changes:
        kind = (
            AuthorisationEventKind.SUPERUSER_GRANTED
            if instance.is_superuser
            else AuthorisationEventKind.SUPERUSER_REVOKED
        )
        authorisation_event_record(subject=instance, kind=kind, reason=OUTSIDE_REASON)


def safety_net_connect() -> None:
    m2m_changed.connect(user_groups_changed, sender=User.groups.through, dispatch_uid="authorisations_groups_net")
    pre_save.connect(user_pre_save, sender=User, dispatch_uid="authorisations_user_pre_save_net")
    post_save.connect(user_post_save, sender=User, dispatch_uid="authorisations_user_post_save_net")

"""Access rules of the weegploeg file (art. 7.1-2, 8.4, 13.2), declared once for screens and lists."""

from __future__ import annotations

import rules

from access.predicates import has_role, holds_permission, is_kernpartij, is_uitvoerder
from access.registry import access_rule
from accounts.roles import Role

# Art. 8.4: only users of (participating) kernpartijen with the weegploeglid or uitvoerder role.
may_see_files = is_kernpartij & has_role(Role.WEEGPLOEGLID, Role.UITVOERDER)
# Art. 7.1-2: signals reach the weegploeg only through representatives of a kernpartij.
may_register_signals = is_kernpartij & holds_permission("weegploeg.add_signal")


@rules.predicate(name="dossier niet gearchiveerd")
def file_is_active(user, file) -> bool:
    """Art. 13.2: an archived file is out of reach of the work screens (only the archive consult).
    A task screen's object carries its file as ``.file``."""
    file = getattr(file, "file", file)
    return file is not None and getattr(file, "archived_at", None) is None


@rules.predicate(name="dossier nog open bij de weegploeg")
def file_is_open(user, file) -> bool:
    """Issue 14.6: the weegploeg has not decided yet (and the file is not archived)."""
    from weegploeg.models import OPEN_FOR_MELDER

    file = getattr(file, "file", file)
    return file is not None and file.archived_at is None and file.status in OPEN_FOR_MELDER


@rules.predicate(name="eigen signaal")
def is_own_signal(user, obj) -> bool:
    """Issue 14.6: the melder's own signal. A signal: this user registered it; a file (or a task
    screen's object with ``.file``): this user registered a signal in it."""
    from weegploeg.models import Signal

    if obj is None or getattr(user, "pk", None) is None:
        return False
    if isinstance(obj, Signal):
        return obj.registered_by_id == user.pk
    file = getattr(obj, "file", obj)
    return file is not None and file.signals.filter(registered_by_id=user.pk).exists()


access_rule(
    "weegploeg.view_inbox",
    may_see_files,
    "Weegploegleden en uitvoerders van een kernpartij (art. 8.4)",
)
access_rule(
    "weegploeg.view_file",
    may_see_files & file_is_active,
    "Weegploegleden en uitvoerders van een kernpartij; niet na archivering (art. 8.4, 13.2)",
)
access_rule(
    "weegploeg.change_file",
    may_see_files & file_is_active,
    "Weegploegleden en uitvoerders van een kernpartij; niet na archivering (art. 8.4, 13.2)",
)
access_rule(
    "weegploeg.reassign_task",
    is_uitvoerder & file_is_active,
    "De uitvoerder van een kernpartij (art. 5, 8.4)",
)
access_rule(
    "weegploeg.assign_tasks",
    is_uitvoerder & may_see_files,
    "De uitvoerder van een kernpartij wijst meerdere taken tegelijk toe (art. 5, 8.4)",
)
access_rule(
    "weegploeg.register_signal",
    may_register_signals,
    "Melders van een kernpartij (art. 7.1-7.2)",
)
access_rule(
    "weegploeg.view_own_signal",
    may_register_signals & is_own_signal & file_is_active,
    "De melder van een kernpartij, alleen het eigen ingebrachte signaal; niet na archivering "
    "(art. 7.1-7.2, 13.2; issue 14.6)",
)
access_rule(
    "weegploeg.add_to_own_signal",
    may_register_signals & is_own_signal & file_is_open,
    "De melder van een kernpartij vult het eigen signaal aan zolang de weegploeg niet heeft besloten "
    "(art. 7.1-7.2; issue 14.6)",
)

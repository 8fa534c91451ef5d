"""The retention engine (art. 13): archive, destroy, reactivate, holds and destruction lists.

``retention_apply`` is what ``manage.py apply_retention`` runs daily. It reads the rules table
(``retention.rules``) and works in chunks of file ids (keyset pagination, one transaction per
chunk), so it can be interrupted and re-run: every action re-checks its condition on rows it has
locked (``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL), so a second run at the same time
skips what the first is doing and never destroys a file twice (the destruction record's file
number is unique as a last line of defence).

"Last processing" is the file's ``last_processed_at``: every write, decision or status change in
``weegploeg.services``, ``casusoverleg.services`` and ``flows`` sets it; reading does not.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from accesslog.models import AccessAction
from accesslog.services import access_log_write_system
from casusoverleg.models import (
    CasusoverlegFile,
)
from operations.ledger import destruction_ledger_append
from retention.destruction import ERASED as ERASED  # re-exported: the text that replaces erased free text
from retention.destruction import Doomed, files_destroy
from retention.holds import holds_for
from retention.models import (
    Category,
    DestructionList,
    DestructionListItem,
    DestructionRecord,
    FileKind,
    HoldKind,
    ItemStatus,
    ListStatus,
    ReactivationOrder,
    RetentionHold,
)
from retention.rules import RULES, Action, CountedFrom, RetentionRule, cooling_off_days, months_after, months_before
from weegploeg.models import Outcome, WeegploegFile

if TYPE_CHECKING:
    from accounts.models import User

DEFAULT_CHUNK_SIZE = 500
SYSTEM_PURPOSE_ARCHIVE = "Archivering na de bewaartermijn (art. 13.2)"
SYSTEM_PURPOSE_DESTROY = "Vernietiging na de bewaartermijn (art. 13)"
OBJECT_TYPES = {FileKind.WEEGPLOEG: "weegploeg_file", FileKind.CASUSOVERLEG: "casusoverleg_file"}


# --- What is due ------------------------------------------------------------------------------------

NIET_AGENDEREN = Q(decision__outcome=Outcome.NIET_AGENDEREN)


def _model(rule: RetentionRule) -> type[models.Model]:
    return CasusoverlegFile if rule.category == Category.CASUSOVERLEG else WeegploegFile


def _kind(rule: RetentionRule) -> str:
    return FileKind.CASUSOVERLEG if rule.category == Category.CASUSOVERLEG else FileKind.WEEGPLOEG


def _counted_expression(rule: RetentionRule):
    """The moment ``rule``'s term counts from. Art. 13.3 counts from the decision not to agenderen;
    after a reactivation (art. 13.4) from the new decision: the controller's order handing the file
    back to the weegploeg, so the term of the renewed processing is six months again."""
    if rule.counted_from != CountedFrom.DECISION:
        return F("last_processed_at")
    reactivated = (
        ReactivationOrder.objects.filter(kind=_kind(rule), file_number=OuterRef("number"))
        .order_by("-recorded_at")
        .values("recorded_at")[:1]
    )
    decided = F("decision__decided_at")
    # Greatest ignores NULL on PostgreSQL only: coalesce so SQLite compares the same way
    return Greatest(decided, Coalesce(Subquery(reactivated), decided))


def rule_due(rule: RetentionRule, moment: datetime.datetime) -> QuerySet:
    """The files for which ``rule`` is due at ``moment`` (not yet acted on), annotated with
    ``retention_counted``: the moment the term counts from."""
    cutoff = months_before(moment, rule.months)
    qs = (
        _model(rule).objects.annotate(retention_counted=_counted_expression(rule)).filter(retention_counted__lte=cutoff)
    )
    if rule.action == Action.ARCHIVE:
        return qs.filter(archived_at__isnull=True)
    if rule.category == Category.WEEGPLOEG_NIET_AGENDEREN:
        return qs.filter(NIET_AGENDEREN)
    if rule.category == Category.WEEGPLOEG:
        return qs.exclude(NIET_AGENDEREN)
    return qs


def _counted_from(rule: RetentionRule, row: dict) -> datetime.date:
    return timezone.localtime(row["counted"]).date()


def _chunks(qs: QuerySet, rule: RetentionRule, size: int) -> Iterator[list[dict]]:
    """Due rows in pk order, ``size`` at a time (keyset pagination: constant memory per chunk)."""
    last = 0
    while True:
        rows = list(
            qs.filter(pk__gt=last)
            .order_by("pk")
            .values("pk", "number", "last_processed_at", counted=F("retention_counted"))[:size]
        )
        if not rows:
            return
        yield rows
        last = rows[-1]["pk"]


def _concerned(kind: str, numbers: list[str]) -> dict[str, list[str]]:
    """The numbers whose holds apply to each file: its own, plus for a casusoverleg file the
    weegploeg file it was copied from (a rights request names the weegploeg number)."""
    concerned = {n: [n] for n in numbers}
    if kind == FileKind.CASUSOVERLEG:
        for number, source in CasusoverlegFile.objects.filter(number__in=numbers).values_list(
            "number", "source_weegploeg_number"
        ):
            concerned[number].append(source)
    return concerned


def held_files(kind: str, numbers: list[str]) -> dict[str, list]:
    concerned = _concerned(kind, numbers)
    found = holds_for(n for ns in concerned.values() for n in ns)
    result = {}
    for number, ns in concerned.items():
        holds = [h for n in ns for h in found.get(n, [])]
        if holds:
            result[number] = holds
    return result


# --- The run ---------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Entry:
    file_number: str
    rule: str
    note: str


@dataclasses.dataclass
class RunReport:
    dry_run: bool
    archived: list[Entry] = dataclasses.field(default_factory=list)
    destroyed: list[Entry] = dataclasses.field(default_factory=list)
    listed: list[Entry] = dataclasses.field(default_factory=list)
    held: list[Entry] = dataclasses.field(default_factory=list)
    skipped: list[Entry] = dataclasses.field(default_factory=list)

    def lines(self) -> list[str]:
        verb = "zou worden" if self.dry_run else "is"
        out = []
        for title, entries in (
            (f"gearchiveerd ({verb} gearchiveerd)", self.archived),
            (f"vernietigd ({verb} vernietigd)", self.destroyed),
            ("op de vernietigingslijst gezet", self.listed),
            ("geblokkeerd (niet vernietigd)", self.held),
            ("overgeslagen", self.skipped),
        ):
            out += [f"{e.file_number}: {title}; regel {e.rule}; {e.note}" for e in entries]
        return out

    def summary(self) -> str:
        prefix = "Proefdraai, er is niets gewijzigd. " if self.dry_run else ""
        return (
            f"{prefix}Gearchiveerd: {len(self.archived)}, vernietigd: {len(self.destroyed)}, "
            f"op vernietigingslijst: {len(self.listed)}, geblokkeerd: {len(self.held)}, "
            f"overgeslagen: {len(self.skipped)}."
        )


def _reason(rule: RetentionRule, counted: datetime.date) -> str:
    due = months_after(counted, rule.months)
    return f"{rule.article}: {rule.label} ({counted:%d-%m-%Y}, termijn verstreken op {due:%d-%m-%Y})"


def _lock(model, pks, due: QuerySet) -> list[dict]:
    """Lock the rows that are still due (skip rows another run holds) and return them."""
    return list(
        due.filter(pk__in=pks)
        .select_for_update(skip_locked=True, of=("self",))
        .values("pk", "number", "last_processed_at", counted=F("retention_counted"))
    )


RUN_LOCK_ID = 0x52455431  # "RET1": the advisory lock of the writing parts of ``retention_apply``


def _run_lock() -> None:
    """The lock every writing transaction of a run takes first (issue 17 item 7): on PostgreSQL a
    transaction-level advisory lock that a second run waits on; on SQLite the database write lock,
    taken now by an empty UPDATE rather than at the first real write. Held until the chunk commits,
    so a run reads the due files only after the other run's chunk is wholly visible."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RUN_LOCK_ID])
    else:
        DestructionList.objects.filter(pk__lt=0).update(status=ListStatus.CONCEPT)


def retention_apply(
    *, now: datetime.datetime | None = None, dry_run: bool = False, chunk_size: int = DEFAULT_CHUNK_SIZE
) -> RunReport:
    """Apply every rule of art. 13 once (idempotent): archive, destroy (13.3), list (13.1),
    and carry out approved destruction lists whose cooling-off period has passed."""
    now = now or timezone.now()
    report = RunReport(dry_run=dry_run)
    for rule in RULES:
        if rule.action == Action.ARCHIVE:
            _archive_due(rule, now, report, dry_run, chunk_size)
        elif rule.needs_approval:
            _list_due(rule, now, report, dry_run, chunk_size)
        else:
            _destroy_due(rule, now, report, dry_run, chunk_size)
    _execute_lists(now, report, dry_run, chunk_size)
    return report


def _archive_due(rule, now, report, dry_run, chunk_size) -> None:
    model, kind = _model(rule), _kind(rule)
    for rows in _chunks(rule_due(rule, now), rule, chunk_size):
        if dry_run:
            report.archived += [Entry(r["number"], rule.code, _reason(rule, _counted_from(rule, r))) for r in rows]
            continue
        with transaction.atomic():
            locked = _lock(model, [r["pk"] for r in rows], rule_due(rule, now))
            if not locked:
                continue
            model.objects.filter(pk__in=[r["pk"] for r in locked]).update(archived_at=now)
            _cancel_open_tasks(kind, [r["pk"] for r in locked])
            for r in locked:
                access_log_write_system(
                    user=None,
                    action=AccessAction.UPDATE,
                    object_type=OBJECT_TYPES[kind],
                    object_ref=r["number"],
                    purpose=SYSTEM_PURPOSE_ARCHIVE,
                )
        counted = {r["pk"]: _counted_from(rule, r) for r in rows}
        report.archived += [Entry(r["number"], rule.code, _reason(rule, counted[r["pk"]])) for r in locked]


def _hold_note(holds) -> str:
    return "; ".join(f"{h.kind_label}: {h.reason}" for h in holds)


def _destroy_due(rule, now, report, dry_run, chunk_size) -> None:
    """Art. 13.3: destroy automatically (no approval), unless held; a chunk per transaction, under
    the run lock (``_run_lock``)."""
    model, kind = _model(rule), _kind(rule)
    for rows in _chunks(rule_due(rule, now), rule, chunk_size):
        if dry_run:
            held = held_files(kind, [r["number"] for r in rows])
            report.held += [Entry(n, rule.code, _hold_note(h)) for n, h in held.items()]
            report.destroyed += [
                Entry(r["number"], rule.code, _reason(rule, _counted_from(rule, r)))
                for r in rows
                if r["number"] not in held
            ]
            continue
        with transaction.atomic():
            _run_lock()
            locked = _lock(model, [r["pk"] for r in rows], rule_due(rule, now))
            held = held_files(kind, [r["number"] for r in locked])
            doomed = [
                Doomed(r["pk"], r["number"], r["last_processed_at"], _counted_from(rule, r), rule)
                for r in locked
                if r["number"] not in held
            ]
            files_destroy_logged(kind, doomed, now=now)
        report.held += [Entry(n, rule.code, _hold_note(h)) for n, h in held.items()]
        report.destroyed += [Entry(d.number, rule.code, _reason(rule, d.counted_from)) for d in doomed]


def _concept_list() -> DestructionList:
    existing = DestructionList.objects.filter(status=ListStatus.CONCEPT).order_by("pk").first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return DestructionList.objects.create()
    except IntegrityError:  # another run created it at the same moment
        return DestructionList.objects.get(status=ListStatus.CONCEPT)


def _listable(rule: RetentionRule, now, pks: list[int]) -> list[dict]:
    """Of these files, those due under ``rule`` and on no open destruction list: ONE query, so a
    file another run destroyed (its item closed, its row gone) can never look unlisted."""
    on_open_list = DestructionListItem.objects.filter(file_number=OuterRef("number"), status=ItemStatus.OPEN)
    return list(
        rule_due(rule, now)
        .filter(pk__in=pks)
        .exclude(Exists(on_open_list))
        .order_by("pk")
        .values("pk", "number", "last_processed_at", counted=F("retention_counted"))
    )


def _list_due(rule, now, report, dry_run, chunk_size) -> None:
    """Art. 13.1: files 5 years after their last processing go on the concept destruction list.
    Each chunk is re-read under the run lock with one consistent query (issue 17 item 7): a file
    a concurrent run destroyed meanwhile is gone, not listed again."""
    kind = _kind(rule)
    for rows in _chunks(rule_due(rule, now), rule, chunk_size):
        with transaction.atomic():
            if not dry_run:
                _run_lock()
            fresh = _listable(rule, now, [r["pk"] for r in rows])
            held = held_files(kind, [r["number"] for r in fresh])
            new = [r for r in fresh if r["number"] not in held]
            if new and not dry_run:
                target = _concept_list()
                DestructionListItem.objects.bulk_create(
                    [
                        DestructionListItem(
                            destruction_list=target,
                            kind=kind,
                            file_number=r["number"],
                            category=rule.category,
                            rule=rule.code,
                            due_on=months_after(_counted_from(rule, r), rule.months),
                        )
                        for r in new
                    ],
                    ignore_conflicts=True,
                )
        report.held += [Entry(n, rule.code, _hold_note(h)) for n, h in held.items()]
        report.listed += [Entry(r["number"], rule.code, _reason(rule, _counted_from(rule, r))) for r in new]


def _execute_lists(now, report, dry_run, chunk_size=DEFAULT_CHUNK_SIZE) -> None:
    """Destroy the files of approved lists whose cooling-off period has passed (a chunk of items
    per transaction, set-based)."""
    due_lists = DestructionList.objects.filter(status=ListStatus.GOEDGEKEURD, cooling_off_until__lte=now).order_by("pk")
    for dlist in due_lists:
        last = 0
        while True:
            items = list(dlist.items.filter(status=ItemStatus.OPEN, pk__gt=last).order_by("pk")[:chunk_size])
            if not items:
                break
            last = items[-1].pk
            _execute_items(dlist, items, now, report, dry_run)
        if not dry_run and not dlist.items.filter(status=ItemStatus.OPEN).exists():
            DestructionList.objects.filter(pk=dlist.pk, status=ListStatus.GOEDGEKEURD).update(
                status=ListStatus.UITGEVOERD, executed_at=now
            )


def _execute_items(dlist: DestructionList, items: list, now, report, dry_run) -> None:
    from retention.rules import RULES_BY_CODE

    by_kind: dict[str, list[str]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item.file_number)
    held = {}
    for kind, numbers in by_kind.items():
        held.update(held_files(kind, numbers))
    by_rule: dict[str, list] = {}
    for item in items:
        if item.file_number in held:
            report.held.append(Entry(item.file_number, item.rule, _hold_note(held[item.file_number])))
            continue  # stays on the list: destroyed by a later run once the hold has ended
        by_rule.setdefault(item.rule, []).append(item)
    note = f"vernietigingslijst {dlist.pk}"
    for code, rule_items in by_rule.items():
        rule = RULES_BY_CODE[code]
        if dry_run:
            rows = _due_rows(rule, now, [i.file_number for i in rule_items])
            for item in rule_items:
                (report.destroyed if item.file_number in rows else report.skipped).append(
                    Entry(item.file_number, code, note if item.file_number in rows else _skip_note(item))
                )
            continue
        with transaction.atomic():
            _run_lock()
            locked_items = list(
                DestructionListItem.objects.select_for_update(skip_locked=True).filter(
                    pk__in=[i.pk for i in rule_items], status=ItemStatus.OPEN
                )
            )
            rows = _due_rows(rule, now, [i.file_number for i in locked_items])  # read under the run lock
            locked_rows = _lock(
                _model(rule),
                [rows[i.file_number]["pk"] for i in locked_items if i.file_number in rows],
                rule_due(rule, now),
            )
            locked_numbers = {r["number"] for r in locked_rows}
            skipped = [i for i in locked_items if i.file_number not in locked_numbers]
            notes = {i.pk: _skip_note(i) for i in skipped}
            DestructionListItem.objects.filter(pk__in=[i.pk for i in skipped]).update(status=ItemStatus.OVERGESLAGEN)
            doomed = [
                Doomed(r["pk"], r["number"], r["last_processed_at"], _counted_from(rule, rows[r["number"]]), rule)
                for r in locked_rows
            ]
            files_destroy_logged(_kind(rule), doomed, now=now, destruction_list=dlist)
            DestructionListItem.objects.filter(
                pk__in=[i.pk for i in locked_items if i.file_number in locked_numbers]
            ).update(status=ItemStatus.VERNIETIGD)
        report.skipped += [Entry(i.file_number, code, notes[i.pk]) for i in skipped]
        report.destroyed += [Entry(d.number, code, note) for d in doomed]


def _due_rows(rule: RetentionRule, now, numbers: list[str]) -> dict[str, dict]:
    due = rule_due(rule, now).filter(number__in=numbers)
    return {r["number"]: r for r in due.values("pk", "number", "last_processed_at", counted=F("retention_counted"))}


def _skip_note(item: DestructionListItem) -> str:
    """Why a listed file is not destroyed, as it is: gone already, or processed again (its term
    restarted), never the one for the other."""
    record = DestructionRecord.objects.filter(kind=item.kind, file_number=item.file_number).first()
    if record is not None:
        return f"Al vernietigd op {timezone.localtime(record.destroyed_at):%d-%m-%Y} (verklaring van vernietiging)."
    if not _model_for_kind(item.kind).objects.filter(number=item.file_number).exists():
        return "Het dossier bestaat niet meer."
    return "Opnieuw verwerkt sinds plaatsing op de lijst."


def _model_for_kind(kind: str) -> type[models.Model]:
    return CasusoverlegFile if kind == FileKind.CASUSOVERLEG else WeegploegFile


# --- Archive: cancel the work; reactivate (art. 13.4) ----------------------------------------------


def _process_ids(kind: str, file_pks: list[int]) -> list[int]:
    """Every viewflow process of these files: their own flow, and the accuracy reviews (art. 8.3,
    10.3), whose artifact is the file."""
    from django.contrib.contenttypes.models import ContentType
    from viewflow.workflow.models import Process

    model = CasusoverlegFile if kind == FileKind.CASUSOVERLEG else WeegploegFile
    own = [pk for pk in model.objects.filter(pk__in=file_pks).values_list("process_id", flat=True) if pk]
    ct = ContentType.objects.get_for_model(model)
    artifacts = Process.objects.filter(artifact_content_type=ct, artifact_object_id__in=file_pks).values_list(
        "pk", flat=True
    )
    return sorted(set(own) | set(artifacts))


def _cancel_open_tasks(kind: str, file_pks: list[int]) -> None:
    """An archived file leaves every work list: its open tasks and processes are cancelled."""
    from viewflow.workflow.models import Process, Task
    from viewflow.workflow.status import STATUS

    process_ids = _process_ids(kind, file_pks)
    if not process_ids:
        return
    now = timezone.now()
    open_statuses = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED, STATUS.SCHEDULED, STATUS.ERROR]
    Task.objects.filter(process_id__in=process_ids, status__in=open_statuses).update(
        status=STATUS.CANCELED, finished=now
    )
    Process.objects.filter(pk__in=process_ids, status=STATUS.NEW).update(status=STATUS.CANCELED, finished=now)


def archived_file(kind: str, number: str) -> WeegploegFile | CasusoverlegFile | None:
    model = CasusoverlegFile if kind == FileKind.CASUSOVERLEG else WeegploegFile
    return model.objects.filter(number=number, archived_at__isnull=False).first()


def kind_of(number: str) -> str | None:
    number = (number or "").strip().upper()
    if WeegploegFile.objects.filter(number=number).exists():
        return FileKind.WEEGPLOEG
    if CasusoverlegFile.objects.filter(number=number).exists():
        return FileKind.CASUSOVERLEG
    return None


@transaction.atomic
def file_reactivate(*, by: User, number: str, order_reference: str, ordered_on: datetime.date, note: str):
    """Art. 13.4: on the controller's recorded order, archived data go back to the weegploeg for
    renewed processing. The file is active again and its terms restart from now."""
    from retention.selectors import retention_may_manage

    if not retention_may_manage(by):
        raise PermissionDenied("Alleen de uitvoerder legt een opdracht tot heractivering vast.")
    number = (number or "").strip().upper()
    if not order_reference.strip() or not note.strip():
        raise ValidationError(
            "Vul het kenmerk van de opdracht van de verwerkingsverantwoordelijke en een toelichting in."
        )
    if ordered_on > timezone.localdate():
        raise ValidationError("De datum van de opdracht kan niet in de toekomst liggen.")
    kind = kind_of(number)
    file = archived_file(kind, number) if kind else None
    if file is None:
        raise ValidationError("Er is geen gearchiveerd dossier met dit nummer.")
    order = ReactivationOrder.objects.create(
        kind=kind,
        file_number=number,
        order_reference=order_reference.strip(),
        ordered_on=ordered_on,
        note=note.strip(),
        recorded_by=by,
    )
    now = timezone.now()
    type(file).objects.filter(pk=file.pk).update(archived_at=None, last_processed_at=now)
    DestructionListItem.objects.filter(file_number=number, status=ItemStatus.OPEN).update(
        status=ItemStatus.OVERGESLAGEN
    )
    if kind == FileKind.WEEGPLOEG:
        from flows.weegploeg import AccuracyReviewFlow

        file.refresh_from_db()
        AccuracyReviewFlow.start.run(file=file)  # renewed processing: the weegploeg gets a task
    # The access-log row is the screen's (the entry point writes it with this change, in one transaction).
    return order


# --- Holds -----------------------------------------------------------------------------------------


def hold_place(*, by: User, number: str, kind: str, reason: str, incident=None) -> RetentionHold:
    """Art. 13.1: block the destruction of a file while a complaint, incident or other matter runs."""
    from retention.selectors import retention_may_manage

    if not retention_may_manage(by):
        raise PermissionDenied("Alleen de uitvoerder plaatst een blokkade.")
    number = (number or "").strip().upper()
    if kind not in HoldKind.values or kind == HoldKind.RECHTENVERZOEK:
        raise ValidationError("Kies de soort blokkade: klacht, incident of anders.")
    if not reason.strip():
        raise ValidationError("Geef de reden van de blokkade.")
    if kind == HoldKind.INCIDENT and incident is None:
        raise ValidationError("Kies het incident waarop de blokkade betrekking heeft.")
    if kind_of(number) is None:
        raise ValidationError("Er is geen dossier met dit nummer.")
    return RetentionHold.objects.create(
        file_number=number, kind=kind, reason=reason.strip(), incident=incident, placed_by=by
    )


def hold_release(hold: RetentionHold, *, by: User) -> RetentionHold:
    from retention.selectors import retention_may_manage

    if not retention_may_manage(by):
        raise PermissionDenied("Alleen de uitvoerder beëindigt een blokkade.")
    updated = RetentionHold.objects.filter(pk=hold.pk, released_at__isnull=True).update(
        released_at=timezone.now(), released_by=by
    )
    if not updated:
        raise ValidationError("Deze blokkade is al beëindigd.")
    hold.refresh_from_db()
    return hold


# --- Destruction lists -----------------------------------------------------------------------------


def destruction_list_approve(dlist: DestructionList, *, by: User) -> DestructionList:
    """Art. 13.1: the uitvoerder approves the list; destruction follows after the cooling-off period."""
    from retention.selectors import retention_may_manage

    if not retention_may_manage(by):
        raise PermissionDenied("Alleen de uitvoerder keurt een vernietigingslijst goed.")
    now = timezone.now()
    with transaction.atomic():
        locked = DestructionList.objects.select_for_update().get(pk=dlist.pk)
        if locked.status != ListStatus.CONCEPT:
            raise ValidationError("Deze lijst is niet (meer) in concept en kan niet worden goedgekeurd.")
        if not locked.items.filter(status=ItemStatus.OPEN).exists():
            raise ValidationError("Deze lijst bevat geen dossiers.")
        locked.status = ListStatus.GOEDGEKEURD
        locked.approved_by = by
        locked.approved_at = now
        locked.cooling_off_until = now + datetime.timedelta(days=cooling_off_days())
        locked.save(update_fields=["status", "approved_by", "approved_at", "cooling_off_until"])
    return locked


def destruction_list_cancel(dlist: DestructionList, *, by: User) -> DestructionList:
    """Cancel a concept list, or an approved one during its cooling-off period. Its files are
    freed: the next run puts those still due on a new concept list."""
    from retention.selectors import retention_may_manage

    if not retention_may_manage(by):
        raise PermissionDenied("Alleen de uitvoerder annuleert een vernietigingslijst.")
    now = timezone.now()
    with transaction.atomic():
        locked = DestructionList.objects.select_for_update().get(pk=dlist.pk)
        if locked.status == ListStatus.GOEDGEKEURD and locked.cooling_off_until <= now:
            raise ValidationError("De bedenktijd is verstreken; deze lijst kan niet meer worden geannuleerd.")
        if locked.status not in (ListStatus.CONCEPT, ListStatus.GOEDGEKEURD):
            raise ValidationError("Deze lijst is al geannuleerd of uitgevoerd.")
        locked.status = ListStatus.GEANNULEERD
        locked.cancelled_by = by
        locked.cancelled_at = now
        locked.save(update_fields=["status", "cancelled_by", "cancelled_at"])
        locked.items.filter(status=ItemStatus.OPEN).update(status=ItemStatus.VERVALLEN)
    return locked


# --- Destruction ------------------------------------------------------------------------------------


def files_destroy_logged(
    kind: str,
    doomed: list[Doomed],
    *,
    now: datetime.datetime,
    destruction_list: DestructionList | None = None,
) -> list[DestructionRecord]:
    """Destroy locked, due, unheld files set-based (``retention.destruction``) in the caller's
    transaction; one access-log row and one ledger line per file."""
    records = files_destroy(kind, doomed, now=now, destruction_list=destruction_list)
    for record in records:
        access_log_write_system(
            user=None,
            action=AccessAction.DELETE,
            object_type=OBJECT_TYPES[kind],
            object_ref=record.file_number,
            purpose=SYSTEM_PURPOSE_DESTROY,
        )
        destruction_ledger_append(record)  # issue 15.5: outside the database, so a restore cannot undo it
    return records

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
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accesslog.models import AccessAction
from accesslog.services import access_log_write_system
from casusoverleg.models import (
    CasusoverlegFile,
    ClosureDecision,
    MeasureProgress,
    ProgressReview,
)
from retention.holds import holds_for
from retention.models import (
    ArchiveConsultation,
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
ERASED = "[vernietigd]"
OBJECT_TYPES = {FileKind.WEEGPLOEG: "weegploeg_file", FileKind.CASUSOVERLEG: "casusoverleg_file"}


# --- What is due ------------------------------------------------------------------------------------

NIET_AGENDEREN = Q(decision__outcome=Outcome.NIET_AGENDEREN)


def _model(rule: RetentionRule) -> type[models.Model]:
    return CasusoverlegFile if rule.category == Category.CASUSOVERLEG else WeegploegFile


def _kind(rule: RetentionRule) -> str:
    return FileKind.CASUSOVERLEG if rule.category == Category.CASUSOVERLEG else FileKind.WEEGPLOEG


def _counted_field(rule: RetentionRule) -> str:
    return "decision__decided_at" if rule.counted_from == CountedFrom.DECISION else "last_processed_at"


def rule_due(rule: RetentionRule, moment: datetime.datetime) -> QuerySet:
    """The files for which ``rule`` is due at ``moment`` (not yet acted on)."""
    cutoff = months_before(moment, rule.months)
    qs = _model(rule).objects.filter(**{f"{_counted_field(rule)}__lte": cutoff})
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
            .values("pk", "number", "last_processed_at", counted=models.F(_counted_field(rule)))[:size]
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
        .values("pk", "number", "last_processed_at")
    )


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
    _execute_lists(now, report, dry_run)
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
    """Art. 13.3: destroy automatically (no approval), unless held."""
    model, kind = _model(rule), _kind(rule)
    for rows in _chunks(rule_due(rule, now), rule, chunk_size):
        held = held_files(kind, [r["number"] for r in rows])
        for r in rows:
            counted = _counted_from(rule, r)
            if r["number"] in held:
                report.held.append(Entry(r["number"], rule.code, _hold_note(held[r["number"]])))
                continue
            if dry_run:
                report.destroyed.append(Entry(r["number"], rule.code, _reason(rule, counted)))
                continue
            with transaction.atomic():
                if not _lock(model, [r["pk"]], rule_due(rule, now)):
                    continue
                file_destroy(kind, r["number"], rule=rule, counted_from=counted, now=now)
            report.destroyed.append(Entry(r["number"], rule.code, _reason(rule, counted)))


def _concept_list() -> DestructionList:
    existing = DestructionList.objects.filter(status=ListStatus.CONCEPT).order_by("pk").first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return DestructionList.objects.create()
    except IntegrityError:  # another run created it at the same moment
        return DestructionList.objects.get(status=ListStatus.CONCEPT)


def _list_due(rule, now, report, dry_run, chunk_size) -> None:
    """Art. 13.1: files 5 years after their last processing go on the concept destruction list."""
    kind = _kind(rule)
    for rows in _chunks(rule_due(rule, now), rule, chunk_size):
        numbers = [r["number"] for r in rows]
        held = held_files(kind, numbers)
        listed = set(
            DestructionListItem.objects.filter(file_number__in=numbers, status=ItemStatus.OPEN).values_list(
                "file_number", flat=True
            )
        )
        new = []
        for r in rows:
            if r["number"] in listed:
                continue  # already on an open list (its holds are reported when the list is carried out)
            if r["number"] in held:
                report.held.append(Entry(r["number"], rule.code, _hold_note(held[r["number"]])))
            else:
                new.append(r)
        if not new:
            continue
        if not dry_run:
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
        report.listed += [Entry(r["number"], rule.code, _reason(rule, _counted_from(rule, r))) for r in new]


def _execute_lists(now, report, dry_run) -> None:
    """Destroy the files of approved lists whose cooling-off period has passed."""
    from retention.rules import RULES_BY_CODE

    due_lists = DestructionList.objects.filter(status=ListStatus.GOEDGEKEURD, cooling_off_until__lte=now).order_by("pk")
    for dlist in due_lists:
        items = list(dlist.items.filter(status=ItemStatus.OPEN).order_by("pk"))
        by_kind: dict[str, list[str]] = {}
        for item in items:
            by_kind.setdefault(item.kind, []).append(item.file_number)
        held = {}
        for kind, numbers in by_kind.items():
            held.update(held_files(kind, numbers))
        for item in items:
            rule = RULES_BY_CODE[item.rule]
            if item.file_number in held:
                report.held.append(Entry(item.file_number, rule.code, _hold_note(held[item.file_number])))
                continue  # stays on the list: destroyed by a later run once the hold has ended
            due = rule_due(rule, now).filter(number=item.file_number)
            row = due.values("pk", "number", "last_processed_at", counted=models.F(_counted_field(rule))).first()
            if dry_run:
                target = report.destroyed if row else report.skipped
                target.append(Entry(item.file_number, rule.code, f"vernietigingslijst {dlist.pk}"))
                continue
            with transaction.atomic():
                locked = (
                    DestructionListItem.objects.select_for_update(skip_locked=True)
                    .filter(pk=item.pk, status=ItemStatus.OPEN)
                    .first()
                )
                if locked is None:
                    continue
                if row is None or not _lock(_model(rule), [row["pk"]], due):
                    # processed again (or reactivated) since it was listed: its term restarted
                    locked.status = ItemStatus.OVERGESLAGEN
                    locked.save(update_fields=["status"])
                    report.skipped.append(
                        Entry(item.file_number, rule.code, "Opnieuw verwerkt sinds plaatsing op de lijst.")
                    )
                    continue
                file_destroy(
                    item.kind,
                    item.file_number,
                    rule=rule,
                    counted_from=_counted_from(rule, row),
                    now=now,
                    destruction_list=dlist,
                )
                locked.status = ItemStatus.VERNIETIGD
                locked.save(update_fields=["status"])
            report.destroyed.append(Entry(item.file_number, rule.code, f"vernietigingslijst {dlist.pk}"))
        if not dry_run and not dlist.items.filter(status=ItemStatus.OPEN).exists():
            DestructionList.objects.filter(pk=dlist.pk, status=ListStatus.GOEDGEKEURD).update(
                status=ListStatus.UITGEVOERD, executed_at=now
            )


# --- Archive: cancel the work; reactivate (art. 13.4) ----------------------------------------------


def _process_ids(kind: str, file_pks: list[int]) -> list[int]:
    """Every viewflow process of these files: their own flow, and (weegploeg) the accuracy reviews."""
    from django.contrib.contenttypes.models import ContentType
    from viewflow.workflow.models import Process

    if kind == FileKind.CASUSOVERLEG:
        return [
            pk
            for pk in CasusoverlegFile.objects.filter(pk__in=file_pks).values_list("process_id", flat=True)
            if pk is not None
        ]
    own = [pk for pk in WeegploegFile.objects.filter(pk__in=file_pks).values_list("process_id", flat=True) if pk]
    ct = ContentType.objects.get_for_model(WeegploegFile)
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
    access_log_write_system(
        user=by,
        action=AccessAction.UPDATE,
        object_type=OBJECT_TYPES[kind],
        object_ref=number,
        purpose="Heractivering op opdracht van de verwerkingsverantwoordelijke (art. 13.4)",
    )
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


def _count(removed: Counter, result: tuple[int, dict]) -> None:
    for label, n in result[1].items():
        if n:
            removed[label] += n


def _processes_delete(process_ids: list[int], removed: Counter) -> None:
    """Viewflow's process and task rows, with their JSON ``data``, go too."""
    from viewflow.workflow.models import Process, Task

    if not process_ids:
        return
    _count(removed, Task.objects.filter(process_id__in=process_ids).delete())
    _count(removed, Process.objects.filter(pk__in=process_ids).delete())


def _rights_requests_delete(weegploeg_number: str, removed: Counter) -> None:
    """Finished rights requests about this file hold the requester's reply address and the asked
    corrections: personal data of the subject that must not outlive the file."""
    from rights.models import RightsRequest

    requests = RightsRequest.objects.filter(weegploeg_number=weegploeg_number)
    process_ids = [pk for pk in requests.values_list("process_id", flat=True) if pk]
    _count(removed, requests.delete())
    _processes_delete(process_ids, removed)


def _weegploeg_destroy(number: str, removed: Counter) -> WeegploegFile | None:
    file = WeegploegFile.objects.filter(number=number).first()
    if file is None:
        return None
    process_ids = _process_ids(FileKind.WEEGPLOEG, [file.pk])
    subject_id = file.subject_id
    _count(removed, WeegploegFile.objects.filter(pk=file.pk).delete())
    from weegploeg.models import Subject

    if not WeegploegFile.objects.filter(subject_id=subject_id).exists():
        from rights.models import RightsRequest

        RightsRequest.objects.filter(subject_id=subject_id).update(subject=None)
        _count(removed, Subject.objects.filter(pk=subject_id).delete())
    _processes_delete(process_ids, removed)
    _rights_requests_delete(number, removed)
    return file


def _casusoverleg_destroy(number: str, removed: Counter) -> CasusoverlegFile | None:
    file = CasusoverlegFile.objects.filter(number=number).first()
    if file is None:
        return None
    process_ids = _process_ids(FileKind.CASUSOVERLEG, [file.pk])
    # PROTECT links inside the file: delete the referring rows first.
    _count(removed, ClosureDecision.objects.filter(file=file).delete())
    _count(removed, MeasureProgress.objects.filter(review__file=file).delete())
    _count(removed, ProgressReview.objects.filter(file=file).delete())
    _count(removed, CasusoverlegFile.objects.filter(pk=file.pk).delete())
    _processes_delete(process_ids, removed)
    if not WeegploegFile.objects.filter(number=file.source_weegploeg_number).exists():
        _rights_requests_delete(file.source_weegploeg_number, removed)
    return file


def file_destroy(
    kind: str,
    number: str,
    *,
    rule: RetentionRule,
    counted_from: datetime.date,
    now: datetime.datetime | None = None,
    destruction_list: DestructionList | None = None,
) -> DestructionRecord:
    """Destroy a file completely (art. 13) and leave a verklaring van vernietiging.

    Gone: the subject's rows in this file (subject, signals with their intake answers, analyses,
    decision, information duty and its follow-ups; or the casusoverleg copy, plan versions,
    measures, reviews, persons, contributions, advice, disclosures), the viewflow processes and
    tasks of its flows (with their JSON data), finished rights requests about it, the free-text
    reasons of holds and archive consultations. Kept: the access log (pseudonymous numbers only)
    and the record below (no personal data). Nothing of these models is in the Wagtail search
    index, in Wagtail's log or stored as a generated file (PDFs are rendered on request).
    """
    now = now or timezone.now()
    removed: Counter = Counter()
    with transaction.atomic():
        if kind == FileKind.CASUSOVERLEG:
            file = _casusoverleg_destroy(number, removed)
        else:
            file = _weegploeg_destroy(number, removed)
        if file is None:
            raise ValidationError("Dit dossier bestaat niet (meer).")
        RetentionHold.objects.filter(file_number=number).update(reason=ERASED)
        RetentionHold.objects.filter(file_number=number, released_at__isnull=True).update(released_at=now)
        ArchiveConsultation.objects.filter(file_number=number).update(reason=ERASED)
        ReactivationOrder.objects.filter(file_number=number).update(note=ERASED)
        record = DestructionRecord.objects.create(
            kind=kind,
            file_number=number,
            category=rule.category,
            rule=rule.code,
            article=rule.article,
            last_processed_on=timezone.localtime(file.last_processed_at).date(),
            counted_from=counted_from,
            due_on=months_after(counted_from, rule.months),
            destroyed_at=now,
            destruction_list=destruction_list,
            approved_by=destruction_list.approved_by if destruction_list else None,
            approved_at=destruction_list.approved_at if destruction_list else None,
            removed=dict(sorted(removed.items())),
        )
        access_log_write_system(
            user=None,
            action=AccessAction.DELETE,
            object_type=OBJECT_TYPES[kind],
            object_ref=number,
            purpose=SYSTEM_PURPOSE_DESTROY,
        )
    return record

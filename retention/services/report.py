"""What a run of ``retention_apply`` did (or would do, in a dry run): one entry per file, with the
rule and the reason.

By default the report keeps its entries (the tests and the screens read them). The daily command
gives it ``out``: each entry's line is written there the moment it is known and only the counts
are kept, so a run's memory does not grow with the number of files it acts on (issue 18 item 3).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter
from collections.abc import Callable, Iterable

from retention.rules import RetentionRule, months_after

SECTIONS = ("archived", "destroyed", "listed", "held", "skipped")


@dataclasses.dataclass(frozen=True)
class Entry:
    file_number: str
    rule: str
    note: str


@dataclasses.dataclass
class RunReport:
    dry_run: bool
    out: Callable[[str], object] | None = None
    archived: list[Entry] = dataclasses.field(default_factory=list)
    destroyed: list[Entry] = dataclasses.field(default_factory=list)
    listed: list[Entry] = dataclasses.field(default_factory=list)
    held: list[Entry] = dataclasses.field(default_factory=list)
    skipped: list[Entry] = dataclasses.field(default_factory=list)
    counts: Counter = dataclasses.field(default_factory=Counter)

    def add(self, section: str, entries: Iterable[Entry]) -> None:
        """Record ``entries`` under ``section`` (one of ``SECTIONS``): kept, or written to ``out``."""
        entries = list(entries)
        self.counts[section] += len(entries)
        if self.out is None:
            getattr(self, section).extend(entries)
        else:
            for entry in entries:
                self.out(self._line(section, entry))

    def _title(self, section: str) -> str:
        verb = "zou worden" if self.dry_run else "is"
        return {
            "archived": f"gearchiveerd ({verb} gearchiveerd)",
            "destroyed": f"vernietigd ({verb} vernietigd)",
            "listed": "op de vernietigingslijst gezet",
            "held": "geblokkeerd (niet vernietigd)",
            "skipped": "overgeslagen",
        }[section]

    def _line(self, section: str, entry: Entry) -> str:
        return f"{entry.file_number}: {self._title(section)}; regel {entry.rule}; {entry.note}"

    def lines(self) -> list[str]:
        """The kept entries' lines, per section (none when they went to ``out``)."""
        return [self._line(section, e) for section in SECTIONS for e in getattr(self, section)]

    def summary(self) -> str:
        prefix = "Proefdraai, er is niets gewijzigd. " if self.dry_run else ""
        n = self.counts
        return (
            f"{prefix}Gearchiveerd: {n['archived']}, vernietigd: {n['destroyed']}, "
            f"op vernietigingslijst: {n['listed']}, geblokkeerd: {n['held']}, "
            f"overgeslagen: {n['skipped']}."
        )


def reason(rule: RetentionRule, counted: datetime.date) -> str:
    due = months_after(counted, rule.months)
    return f"{rule.article}: {rule.label} ({counted:%d-%m-%Y}, termijn verstreken op {due:%d-%m-%Y})"


def hold_note(holds) -> str:
    return "; ".join(f"{h.kind_label}: {h.reason}" for h in holds)

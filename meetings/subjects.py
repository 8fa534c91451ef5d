"""What meetings need to know about the files their decisions are about, handed over by the file apps.

Meetings decide about weegploeg files (art. 7.4) and casusoverleg files (art. 9.4). The file apps
sit above meetings (they use its decision authority and four-eyes proposals), so meetings never
imports them: each file app registers, when the app registry is ready (``weegploeg.apps``,
``casusoverleg.apps``), how to find its file by number, who may take the decision, who supplied
information for the file (they may not be the second pair of eyes), and what a confirmed decision
does (the flow moves on, the case closes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import rules


@dataclass(frozen=True)
class DecisionSubject:
    """The file a decision of one kind is about (``meetings.models.DecisionKind``)."""

    meeting_kind: str
    file: Callable[[str], Any]  # by number; archived files too (the caller decides)
    may_decide: rules.Predicate
    suppliers: Callable[[Any], set[int]]  # user ids; the file may be None
    take_effect: Callable[[Any, Any, Any], Any]  # (file, proposal, authority) -> the decision


_SUBJECTS: dict[str, DecisionSubject] = {}


def decision_subject_register(kind: str, subject: DecisionSubject) -> None:
    _SUBJECTS[kind] = subject


def decision_subject(kind: str) -> DecisionSubject:
    return _SUBJECTS[kind]


def meeting_subject(meeting_kind: str) -> DecisionSubject:
    """The subject whose files a meeting of ``meeting_kind`` puts on its agenda."""
    return next(subject for subject in _SUBJECTS.values() if subject.meeting_kind == meeting_kind)

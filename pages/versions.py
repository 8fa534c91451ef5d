"""Published versions of a page and a readable diff between two of them (art. 11.1).

Wagtail keeps every revision; a revision is a *published version* when a "wagtail.publish" log
entry points at it. Drafts and revisions awaiting approval are never listed or shown.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass

from django.utils.html import strip_tags
from wagtail.models import Page, PageLogEntry, Revision

PUBLISH_ACTION = "wagtail.publish"


@dataclass(frozen=True)
class PublishedVersion:
    number: int
    revision_id: int
    published_at: datetime.datetime


@dataclass(frozen=True)
class Segment:
    op: str  # "same" | "insert" | "delete"
    text: str


@dataclass(frozen=True)
class SectionDiff:
    key: str
    label: str
    status: str  # "same" | "changed" | "added" | "removed"
    segments: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return self.status != "same"


def published_versions(page: Page) -> list[PublishedVersion]:
    """Every published revision of ``page``, oldest first, numbered 1, 2, …"""
    entries = (
        PageLogEntry.objects.filter(page=page, action=PUBLISH_ACTION, revision__isnull=False)
        .order_by("timestamp", "id")
        .values_list("revision_id", "timestamp")
    )
    versions: list[PublishedVersion] = []
    seen: set[int] = set()
    for revision_id, timestamp in entries:
        if revision_id in seen:
            continue
        seen.add(revision_id)
        versions.append(PublishedVersion(len(versions) + 1, revision_id, timestamp))
    return versions


def published_revision(page: Page, revision_id: int) -> tuple[PublishedVersion, PublishedVersion | None, Revision]:
    """The published version ``revision_id`` of ``page`` and the one before it; ``LookupError`` if
    that revision was never published for this page (drafts stay private)."""
    versions = published_versions(page)
    for index, version in enumerate(versions):
        if version.revision_id == revision_id:
            previous = versions[index - 1] if index > 0 else None
            revision = Revision.objects.get(pk=revision_id)
            return version, previous, revision
    raise LookupError(revision_id)


_WORD = re.compile(r"\S+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def text_diff(old: str, new: str) -> tuple[Segment, ...]:
    """A word-level diff: runs of unchanged, deleted and inserted words."""
    a, b = _words(old), _words(new)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", " ".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment("delete", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment("insert", " ".join(b[j1:j2])))
    return tuple(segments)


def sections_diff(old: list[tuple[str, str, str]] | None, new: list[tuple[str, str, str]]) -> list[SectionDiff]:
    """Compare two lists of (key, label, text) section by section (article, criterion, …)."""
    old_map = {key: (label, text) for key, label, text in (old or [])}
    new_keys = {key for key, _, _ in new}
    result: list[SectionDiff] = []
    for key, label, text in new:
        if old is None:
            result.append(SectionDiff(key, label, "same", (Segment("same", text),)))
        elif key not in old_map:
            result.append(SectionDiff(key, label, "added", (Segment("insert", text),)))
        else:
            old_text = old_map[key][1]
            status = "same" if _words(old_text) == _words(text) else "changed"
            result.append(SectionDiff(key, label, status, text_diff(old_text, text)))
    for key, label, text in old or []:
        if key not in new_keys:
            result.append(SectionDiff(key, label, "removed", (Segment("delete", text),)))
    return result


def items_plain_text(items) -> list[str]:
    parts: list[str] = []
    for item in items:
        parts.append(f"{item['label']} {item['text']}".strip())
        for sub in item.get("subitems") or []:
            parts.append(f"{sub['label']} {sub['text']}".strip())
    return parts


def stream_body_plain_text(body) -> str:
    """The words of an article or preamble body (paragraphs, items, leden), labels included."""
    parts: list[str] = []
    for child in body:
        if child.block_type == "paragraph":
            value = child.value
            parts.append(strip_tags(value.source) if hasattr(value, "source") else str(value))
        elif child.block_type == "items":
            parts.extend(items_plain_text(child.value))
        elif child.block_type == "lid":
            parts.append(f"{child.value['number']}. {child.value['text']}")
            parts.extend(items_plain_text(child.value["items"]))
        elif child.block_type == "heading":
            parts.append(str(child.value))
    return " ".join(parts)

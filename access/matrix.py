"""The access matrix, generated from the declarations: every work screen with who may open it.

Read from the URL patterns by introspection, so the matrix cannot miss a screen; the "who"
column is the rule's own predicate, printed in Dutch as it is combined in ``access_rules``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator

import rules
from django.urls import URLPattern, URLResolver, get_resolver

from access.registry import RULE_DESCRIPTIONS
from access.screens import Screen, screen_of

WORK_PREFIXES = ("werk/",)
METHOD_NL = {"GET": "bekijken", "POST": "handeling"}


@dataclasses.dataclass(frozen=True)
class Pattern:
    route: str
    name: str
    callback: Callable

    @property
    def screen(self) -> Screen | None:
        return screen_of(self.callback)


def url_patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str = "") -> Iterator[Pattern]:
    """Every URL pattern of the project with its full route."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield Pattern(prefix + str(entry.pattern), f"{namespace}{entry.name or entry.lookup_str}", entry.callback)


def work_patterns() -> list[Pattern]:
    return [p for p in url_patterns() if p.route.lstrip("^").startswith(WORK_PREFIXES)]


def rule_in_words(rule: str) -> str:
    """The rule's predicate as a Dutch sentence part: ``&`` is "en", ``|`` is "of", ``~`` is "niet"."""
    predicate = rules.permissions.permissions[rule]
    text = predicate.name.replace(" & ", " en ").replace(" | ", " of ").replace("~", "niet ")
    return re.sub(r"^\((.*)\)$", r"\1", text)


@dataclasses.dataclass(frozen=True)
class MatrixRow:
    path: str
    purpose: str
    methods: str
    who: str
    basis: str
    secrecy: bool
    logged: bool


def _path(route: str) -> str:
    return "/" + route.replace("^", "").replace("$", "")


def access_matrix() -> list[MatrixRow]:
    rows = []
    for pattern in work_patterns():
        screen = pattern.screen
        if screen is None:  # the declarations test fails on this; the matrix says so plainly too
            rows.append(MatrixRow(_path(pattern.route), "NIET GEDECLAREERD", "", "", "", False, False))
            continue
        methods = ", ".join(METHOD_NL.get(m, m) for m in sorted(screen.methods) if m != "HEAD")
        rows.append(
            MatrixRow(
                path=_path(pattern.route),
                purpose=screen.purpose,
                methods=methods,
                who=rule_in_words(screen.rule),
                basis=RULE_DESCRIPTIONS.get(screen.rule, ""),
                secrecy=screen.secrecy,
                logged=screen.personal_data,
            )
        )
    return sorted(rows, key=lambda r: r.path)


def access_matrix_markdown() -> str:
    lines = [
        "| Scherm | Doel | Soort | Wie (uit de regel) | Grondslag | Geheimhouding | Gelogd |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in access_matrix():
        lines.append(
            f"| `{row.path}` | {row.purpose} | {row.methods} | {row.who} | {row.basis} | "
            f"{'ja' if row.secrecy else 'nee'} | {'elke inzage' if row.logged else 'alleen weigeringen'} |"
        )
    return "\n".join(lines) + "\n"

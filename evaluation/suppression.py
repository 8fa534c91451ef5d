"""Small-number suppression for the published evaluation (art. 18.4).

Every count below the threshold (``EVALUATION_SUPPRESS_BELOW``, default 5) is shown as "< 5".
Where a figure publishes a total, the suppressed cells together could be worked out as the total
minus the published cells; so further cells are suppressed (smallest first) until the suppressed
cells add up to at least the threshold and are at least two — then no published cell, total or
difference of published cells equals a suppressed value. A total below the threshold is
suppressed too.
"""

from __future__ import annotations

import dataclasses

from django.conf import settings

from evaluation.figures import Figure

SUPPRESSED = "< 5"


@dataclasses.dataclass(frozen=True)
class Cell:
    label: str
    value: int | None  # None: suppressed

    @property
    def shown(self) -> str:
        return SUPPRESSED if self.value is None else str(self.value)


@dataclasses.dataclass(frozen=True)
class PublishedFigure:
    key: str
    title: str
    article: str
    cells: list[Cell]
    total: Cell | None
    threshold: int

    @property
    def suppressed_any(self) -> bool:
        return any(c.value is None for c in self.cells) or (self.total is not None and self.total.value is None)


def suppress_below() -> int:
    return settings.EVALUATION_SUPPRESS_BELOW


def figure_publish(figure: Figure, threshold: int | None = None) -> PublishedFigure:
    threshold = suppress_below() if threshold is None else threshold
    values = [count for _, count in figure.rows]
    hidden = {i for i, count in enumerate(values) if count < threshold}
    total = sum(values)
    total_shown = figure.has_total and total >= threshold
    if total_shown and hidden:
        # Secondary suppression: total - published = the sum of the hidden cells.
        while len(hidden) < 2 or sum(values[i] for i in hidden) < threshold:
            rest = [i for i in range(len(values)) if i not in hidden]
            if not rest:
                break
            hidden.add(min(rest, key=lambda i: (values[i], i)))
    cells = [Cell(label, None if i in hidden else count) for i, (label, count) in enumerate(figure.rows)]
    total_cell = None
    if figure.has_total:
        total_cell = Cell("Totaal", total if total_shown else None)
    return PublishedFigure(figure.key, figure.title, figure.article, cells, total_cell, threshold)

"""The published evaluation: figures, suppressed, with their charts; and its CSV export."""

from __future__ import annotations

import csv
import dataclasses
import io

from django.utils.safestring import SafeString

from evaluation.charts import figure_chart_svg
from evaluation.figures import evaluation_figures
from evaluation.suppression import PublishedFigure, figure_publish


@dataclasses.dataclass(frozen=True)
class EvaluationEntry:
    figure: PublishedFigure
    chart: SafeString


def evaluation_publish(year: int) -> list[EvaluationEntry]:
    published = [figure_publish(f) for f in evaluation_figures(year)]
    return [EvaluationEntry(figure, figure_chart_svg(figure)) for figure in published]


def evaluation_csv(year: int, entries: list[EvaluationEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["jaar", "cijfer", "artikel", "onderdeel", "aantal"])
    for entry in entries:
        figure = entry.figure
        cells = [*figure.cells, *([figure.total] if figure.total else [])]
        for cell in cells:
            writer.writerow([year, figure.title, figure.article, cell.label, cell.shown])
    return out.getvalue()

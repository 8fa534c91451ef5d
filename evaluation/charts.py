"""A bar chart per figure as inline SVG, drawn on the server (no JavaScript).

Each bar carries its number as text, and a suppressed cell says "< 5" in words: the chart never
relies on colour or length alone (WCAG 1.4.1). Labels are escaped by ``format_html``.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from evaluation.suppression import PublishedFigure

ROW = 28
LABEL_WIDTH = 300
BAR_WIDTH = 320
WIDTH = LABEL_WIDTH + BAR_WIDTH + 60


def _bar(index: int, label: str, value: int | None, shown: str, largest: int) -> tuple:
    y = index * ROW + 8
    length = 0 if value is None else max(2, round(BAR_WIDTH * value / largest)) if value else 0
    return (y + 14, label, LABEL_WIDTH, y, length, LABEL_WIDTH + length + 6, y + 14, shown)


def figure_chart_svg(figure: PublishedFigure) -> SafeString:
    largest = max([c.value for c in figure.cells if c.value] or [1])
    bars = [_bar(i, c.label, c.value, c.shown, largest) for i, c in enumerate(figure.cells)]
    height = len(bars) * ROW + 16
    rows = format_html_join(
        "",
        '<text x="0" y="{}" font-size="13">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="18" fill="#1d4ed8"></rect>'
        '<text x="{}" y="{}" font-size="13" font-weight="bold">{}</text>',
        bars,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="grafiek-{key}" '
        'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px">'
        '<title id="grafiek-{key}">{title}</title>{rows}</svg>',
        key=figure.key,
        width=WIDTH,
        height=height,
        title=figure.title,
        rows=rows,
    )

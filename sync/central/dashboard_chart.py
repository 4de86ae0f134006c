"""Usage charts for the dashboard: one office's daily counts as an inline SVG bar chart and a table.

    rows = office_stats(storage, None, first, last)             # already suppressed and rounded
    series = daily_series(rows, "leeds", "session_started", first, last)
    html = usage_figure(series, "Leeds Jobcentre", "Sessions started", "office-1")

The numbers come only from ``sync.central.usage.office_stats``, the same figures ``/v1/stats`` publishes: a day
below 10 is ``None`` and every other count is rounded to the nearest 5. A day with no counts at all is shown the
same way as a hidden one ("fewer than 10"), so a chart never tells 0 from 1 to 9.

The chart is drawn on the server, so the page needs no script and nothing from the internet. The SVG has a text
summary for screen readers, each bar has a tooltip, and the same figures follow as a table.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from sync.central.dashboard_words import day_label
from sync.central.usage import ROUND_TO, SUPPRESS_BELOW

# The drawing's own units; the SVG scales to the page width.
WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 16, 44
_STEPS = (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000)
HIDDEN = "fewer than 10"


def daily_series(rows: list[dict], office_id: str, event: str, first: dt.date,
                 last: dt.date) -> list[tuple[dt.date, int | None]]:
    """Every day from ``first`` to ``last`` with its published count for one office and event (None: hidden).

    :param rows: from ``office_stats`` (``office_id``, ``day``, ``event``, ``n``).
    :param office_id: the office.
    :param event: the usage event.
    :param first: the first day.
    :param last: the last day.

        >>> rows = [{"office_id": "a", "day": "2026-11-02", "event": "search", "n": 15}]
        >>> daily_series(rows, "a", "search", dt.date(2026, 11, 1), dt.date(2026, 11, 2))
        [(datetime.date(2026, 11, 1), None), (datetime.date(2026, 11, 2), 15)]
    """
    found = {row["day"]: row["n"] for row in rows if row["office_id"] == office_id and row["event"] == event}
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return [(day, found.get(day.isoformat())) for day in days]


def _scale_top(highest: int) -> tuple[int, int]:
    """The top of the y axis and the gap between its lines: 4 or 5 lines above 0, on round numbers."""
    for step in _STEPS:
        if highest <= step * 5:
            return step * max(1, -(-highest // step)), step
    step = -(-highest // 5)
    return step * 5, step


def _label_every(days: int) -> int:
    # About seven dates under the chart, whatever the period, so they never overlap.
    return max(1, -(-days // 7))


def usage_svg(series: list[tuple[dt.date, int | None]], title: str, description: str, ident: str) -> str:
    """The bar chart as inline SVG.

    :param series: from ``daily_series``.
    :param title: the chart's name, e.g. "Sessions started per day at Leeds Jobcentre".
    :param description: the text summary screen readers get.
    :param ident: a page-unique id prefix (not from kiosk input).
    """
    shown = [n for _day, n in series if n is not None]
    top, step = _scale_top(max(shown, default=SUPPRESS_BELOW))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(series)
    bar_w = max(1.0, slot * 0.7)
    base = TOP + plot_h
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{ident}-title">{escape(title)}</title>',
             f'<desc id="{ident}-desc">{escape(description)}</desc>']
    for value in range(0, top + 1, step):
        y = base - plot_h * value / top
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>'
                     f'<text class="axis" x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
    every = _label_every(len(series))
    for i, (day, n) in enumerate(series):
        x = LEFT + i * slot + (slot - bar_w) / 2
        label = escape(f"{day_label(day)}: {HIDDEN if n is None else n}")
        if n is None:
            # A hollow stub on the baseline: "there is a day here, its number is hidden", not "zero".
            parts.append(f'<rect class="hidden-day" data-day="{day}" data-n="hidden" x="{x:.1f}" y="{base - 6}" '
                         f'width="{bar_w:.1f}" height="6"><title>{label}</title></rect>')
        else:
            height = plot_h * n / top
            parts.append(f'<rect class="bar" data-day="{day}" data-n="{n}" x="{x:.1f}" y="{base - height:.1f}" '
                         f'width="{bar_w:.1f}" height="{height:.1f}"><title>{label}</title></rect>')
        if i % every == 0:
            parts.append(f'<text class="axis" x="{x + bar_w / 2:.1f}" y="{base + 20}" text-anchor="middle">'
                         f'{escape(day_label(day))}</text>')
    parts.append(f'<line class="baseline" x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}"/></svg>')
    return "".join(parts)


def summary(series: list[tuple[dt.date, int | None]], what: str, where: str) -> str:
    """A sentence that says what the chart shows, for its caption and for screen readers.

    :param series: from ``daily_series``.
    :param what: the event's label, e.g. "Sessions started".
    :param where: the office's name.
    """
    first, last = series[0][0], series[-1][0]
    span = f"{what} per day at {where}, {day_label(first, True)} to {day_label(last, True)}."
    shown = [(n, day) for day, n in series if n is not None]
    hidden = len(series) - len(shown)
    if not shown:
        return f"{span} Every day had fewer than {SUPPRESS_BELOW}, so no numbers are shown."
    highest, on = max(shown, key=lambda pair: (pair[0], pair[1]))
    text = f"{span} Highest: {highest} on {day_label(on)}."
    if hidden:
        text += f" {hidden} {'day' if hidden == 1 else 'days'} had fewer than {SUPPRESS_BELOW}."
    return text


def usage_table(series: list[tuple[dt.date, int | None]], what: str, where: str) -> str:
    """The chart's figures as a table, newest day first.

    :param series: from ``daily_series``.
    :param what: the event's label.
    :param where: the office's name.
    """
    rows = "".join(f'<tr><th scope="row">{escape(day_label(day, True))}</th>'
                   f'<td>{HIDDEN if n is None else n}</td></tr>' for day, n in reversed(series))
    return (f'<table class="figures"><caption>{escape(what)} per day at {escape(where)}</caption>'
            f'<thead><tr><th scope="col">Day</th><th scope="col">{escape(what)}</th></tr></thead>'
            f'<tbody>{rows}</tbody></table>')


def usage_figure(series: list[tuple[dt.date, int | None]], where: str, what: str, ident: str) -> str:
    """One office's chart with its caption, and the same figures as a table the user can open.

    :param series: from ``daily_series``.
    :param where: the office's name (escaped here).
    :param what: the event's label.
    :param ident: a page-unique id prefix.
    """
    text = summary(series, what, where)
    svg = usage_svg(series, f"{what} per day at {where}", text, ident)
    return (f'<figure class="usage">{svg}<figcaption>{escape(text)} Numbers are rounded to the nearest '
            f'{ROUND_TO}; a hollow mark on the baseline is a day with {HIDDEN}.</figcaption></figure>'
            f'<details><summary>Show the figures for {escape(where)} as a table</summary>'
            f'{usage_table(series, what, where)}</details>')

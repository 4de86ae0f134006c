"""The dashboard's "Was this useful?" section: per office and journey, how many said yes and no, and why.

    totals = feedback_totals(storage, "leeds", first_day, last_day)   # summed over the period, then the 10-5 rule
    html = feedback_section(totals, overview)

Counts come from the usage counts (``sync.feedback_events``: one event per answer or reason, per language). The
period's sum is taken before the 10-5 rule (``publishable``), so a figure is never a sum of rounded days.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from html import escape

from sqlalchemy import and_, select

from sync.central.clock import day_span
from sync.central.schema import usage_counts
from sync.central.storage import Storage
from sync.central.usage import SUPPRESS_BELOW, publishable
from sync.feedback_events import FEEDBACK_EVENTS, JOURNEYS, parse_feedback

JOURNEY_WORDS = {"jobs": "Job search", "benefits": "Benefits check", "cv": "CV builder",
                 "life_event": "Something has changed", "careers": "Explore careers"}
#: The key ``feedback_totals(..., whole_fleet=True)`` sums every office under.
WHOLE_FLEET = ""
REASON_WORDS = {"easy": "Easy to use", "found_it": "Found what they needed", "saved_time": "Saved them time",
                "hard_to_use": "Hard to use", "not_found": "Did not find what they needed",
                "hard_words": "Words hard to understand", "too_slow": "Too slow"}


def feedback_totals(storage: Storage, office_id: str | None, first: dt.date, last: dt.date,
                    whole_fleet: bool = False) -> dict:
    """``{office: {journey: {"yes": n, "no": n, "reasons": {reason: n}}}}`` over the period, each count safe to show.

    :param storage: the database.
    :param office_id: one office, or None for every office.
    :param first: the first UTC day.
    :param last: the last UTC day.
    :param whole_fleet: every office's counts summed under ``WHOLE_FLEET`` (before the 10-5 rule, as each
        office's are) instead of one entry per office.
    """
    start, end = day_span(first, last)
    where = [usage_counts.c.hour >= start, usage_counts.c.hour < end, usage_counts.c.event.in_(FEEDBACK_EVENTS)]
    if office_id:
        where.append(usage_counts.c.office_id == office_id)
    sums: dict[tuple[str, str, str], int] = defaultdict(int)
    with storage.read() as conn:
        for row in conn.execute(select(usage_counts.c.office_id, usage_counts.c.event, usage_counts.c.n)
                                .where(and_(*where))):
            parts = parse_feedback(row.event)
            if parts is not None:  # both languages together here; the open data keeps them apart
                office = WHOLE_FLEET if whole_fleet else row.office_id
                sums[(office, parts["journey"], parts["reason"] or parts["answer"])] += row.n
    totals: dict = {}
    for (office, journey, choice), n in sums.items():
        entry = totals.setdefault(office, {}).setdefault(journey, {"yes": None, "no": None, "reasons": {}})
        if choice in ("yes", "no"):
            entry[choice] = publishable(n)
        else:
            entry["reasons"][choice] = publishable(n)
    return totals


def _bar(yes: int | None, no: int | None) -> str:
    if not yes or not no:
        return ""
    width = 200
    share, percent = round(width * yes / (yes + no)), round(100 * yes / (yes + no))
    return (f'<svg class="feedback-bar" width="{width}" height="16" role="img" aria-label="{percent}% said yes">'
            f'<rect x="0" y="0" width="{share}" height="16" class="yes"/>'
            f'<rect x="{share}" y="0" width="{width - share}" height="16" class="no"/></svg>')


def _figure(n: int | None) -> str:
    return f"fewer than {SUPPRESS_BELOW}" if n is None else f"{n:,}"


def feedback_section(totals: dict, overview: dict) -> str:
    """The section: for each office with feedback, a table of journeys with yes, no and the reasons given; or one
    table for every office together, when ``totals`` are the whole fleet's.

    :param totals: from ``feedback_totals``.
    :param overview: from ``fleet_overview`` (the offices' names, in order).
    """
    parts = ['<h2 id="feedback">Was this useful?</h2>',
             '<p>At the end of each journey the kiosk asks "Was this useful?". One touch on Yes or No, then perhaps '
             f'one reason. Over the same days as the usage charts. Fewer than {SUPPRESS_BELOW} is not shown; other '
             'numbers are rounded to the nearest 5.</p>']
    shown = False
    offices = overview["offices"]
    if WHOLE_FLEET in totals:  # a table an office would make the whole fleet's page megabytes at national size
        offices = [{"office_id": WHOLE_FLEET, "name": "Every office together"}]
        parts.append("<p>Each office's own answers are on its page: choose it in the list of offices.</p>")
    for office in offices:
        journeys = totals.get(office["office_id"])
        if not journeys:
            continue
        shown = True
        rows = []
        for journey in JOURNEYS:
            if journey not in journeys:
                continue
            entry = journeys[journey]
            reasons = sorted(((n, reason) for reason, n in entry["reasons"].items() if n is not None), reverse=True)
            reason_text = "; ".join(f"{REASON_WORDS[reason]}: {n:,}" for n, reason in reasons) or "none shown"
            rows.append(f'<tr><th scope="row">{escape(JOURNEY_WORDS[journey])}</th><td>{_figure(entry["yes"])}</td>'
                        f'<td>{_figure(entry["no"])}</td><td>{_bar(entry["yes"], entry["no"])}</td>'
                        f'<td>{escape(reason_text)}</td></tr>')
        parts.append(f'<section class="office-feedback"><h3>{escape(office["name"])}</h3><div class="table-wrap">'
                     '<table class="feedback"><thead><tr><th scope="col">Journey</th><th scope="col">Yes</th>'
                     '<th scope="col">No</th><th scope="col">Share</th><th scope="col">Reasons given</th></tr>'
                     f'</thead><tbody>{"".join(rows)}</tbody></table></div></section>')
    if not shown:
        parts.append('<p class="note">No answers yet in this period.</p>')
    return "".join(parts)

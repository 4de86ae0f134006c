"""The fleet dashboard page: the whole HTML document, drawn on the server.

    view = read_view({"event": "search", "days": "7"})
    html = dashboard_page(overview, usage_rows, view, user="alex", now=now)

The page reloads itself every ``REFRESH_S`` seconds with a meta refresh, and has a link to stop that for people who
need the page to keep still (WCAG 2.2.1). Its other files are the stylesheet and the help requests' script
(``sync.central.dashboard_help``), which the service serves itself: no CDN, since a fleet may run with no internet.
Everything works without the script; with it, the help requests list keeps itself up to date between reloads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlencode

from sync.central.dashboard_chart import daily_series, usage_figure
from sync.central.dashboard_fleet import alerts_section, office_ids, offices_section
from sync.central.dashboard_paging import (ALERTS_SHOWN, KIOSKS_PER_PAGE, STATES, KioskFilter, fleet_summary,
                                           kiosk_filter_form, kiosk_page, office_list_section, pages_for, pager,
                                           showing, summary_section)
from sync.central.dashboard_words import EVENT_LABELS, uk_date_time
from sync.central.usage import ROUND_TO, SUPPRESS_BELOW

REFRESH_S = 60
#: The periods the usage charts offer, in days.
PERIODS = (7, 28, 90)
#: The most offices whose usage charts the whole fleet's page draws (more: each office's page has its own).
CHARTED_OFFICES = 10
DEFAULT_EVENT, DEFAULT_DAYS = "session_started", 28


@dataclass(frozen=True)
class View:
    """What the user chose to see: the usage event, the period in days, and whether the page reloads itself."""

    event: str = DEFAULT_EVENT
    days: int = DEFAULT_DAYS
    refresh: bool = True
    note: str = ""
    #: One office's id, or "" for every office.
    office: str = ""
    #: Which kiosks the list shows, and which page of them and of the offices.
    kiosks: KioskFilter = field(default_factory=KioskFilter)
    page: int = 1
    offices_page: int = 1

    def query(self, **changes) -> str:
        """This view's address query (``?event=...``), with ``changes`` applied; defaults are left out.

        A change of filter goes back to the first page of kiosks unless ``page`` is given too.
        """
        if "kiosks" in changes and "page" not in changes:
            changes["page"] = 1
        values = {"event": self.event, "days": self.days, "refresh": self.refresh, "office": self.office,
                  "kiosks": self.kiosks, "page": self.page, "offices_page": self.offices_page, **changes}
        params: dict[str, object] = {}
        if values["office"]:
            params["office"] = values["office"]
        chosen = values["kiosks"]
        for name, value in (("state", chosen.state), ("version", chosen.version),
                            ("alerts", "yes" if chosen.alerts else ""),
                            ("devices", "problem" if chosen.devices else ""),
                            ("page", values["page"] if values["page"] != 1 else ""),
                            ("offices_page", values["offices_page"] if values["offices_page"] != 1 else "")):
            if value:
                params[name] = value
        if values["event"] != DEFAULT_EVENT:
            params["event"] = values["event"]
        if values["days"] != DEFAULT_DAYS:
            params["days"] = values["days"]
        if not values["refresh"]:
            params["refresh"] = "off"
        return "?" + urlencode(params) if params else ""


def read_view(params) -> View:
    """The view from the address's query; an unknown value falls back to the default and says so.

    :param params: the query parameters (a mapping of strings).

        >>> read_view({"event": "search", "days": "7"}).days
        7
        >>> read_view({"days": "1000"}).note
        'Showing the last 28 days: choose 7, 28 or 90.'
    """
    event, notes = params.get("event") or DEFAULT_EVENT, []
    if event not in EVENT_LABELS:
        notes.append(f"Showing {EVENT_LABELS[DEFAULT_EVENT].lower()}: that kind of use is not one the kiosks count.")
        event = DEFAULT_EVENT
    days_text = params.get("days") or str(DEFAULT_DAYS)
    # Compared as text: "²".isdigit() is true, but int("²") fails.
    days = int(days_text) if days_text in {str(period) for period in PERIODS} else None
    if days is None:
        notes.append(f"Showing the last {DEFAULT_DAYS} days: choose {', '.join(map(str, PERIODS[:-1]))} or "
                     f"{PERIODS[-1]}.")
        days = DEFAULT_DAYS
    state = params.get("state") or ""
    if state and state not in STATES:
        notes.append(f"Showing kiosks in any state: choose {', '.join(STATES.values())}.")
        state = ""
    chosen = KioskFilter(state, (params.get("version") or "")[:64], params.get("alerts") == "yes",
                         params.get("devices") == "problem")
    return View(event, days, params.get("refresh") != "off", " ".join(notes), (params.get("office") or "")[:64],
                chosen, _page_number(params.get("page")), _page_number(params.get("offices_page")))


def _page_number(text: str | None) -> int:
    """A page number from the address: 1 unless it is a plain whole number (a page past the end shows the last).

        >>> _page_number("3"), _page_number("-1"), _page_number("²"), _page_number("9" * 40)
        (3, 1, 1, 100000)
    """
    if not text or not text.isascii() or not text.isdigit():
        return 1
    return min(max(int(text[:7]), 1), 100_000)


def usage_period(view: View, now: dt.datetime) -> tuple[dt.date, dt.date]:
    """The first and last UTC day the usage charts cover: the last ``view.days`` days, today included.

    :param view: the user's choices.
    :param now: the current time (UTC).
    """
    last = now.date()
    return last - dt.timedelta(days=view.days - 1), last


def _head(title: str, view: View) -> str:
    refresh = f'<meta http-equiv="refresh" content="{REFRESH_S}">' if view.refresh else ""
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'{refresh}<title>{escape(title)}</title><link rel="stylesheet" href="/dashboard.css"></head>')


def _banner(user: str, csrf: str) -> str:
    return ('<a class="skip" href="#main">Skip to the dashboard</a>'
            '<header class="banner"><div class="wrap banner-row"><p class="service">Jobpoint fleet dashboard</p>'
            f'<p class="who">Signed in as <strong>{escape(user)}</strong></p>'
            '<form method="post" action="/logout" class="signout">'
            f'<input type="hidden" name="csrf" value="{escape(csrf)}"><button type="submit">Sign out</button></form>'
            '</div></header>')


def _updated(view: View, now: dt.datetime) -> str:
    if view.refresh:
        switch = (f'This page updates itself every minute. <a href="/dashboard{escape(view.query(refresh=False))}">'
                  'Stop automatic updates</a>')
    else:
        switch = (f'Automatic updates are off. <a href="/dashboard{escape(view.query(refresh=True))}">'
                  'Turn automatic updates on</a>')
    return f'<p class="updated">Updated at {escape(uk_date_time(now))} (UK time). {switch}</p>'


def _totals(overview: dict, view: View) -> str:
    totals = overview["totals"]
    kiosks = f'{totals["kiosks"]:,} kiosk' + ("" if totals["kiosks"] == 1 else "s")
    alerts = len(overview["alerts"])

    def count(number: int, words: str, state: str) -> str:
        shown = f'<strong>{number:,}</strong> {words}'
        if not number:
            return f"<li>{shown}</li>"
        return f'<li><a href="{escape(_kiosks_link(view, KioskFilter(state=state)))}">{shown}</a></li>'

    return (f'<ul class="totals"><li><strong>{kiosks}</strong></li>' + count(totals["online"], "online", "online")
            + count(totals["offline"], "offline", "offline") + f'<li><a href="#alerts"><strong>{alerts:,}</strong> '
            f'{"alert" if alerts == 1 else "alerts"}</a></li></ul>')


def _kiosks_link(view: View, chosen: KioskFilter) -> str:
    """The address of the kiosks list with this filter (the office and usage choices kept)."""
    return "/dashboard" + view.query(kiosks=chosen) + "#offices"


def fleet_sections(overview: dict, view: View, now: dt.datetime) -> str:
    """The summary, alerts, offices and kiosks sections: a page of each, whatever the size of the fleet.

    :param overview: from ``fleet_overview``.
    :param view: from ``read_view``.
    :param now: the current time (UTC).
    """
    summary = fleet_summary(overview)
    parts = ['<section aria-labelledby="summary">' + summary_section(summary, lambda f: _kiosks_link(view, f))
             + '</section>',
             '<section aria-labelledby="alerts">'
             + alerts_section(overview, ALERTS_SHOWN, _kiosks_link(view, KioskFilter(alerts=True))) + '</section>']
    if not view.office:
        parts.append('<section aria-labelledby="office-list">' + office_list_section(
            overview, view.offices_page, lambda office: "/dashboard" + view.query(office=office, page=1,
                                                                                   offices_page=1),
            lambda page: "/dashboard" + view.query(offices_page=page) + "#office-list") + '</section>')
    shown_offices, shown, total = kiosk_page(overview, view.kiosks, view.page)
    if view.office and not shown_offices and not view.kiosks.active():  # its heading, links and "no kiosks yet"
        shown_offices = overview["offices"]
    keep = {"office": view.office, "event": view.event if view.event != DEFAULT_EVENT else "",
            "days": str(view.days) if view.days != DEFAULT_DAYS else "", "refresh": "" if view.refresh else "off"}
    intro = kiosk_filter_form(summary, view.kiosks, keep) + f'<p role="status">{showing(shown, total, view.page)}'
    if view.kiosks.active():
        intro += f' <a href="{escape(_kiosks_link(view, KioskFilter()))}">Show every kiosk</a>'
    pages = pages_for(total, KIOSKS_PER_PAGE)
    parts.append('<section aria-labelledby="offices">' + offices_section(overview, now, shown_offices, intro + '</p>')
                 + pager("Kiosk pages", view.page, pages, lambda page: "/dashboard" + view.query(page=page)
                         + "#offices") + '</section>')
    return "".join(parts)


def office_form(overview: dict, view: View) -> str:
    """The choice of office: every office, or one (which keeps the page small for a national fleet).

    :param overview: from ``fleet_overview`` (its ``all_offices``).
    :param view: from ``read_view``.
    """
    choices = "".join(f'<option value="{escape(o["office_id"])}"{" selected" if o["office_id"] == view.office else ""}>'
                      f'{escape(o["name"])}</option>' for o in overview["all_offices"])
    keep = "".join(f'<input type="hidden" name="{name}" value="{escape(str(value))}">' for name, value in
                   (("event", view.event), ("days", view.days)) if value not in (DEFAULT_EVENT, DEFAULT_DAYS))
    keep += '' if view.refresh else '<input type="hidden" name="refresh" value="off">'
    return ('<form method="get" action="/dashboard" class="usage-form">'
            f'<p><label for="office">Office</label> <select id="office" name="office"><option value="">All offices'
            f'</option>{choices}</select></p>{keep}<p><button type="submit">Show office</button></p></form>')


def _usage_form(view: View) -> str:
    events = "".join(f'<option value="{key}"{" selected" if key == view.event else ""}>{escape(label)}</option>'
                     for key, label in EVENT_LABELS.items())
    periods = "".join(f'<option value="{days}"{" selected" if days == view.days else ""}>the last {days} days'
                      '</option>' for days in PERIODS)
    keep = '' if view.refresh else '<input type="hidden" name="refresh" value="off">'
    keep += f'<input type="hidden" name="office" value="{escape(view.office)}">' if view.office else ''
    return ('<form method="get" action="/dashboard#usage" class="usage-form">'
            f'<p><label for="event">Show</label> <select id="event" name="event">{events}</select></p>'
            f'<p><label for="days">Over</label> <select id="days" name="days">{periods}</select></p>'
            f'{keep}<p><button type="submit">Show usage</button></p></form>')


def usage_section(overview: dict, rows: list[dict], view: View, now: dt.datetime) -> str:
    """The usage charts, one per office, with the choice of event and period.

    :param overview: from ``fleet_overview`` (for the offices).
    :param rows: from ``office_stats`` over ``usage_period(view, now)``: already suppressed and rounded.
    :param view: the user's choices.
    :param now: the current time (UTC).
    """
    first, last = usage_period(view, now)
    what = EVENT_LABELS[view.event]
    ids = office_ids(overview)
    parts = ['<h2 id="usage">Usage</h2>',
             f'<p>What people did at each office\'s kiosks, per day (days run midnight to midnight UTC). '
             f'To protect privacy, a day with fewer than {SUPPRESS_BELOW} is shown as "fewer than '
             f'{SUPPRESS_BELOW}" and other numbers are rounded to the nearest {ROUND_TO}.</p>', _usage_form(view)]
    if view.note:
        parts.append(f'<p class="note-box" role="status">{escape(view.note)}</p>')
    # One chart per office, about 8 KB each: a national fleet's 600 would be megabytes, and nobody reads them all,
    # so past CHARTED_OFFICES offices each office's charts are on its own page.
    offices = overview["offices"]
    if len(offices) > CHARTED_OFFICES:
        parts.append(f'<p>There are {len(offices):,} offices: choose one (in the list of offices or the office '
                     'choice above) to see its charts. Every office\'s figures are also at /v1/stats as JSON.</p>')
        offices = []
    for office in offices:
        series = daily_series(rows, office["office_id"], view.event, first, last)
        ident = ids[office["office_id"]] + "-usage"
        parts.append(f'<section class="office-usage" aria-labelledby="{ident}-h"><h3 id="{ident}-h">'
                     f'{escape(office["name"])}</h3>{usage_figure(series, office["name"], what, ident)}</section>')
    return "".join(parts)


def page_title(overview: dict) -> str:
    """The browser tab's title, which says at a glance whether anything needs doing.

    :param overview: from ``fleet_overview``.
    """
    offline, alerts = overview["totals"]["offline"], len(overview["alerts"])
    if not offline and not alerts:
        return "Jobpoint fleet: all kiosks working"
    return (f"Jobpoint fleet: {offline} offline, {alerts} {'alert' if alerts == 1 else 'alerts'}")


def dashboard_page(overview: dict, rows: list[dict], view: View, user: str, now: dt.datetime, csrf: str = "",
                   help_html: str = "", feedback_html: str = "") -> str:
    """The whole dashboard document.

    :param overview: from ``fleet_overview``.
    :param rows: usage from ``office_stats`` for ``usage_period(view, now)``.
    :param view: from ``read_view``.
    :param user: the signed-in user's name.
    :param now: the current time (UTC).
    :param csrf: the session's anti-forgery token, for the sign-out form.
    :param help_html: the help requests section (``sync.central.dashboard_help.help_section``), first after the totals.
    :param feedback_html: the "Was this useful?" section (``sync.central.dashboard_feedback``), after usage.
    """
    return (_head(page_title(overview), view) + '<body>' + _banner(user, csrf) +
            '<main id="main" class="wrap" tabindex="-1"><h1>Kiosk fleet</h1>' + _updated(view, now)
            + _totals(overview, view)
            + '<nav aria-label="On this page"><ul class="jump"><li><a href="#help">Help requests</a></li>'
            '<li><a href="#summary">Summary</a></li><li><a href="#alerts">Alerts</a></li>'
            + ('' if view.office else '<li><a href="#office-list">Offices</a></li>') +
            '<li><a href="#offices">Kiosks by office</a></li><li><a href="#usage">Usage</a></li>'
            '<li><a href="#feedback">Was this useful?</a></li></ul></nav>'
            + office_form(overview, view) + help_html + fleet_sections(overview, view, now) +
            '<section aria-labelledby="usage">' + usage_section(overview, rows, view, now) + '</section>'
            + (f'<section aria-labelledby="feedback">{feedback_html}</section>' if feedback_html else '') +
            '</main></body></html>')

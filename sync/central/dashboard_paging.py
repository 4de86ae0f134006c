"""The dashboard at national size: a summary of the fleet, then its offices, then its kiosks, a page at a time.

    summary = fleet_summary(overview)
    offices, shown, total = kiosk_page(overview, KioskFilter(state="offline"), page=2)

The fleet overview (``sync.central.fleet``) holds every kiosk; the page shows only the counts of all of them, one
page of offices (``OFFICES_PER_PAGE``) and one page of kiosks (``KIOSKS_PER_PAGE``), filtered by state, app version,
alerts or device problems. At 10,000 kiosks the old page, every kiosk at once, was 10 MB; a page is now about
100 KB (``bench/fleet_dashboard.py`` measures it).
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from html import escape

#: Kiosks shown on one page, grouped by office.
KIOSKS_PER_PAGE = 100
#: Offices in the offices table on one page.
OFFICES_PER_PAGE = 50
#: Alerts listed at the top of the page; the rest are found with the "with alerts" filter.
ALERTS_SHOWN = 20
#: The kiosk states the filter offers, as the address says them and as the page does. "Offline" is every kiosk not
#: online, as in the page's headline count, so never-seen kiosks are in it too.
STATES = {"online": "Online", "offline": "Offline (or never seen)", "never": "Never seen"}
#: What the filter shows for a kiosk that has not said its app version.
NO_VERSION = "not reported"


@dataclass(frozen=True)
class KioskFilter:
    """Which kiosks the list shows: by state (``STATES``), app version, with alerts, with device problems."""

    state: str = ""
    version: str = ""
    alerts: bool = False
    devices: bool = False

    def active(self) -> bool:
        """True when any filter is set."""
        return bool(self.state or self.version or self.alerts or self.devices)


def kiosk_state(kiosk: dict) -> str:
    """"online", "offline" or "never" (enrolled, no heartbeat yet).

    :param kiosk: one kiosk of ``fleet_overview``.

        >>> kiosk_state({"online": False, "seconds_since_beat": None})
        'never'
    """
    if kiosk["seconds_since_beat"] is None:
        return "never"
    return "online" if kiosk["online"] else "offline"


def _alerted(overview: dict) -> set[str]:
    return {alert["kiosk_id"] for alert in overview["alerts"]}


class _PerOverview:
    """What was worked out from the last few overviews pages were made from (each one's summary, the kiosks each
    filter lets through), kept while those overviews are.

    A worker keeps one overview of the whole fleet for several seconds (``sync.central.fleet_cache``) and every page
    in that time was going through all of its kiosks twice more: 11 of a page's 29 ms at 7,283 kiosks. Overviews
    are never changed once made (``sync.central.fleet``), so the same object gives the same answers. Several are
    kept, not one: office pages come between the whole fleet's pages, each with its own office's overview.

    The whole fleet's latest overview, which the refresh prepares (``prepare``), is pinned: office pages (a new
    overview each, cut from the fleet's) come hundreds of times as often as the department's, and forgetting the
    oldest first threw the fleet's answers away before anyone used them."""

    #: Overviews kept, the oldest forgotten first (never the pinned one); and answers kept for each (filters are
    #: few, but a crawler trying every version must not grow them).
    MOST_OVERVIEWS, MOST_ANSWERS = 8, 64

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # id -> (the overview itself, held so its id is not reused, and its answers by key)
        self._kept: dict[int, tuple[dict, dict[object, object]]] = {}
        self._pinned: int | None = None

    def pin(self, overview: dict) -> None:
        """Keep ``overview``'s answers whatever comes after it, until another is pinned (the one pinned before
        goes the usual way)."""
        with self._lock:
            if id(overview) not in self._kept or self._kept[id(overview)][0] is not overview:
                self._make_room()
                self._kept[id(overview)] = (overview, {})
            self._pinned = id(overview)

    def _make_room(self) -> None:
        # Called with the lock held, before an overview is added.
        while len(self._kept) >= self.MOST_OVERVIEWS:
            del self._kept[next(kept for kept in self._kept if kept != self._pinned)]

    def get(self, overview: dict, key: object, work_out):
        """``work_out()`` for ``key`` of this overview, worked out once."""
        with self._lock:
            entry = self._kept.get(id(overview))
            if entry is not None and entry[0] is overview and key in entry[1]:
                return entry[1][key]
        value = work_out()
        with self._lock:
            entry = self._kept.get(id(overview))
            if entry is None or entry[0] is not overview:
                self._make_room()
                entry = self._kept[id(overview)] = (overview, {})
            if len(entry[1]) < self.MOST_ANSWERS:
                entry[1][key] = value
        return value


_PER_OVERVIEW = _PerOverview()


def fleet_summary(overview: dict) -> dict:
    """Counts over every kiosk of the overview: by state, by app version, with alerts, with device problems.

    :param overview: from ``fleet_overview`` (not changed afterwards: the counts are kept with it).
    """
    return _PER_OVERVIEW.get(overview, "summary", lambda: _summary(overview))


def prepare(overview: dict) -> None:
    """Work out now what the first page of the whole fleet needs from ``overview``: its summary and the kiosks with
    no filter (``sync.central.fleet_cache`` calls this in its refresh thread, so no page waits for them: 11 of a
    whole-fleet page's 29 ms at 7,283 kiosks).

    :param overview: from ``fleet_overview``, not yet seen by any page.
    """
    _PER_OVERVIEW.pin(overview)
    fleet_summary(overview)
    kiosk_page(overview, KioskFilter(), 1)


def _summary(overview: dict) -> dict:
    states: Counter[str] = Counter()
    versions: Counter[str] = Counter()
    devices = 0
    for office in overview["offices"]:
        for kiosk in office["kiosks"]:
            states[kiosk_state(kiosk)] += 1
            versions[kiosk["app_version"] or NO_VERSION] += 1
            devices += bool(kiosk["device_problems"])
    return {"kiosks": sum(states.values()), "states": {state: states[state] for state in STATES},
            "versions": dict(sorted(versions.items())), "with_alerts": len(_alerted(overview)),
            "with_device_problems": devices, "alerts": len(overview["alerts"])}


def _matches(kiosk: dict, chosen: KioskFilter, alerted: set[str]) -> bool:
    if chosen.state == "offline":
        state_matches = not kiosk["online"]
    else:
        state_matches = not chosen.state or kiosk_state(kiosk) == chosen.state
    return (state_matches
            and (not chosen.version or (kiosk["app_version"] or NO_VERSION) == chosen.version)
            and (not chosen.alerts or kiosk["kiosk_id"] in alerted)
            and (not chosen.devices or bool(kiosk["device_problems"])))


def pages_for(count: int, per_page: int) -> int:
    """How many pages ``count`` things take, at least 1 (an empty list is one page saying so).

        >>> pages_for(0, 100), pages_for(100, 100), pages_for(101, 100)
        (1, 1, 2)
    """
    return max(1, -(-count // per_page))


def kiosk_page(overview: dict, chosen: KioskFilter, page: int,
               per_page: int = KIOSKS_PER_PAGE) -> tuple[list[dict], int, int]:
    """One page of the kiosks the filter lets through, still grouped by office (offices by name, kiosks by name).

    Returns the offices holding that page's kiosks (each a copy with only those kiosks), the number of kiosks on
    the page and the number the filter lets through in all. A page past the end gives the last page.

    :param overview: from ``fleet_overview``.
    :param chosen: the filter.
    :param page: 1 for the first page.
    :param per_page: kiosks on a page.
    """
    matching = _PER_OVERVIEW.get(overview, chosen, lambda: _matching(overview, chosen))
    page = min(max(page, 1), pages_for(len(matching), per_page))
    shown = matching[(page - 1) * per_page:page * per_page]
    offices: dict[str, dict] = {}
    for office, kiosk in shown:
        offices.setdefault(office["office_id"], {**office, "kiosks": [], "kiosks_total": len(office["kiosks"])}
                           )["kiosks"].append(kiosk)
    return list(offices.values()), len(shown), len(matching)


def _matching(overview: dict, chosen: KioskFilter) -> list[tuple[dict, dict]]:
    alerted = _alerted(overview)
    return [(office, kiosk) for office in overview["offices"] for kiosk in office["kiosks"]
            if _matches(kiosk, chosen, alerted)]


def overview_page(overview: dict, chosen: KioskFilter, page: int, per_page: int = KIOSKS_PER_PAGE) -> dict:
    """The fleet overview as JSON, a page at a time as the HTML page is (``Accept: application/json``).

    Every key of the overview, with ``offices`` holding only this page's kiosks (``kiosk_page``) and ``alerts``
    only theirs; added: the ``summary`` of every kiosk (``fleet_summary``), ``page``, ``pages``, ``per_page``,
    ``kiosks_matching`` (the filter's total) and ``alerts_total``. Every alert at once is ``/v1/fleet/alerts``.

    :param overview: from ``fleet_overview``.
    :param chosen: the filter.
    :param page: 1 for the first page (past the end: the last page).
    :param per_page: kiosks on a page.
    """
    offices, _shown, matching = kiosk_page(overview, chosen, page, per_page)
    on_page = {kiosk["kiosk_id"] for office in offices for kiosk in office["kiosks"]}
    pages = pages_for(matching, per_page)
    return {**overview, "summary": fleet_summary(overview), "offices": offices,
            "alerts": [alert for alert in overview["alerts"] if alert["kiosk_id"] in on_page],
            "alerts_total": len(overview["alerts"]), "page": min(max(page, 1), pages), "pages": pages,
            "per_page": per_page, "kiosks_matching": matching}


def office_page(overview: dict, page: int, per_page: int = OFFICES_PER_PAGE) -> list[dict]:
    """One page of the offices (by name), each with its kiosks' counts and its number of alerts.

    :param overview: from ``fleet_overview``.
    :param page: 1 for the first page (past the end: the last page).
    :param per_page: offices on a page.
    """
    alerts = Counter(alert["office_id"] for alert in overview["alerts"])
    offices = overview["offices"]
    page = min(max(page, 1), pages_for(len(offices), per_page))
    return [{"office_id": office["office_id"], "name": office["name"], "kiosks": len(office["kiosks"]),
             "online": office["online"], "offline": office["offline"], "alerts": alerts[office["office_id"]]}
            for office in offices[(page - 1) * per_page:page * per_page]]


def pager(label: str, page: int, pages: int, link) -> str:
    """GOV.UK-style pagination: Previous, "Page 2 of 63", Next; nothing when everything fits on one page.

    :param label: what is paged, for screen readers ("Kiosk pages").
    :param page: the page shown (1 first).
    :param pages: how many there are.
    :param link: a function from a page number to its address.
    """
    if pages <= 1:
        return ""
    page = min(max(page, 1), pages)
    parts = []
    if page > 1:
        parts.append(f'<a class="pager-link" rel="prev" href="{escape(link(page - 1))}">Previous'
                     f'<span class="visually-hidden"> page</span></a>')
    parts.append(f'<span class="pager-where" aria-current="page">Page {page} of {pages}</span>')
    if page < pages:
        parts.append(f'<a class="pager-link" rel="next" href="{escape(link(page + 1))}">Next'
                     f'<span class="visually-hidden"> page</span></a>')
    return f'<nav class="pager" aria-label="{escape(label)}">{"".join(parts)}</nav>'


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def summary_section(summary: dict, link) -> str:
    """The fleet under its headline counts: kiosks never seen, with alerts, with device problems and on each app
    version, each count a link to those kiosks.

    :param summary: from ``fleet_summary``.
    :param link: a function from a ``KioskFilter`` to the address listing those kiosks.
    """
    def item(number: int, words: str, chosen: KioskFilter) -> str:
        shown = f"<strong>{number:,}</strong> {escape(words)}"
        return f'<li><a href="{escape(link(chosen))}">{shown}</a></li>' if number else f"<li>{shown}</li>"

    # Kiosks, online, offline and alerts are the page's headline counts (above); these say what needs a visit.
    items = [item(summary["states"]["never"], "never seen", KioskFilter(state="never")),
             item(summary["with_alerts"], "with alerts", KioskFilter(alerts=True)),
             item(summary["with_device_problems"], "with device problems", KioskFilter(devices=True))]
    versions = "".join(f'<tr><th scope="row"><a href="{escape(link(KioskFilter(version=version)))}">'
                       f'{escape(version)}</a></th><td>{count:,}</td></tr>'
                       for version, count in summary["versions"].items())
    table = ('<table class="figures"><caption>Kiosks on each app version</caption><thead><tr>'
             f'<th scope="col">App version</th><th scope="col">Kiosks</th></tr></thead><tbody>{versions}</tbody>'
             '</table>') if versions else ""
    return f'<h2 id="summary">Summary</h2><ul class="totals summary">{"".join(items)}</ul>{table}'


def office_list_section(overview: dict, page: int, office_link, page_link) -> str:
    """The offices table: each office's kiosks, online, offline and alerts, a page of offices at a time.

    :param overview: from ``fleet_overview``.
    :param page: the page of offices (1 first).
    :param office_link: a function from an office id to the address of that office's page.
    :param page_link: a function from a page number to its address.
    """
    head = f'<h2 id="office-list">Offices ({len(overview["offices"]):,})</h2>'
    if not overview["offices"]:
        return head + '<p>No offices yet: add one with kiosk-central office-set.</p>'
    rows = "".join(
        f'<tr><th scope="row"><a href="{escape(office_link(office["office_id"]))}">{escape(office["name"])}</a></th>'
        f'<td>{office["kiosks"]:,}</td><td>{office["online"]:,}</td><td>{office["offline"]:,}</td>'
        f'<td>{office["alerts"]:,}</td><td><a href="/dashboard/offices/{escape(office["office_id"])}/local-help">'
        f'Help near you list<span class="visually-hidden"> for {escape(office["name"])}</span></a></td></tr>'
        for office in office_page(overview, page))
    pages = pages_for(len(overview["offices"]), OFFICES_PER_PAGE)
    return (head + '<div class="table-wrap" role="region" aria-labelledby="office-list" tabindex="0">'
            '<table class="offices"><thead><tr><th scope="col">Office</th><th scope="col">Kiosks</th>'
            '<th scope="col">Online</th><th scope="col">Offline</th><th scope="col">Alerts</th>'
            '<th scope="col"><span class="visually-hidden">Links</span></th></tr></thead>'
            f'<tbody>{rows}</tbody></table></div>' + pager("Office pages", page, pages, page_link))


def kiosk_filter_form(summary: dict, chosen: KioskFilter, keep: dict[str, str]) -> str:
    """The kiosk list's filters (state, app version, alerts, device problems) as a GET form.

    :param summary: from ``fleet_summary`` (for the versions to offer).
    :param chosen: the filter in use.
    :param keep: other address values the form sends back unchanged (office, usage event...).
    """
    states = "".join(f'<option value="{key}"{" selected" if key == chosen.state else ""}>{label}</option>'
                     for key, label in STATES.items())
    versions = "".join(f'<option value="{escape(v)}"{" selected" if v == chosen.version else ""}>{escape(v)}</option>'
                       for v in summary["versions"])
    hidden = "".join(f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'
                     for name, value in keep.items() if value)
    return ('<form method="get" action="/dashboard#offices" class="usage-form kiosk-filter">'
            f'<p><label for="state">State</label> <select id="state" name="state"><option value="">Any</option>'
            f'{states}</select></p>'
            f'<p><label for="version">App version</label> <select id="version" name="version"><option value="">Any'
            f'</option>{versions}</select></p>'
            f'<p class="check"><input type="checkbox" id="alerts" name="alerts" value="yes"'
            f'{" checked" if chosen.alerts else ""}> <label for="alerts">With alerts</label></p>'
            f'<p class="check"><input type="checkbox" id="devices" name="devices" value="problem"'
            f'{" checked" if chosen.devices else ""}> <label for="devices">With device problems</label></p>'
            f'{hidden}<p><button type="submit">Show kiosks</button></p></form>')


def showing(shown: int, total: int, page: int, per_page: int = KIOSKS_PER_PAGE) -> str:
    """Which kiosks the page shows, in words.

        >>> showing(100, 630, 2)
        'Showing kiosks 101 to 200 of 630.'
        >>> showing(0, 0, 1)
        'No kiosks match.'
    """
    if not total:
        return "No kiosks match."
    page = min(max(page, 1), pages_for(total, per_page))
    first = (page - 1) * per_page + 1
    if total == 1:
        return "Showing the one kiosk."
    return f"Showing kiosks {first:,} to {first + shown - 1:,} of {total:,}."

"""The fleet part of the dashboard page: the alerts list and one table of kiosks per office, as HTML.

    overview = fleet_overview(storage, now)
    html = alerts_section(overview) + offices_section(overview, now)

Everything a kiosk sends (its name, versions, device names, health words and details, crash kinds) is text the
kiosk chose, so every value goes through ``html.escape`` here, at the point it is put into the page. Status is
always said in words ("Online", "Offline", "Problem"); colour only repeats it. A kiosk whose row cannot be drawn
(data no check foresaw) gets a row saying so, and the error is logged: the page still works for everyone.
"""

from __future__ import annotations

import datetime as dt
import logging
from html import escape

from kiosk.logs import crash_report

from sync.central.clock import parse_iso
from sync.central.dashboard_words import ago, device_name, device_words, duration, uk_time
from sync.central.fleet import DEGRADED, HEALTHY, STALE_CACHE_S

log = logging.getLogger("jobpoint.central")
_COLUMNS = ("Kiosk", "Status", "App version", "Last sync", "Vacancy cache", "Devices")
_HEADER = "".join(f'<th scope="col">{label}</th>' for label in _COLUMNS)
_SEVERITY = {"error": ("Problem", "bad"), "warning": ("Warning", "warn")}


def _e(value) -> str:
    return escape(str(value), quote=True)


def _badge(text: str, tone: str) -> str:
    return f'<span class="status {tone}">{_e(text)}</span>'


def _note(text: str) -> str:
    return f'<span class="note">{_e(text)}</span>'


def office_ids(overview: dict) -> dict[str, str]:
    """A page id for each office ("office-1", ...): office ids are set by staff but may hold any character.

    :param overview: from ``fleet_overview``.
    """
    return {office["office_id"]: f"office-{number}" for number, office in enumerate(overview["offices"], 1)}


def alerts_section(overview: dict, most: int | None = None, more_link: str = "") -> str:
    """The alerts list, worst first, each saying "Problem" or "Warning", which office and what is wrong.

    :param overview: from ``fleet_overview``.
    :param most: list at most this many (None: all), then say how many more there are.
    :param more_link: the address of the kiosks with alerts, offered when some are not listed.
    """
    names = {office["office_id"]: office["name"] for office in overview["offices"]}
    alerts = overview["alerts"]
    head = f'<h2 id="alerts">Alerts ({len(alerts):,})</h2>'
    if not alerts:
        return head + '<p class="all-clear">No alerts: every kiosk is online and working.</p>'
    listed = alerts if most is None else alerts[:most]
    if len(listed) < len(alerts):
        head += (f'<p>The {len(listed)} most serious of {len(alerts):,} alerts. '
                 f'<a href="{_e(more_link)}">See every kiosk with an alert</a></p>')
    items = []
    for alert in listed:
        word, tone = _SEVERITY.get(alert["severity"], ("Warning", "warn"))
        office = names.get(alert["office_id"], alert["office_id"])
        items.append(f'<li class="alert {tone}" data-kind="{_e(alert["kind"])}">{_badge(word, tone)} '
                     f'<span class="where">{_e(office)}:</span> {_e(alert["message"])}</li>')
    return head + f'<ul class="alerts">{"".join(items)}</ul>'


def _status_cell(kiosk: dict) -> str:
    since = kiosk["seconds_since_beat"]
    if since is None:
        return _badge("Never seen", "warn") + _note("enrolled, but no heartbeat yet")
    if kiosk["online"]:
        return _badge("Online", "ok") + _note(f"last heartbeat {ago(since)}")
    return _badge("Offline", "bad") + _note(f"no heartbeat for {duration(since)}")


def _version_cell(kiosk: dict, office_version: str) -> str:
    if kiosk["app_version"] is None:
        return _note("not reported")
    parts = [f'<span class="version">{_e(kiosk["app_version"])}</span>']
    if kiosk.get("last_rollback_from"):
        parts.append(_note(f"went back from {kiosk['last_rollback_from']}"))
    if kiosk.get("target_version"):  # nothing is said while no ring has a target (updates not in use)
        state = "up to date" if kiosk["version_current"] else f"should run {kiosk['target_version']}"
        parts.append(_note(f"ring {kiosk['ring']}: {state}"))
    if kiosk["config_version"] is not None:
        config = f"office config {kiosk['config_version']}"
        if kiosk["config_current"] is False:
            config += f" (the office has {office_version})"
        parts.append(_note(config))
    return "".join(parts)


def _time_cell(text: str | None, now: dt.datetime) -> str:
    if not text:
        return _note("never")
    try:
        moment = parse_iso(text)
    except ValueError:
        return _note("not reported")
    when = int((now - moment).total_seconds())
    return f'<time datetime="{_e(text)}">{_e(uk_time(moment, now))}</time>' + _note(ago(when))


def _cache_cell(kiosk: dict) -> str:
    age = kiosk["cache_age_s"]
    if not isinstance(age, int):
        return _note("not reported")
    # The age is what the kiosk said at its last beat; for a kiosk that has gone quiet, say so.
    text = f"{duration(age)} old" + ("" if kiosk["online"] else " at its last heartbeat")
    cell = _badge(f"{text}: stale", "warn") if age > STALE_CACHE_S else _e(text)
    if isinstance(kiosk["cache_vacancies"], int):
        cell += _note(f"{kiosk['cache_vacancies']:,} vacancies")
    return cell


def _devices_cell(kiosk: dict) -> str:
    if kiosk["app_version"] is None:
        return _note("not reported")
    problems = kiosk["device_problems"]
    if not problems:
        return _e("All working")
    items = []
    for device in problems:
        kind, health = str(device.get("device", "")), str(device.get("health", ""))
        if health == DEGRADED:  # on its fallback provider: working after a fashion, and the detail says why
            words = device_words(kind, health)
            line = _badge("Degraded", "warn") + f" {_e(words[:1].upper() + words[1:])}"
        elif health in HEALTHY:  # listed only because it is simulated (a kiosk too old to say "degraded")
            line = _badge("Warning", "warn") + f" {_e(device_name(kind).capitalize())} is simulated"
        else:
            words = device_words(kind, health)
            line = _badge("Problem", "bad") + f" {_e(words[:1].upper() + words[1:])}"
        if device.get("detail"):
            line += _note(device["detail"])
        items.append(f"<li>{line}</li>")
    return f'<ul class="devices">{"".join(items)}</ul>'


def office_table(office: dict, ident: str, now: dt.datetime) -> str:
    """One office: a heading with its counts and a table of its kiosks.

    :param office: one entry of ``fleet_overview(...)["offices"]``.
    :param ident: the office's page id (``office_ids``).
    :param now: the current time (UTC).
    """
    kiosks = office["kiosks"]
    total = office.get("kiosks_total", len(kiosks))  # a page of the kiosks list may show only some of them
    count = f"{total} kiosk" + ("" if total == 1 else "s")
    head = (f'<section class="office" aria-labelledby="{ident}"><h3 id="{ident}">{_e(office["name"])}</h3>'
            f'<p>{count}: {office["online"]} online, {office["offline"]} offline. '
            f'Office config version {_e(office["config_version"])}. '
            + (f'{len(kiosks)} of them shown here. ' if len(kiosks) < total else '') +
            f'<a href="/dashboard/offices/{_e(office["office_id"])}/local-help">Help near you list'
            f'<span class="visually-hidden"> for {_e(office["name"])}</span></a></p>')
    if not kiosks:
        return head + "<p>No kiosks are enrolled here yet.</p></section>"
    rows = []
    for kiosk in kiosks:
        try:
            cells = (_status_cell(kiosk), _version_cell(kiosk, office["config_version"]),
                     _time_cell(kiosk["last_sync_at"], now), _cache_cell(kiosk), _devices_cell(kiosk))
        except Exception as error:  # noqa: BLE001  (one kiosk's odd data must not break the page for everyone)
            log.error("dashboard row for kiosk %s failed:\n%s", kiosk["kiosk_id"], crash_report(error))
            cells = (_note("could not be shown: see the service's log"), "", "", "", "")
        rows.append(f'<tr data-kiosk="{_e(kiosk["kiosk_id"])}"><th scope="row">{_e(kiosk["name"])}</th>'
                    + "".join(f'<td data-label="{label}">{cell}</td>' for label, cell in zip(_COLUMNS[1:], cells))
                    + '</tr>')
    # On a narrow screen (or at 200 % zoom) the stylesheet stacks each row and labels its cells from data-label;
    # the wrapper scrolls anything still too wide on its own, so the page itself never scrolls sideways.
    return (head + f'<div class="table-wrap" role="region" aria-labelledby="{ident}-caption" tabindex="0">'
            f'<table class="kiosks"><caption id="{ident}-caption">Kiosks at {_e(office["name"])}</caption>'
            f'<thead><tr>{_HEADER}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div></section>')


def offices_section(overview: dict, now: dt.datetime, shown: list[dict] | None = None, intro: str = "") -> str:
    """Office tables of kiosks under one heading: every office's, or one page of the kiosks list's.

    :param overview: from ``fleet_overview``.
    :param now: the current time (UTC).
    :param shown: the offices to draw, holding only the kiosks to show (``dashboard_paging.kiosk_page``); None:
        every office with every kiosk.
    :param intro: HTML after the heading (the filters and which kiosks are shown).
    """
    ids = office_ids(overview)
    head = '<h2 id="offices">Kiosks by office</h2>' + intro
    if not overview["offices"]:
        return head + '<p>No offices yet: add one with kiosk-central office-set.</p>'
    return head + "".join(office_table(office, ids[office["office_id"]], now)
                          for office in (overview["offices"] if shown is None else shown))

"""The dashboard's help requests: who is waiting at which kiosk, kept live by the page's one script.

    help_section(requests, today, view_office="leeds", csrf=session.csrf, back="/dashboard?office=leeds")

The list is drawn on the server, so it shows and its "Done" buttons work with no script. ``/dashboard-help.js``
(``SCRIPT``, the only script the dashboard has, served by the service itself: docs/adr/021) then asks
``/v1/help-requests`` every ``POLL_S`` seconds and redraws the list in place, so a new request shows within
seconds without the page reloading. It writes text with ``textContent`` only: a kiosk's name can never become
markup. The list is an ``aria-live`` region, so a screen reader says when someone new is waiting.
"""

from __future__ import annotations

import json
from html import escape

from sync.central.dashboard_words import duration

#: How often the page asks for the list, in seconds (the issue asks for a new request within 10 seconds).
POLL_S = 5
#: Each part of the kiosk as staff would say it.
AREA_WORDS = {"home": "Home page", "jobs": "Job search", "benefits": "Benefits check", "cv": "CV builder",
              "other": "Somewhere else on the kiosk"}


def _row(request: dict, csrf: str, back: str) -> str:
    return (f'<tr><td>{escape(request.get("kiosk_name") or request["kiosk_id"])}</td>'
            f'<td>{escape(AREA_WORDS.get(request["area"], request["area"]))}</td>'
            f'<td>{escape(duration(request["waited_s"]))}</td>'
            f'<td><form method="post" action="/dashboard/help-requests/{escape(request["request_id"])}/done">'
            f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
            f'<input type="hidden" name="back" value="{escape(back)}">'
            f'<button type="submit">Done<span class="visually-hidden"> at '
            f'{escape(request.get("kiosk_name") or request["kiosk_id"])}</span></button></form></td></tr>')


def help_list(requests: list[dict], csrf: str, back: str) -> str:
    """The waiting requests as a table, oldest first, or a sentence saying nobody is waiting.

    :param requests: from ``open_requests``.
    :param csrf: the session's anti-forgery token, for the "Done" forms.
    :param back: the dashboard address to come back to after "Done".
    """
    if not requests:
        return '<p class="all-clear">Nobody is waiting for help.</p>'
    rows = "".join(_row(request, csrf, back) for request in requests)
    waiting = "1 person is" if len(requests) == 1 else f"{len(requests)} people are"
    return (f'<p class="note-box"><strong>{waiting} waiting for help.</strong></p>'
            '<div class="table-wrap"><table class="help"><thead><tr><th scope="col">Kiosk</th>'
            '<th scope="col">Where on the kiosk</th><th scope="col">Waiting for</th><th scope="col">Action</th>'
            f'</tr></thead><tbody>{rows}</tbody></table></div>')


def _today(stats: list[dict]) -> str:
    asked = sum(row["requests"] for row in stats)
    answered = sum(row["answered"] for row in stats)
    waits = [row["median_wait_s"] for row in stats if row["median_wait_s"] is not None]
    words = f"Today: {asked} {'request' if asked == 1 else 'requests'}, {answered} answered by staff"
    if waits:  # one office's median, or the slowest office's when the page shows them all
        words += f", typical wait {duration(max(waits))}"
    return f'<p class="updated">{escape(words)}.</p>'


def help_section(requests: list[dict], today: list[dict], *, office: str, csrf: str, back: str,
                 live: bool) -> str:
    """The "Help requests" section: what to do, the live list, and today's figures.

    :param requests: from ``open_requests`` (the office chosen, or every office).
    :param today: from ``help_stats`` for today.
    :param office: the office the page shows ("" for every office): the script asks for the same.
    :param csrf: the session's anti-forgery token.
    :param back: this page's address, to come back to after "Done".
    :param live: whether the list keeps itself up to date (automatic updates on).
    """
    data = {"office": office, "csrf": csrf, "back": back, "areas": AREA_WORDS, "live": live, "poll_s": POLL_S}
    attributes = " ".join(f'data-{name}="{escape(value if isinstance(value, str) else json.dumps(value))}"'
                          for name, value in data.items())
    return (f'<section id="help-requests" aria-labelledby="help" {attributes}>'
            '<h2 id="help">Help requests</h2>'
            '<p>Someone at one of these kiosks touched "Ask a member of staff for help". Go to the kiosk. When you '
            'have helped, press Done here, or put your staff card in the kiosk.</p>'
            f'<div id="help-list" aria-live="polite">{help_list(requests, csrf, back)}</div>'
            f'{_today(today)}</section><script src="/dashboard-help.js"></script>')


#: The page's script. Plain ES5-level JavaScript with no library; Chromium runs it in the tests.
SCRIPT = r"""
(function () {
  "use strict";
  var section = document.getElementById("help-requests");
  if (!section || !window.fetch) { return; }
  var list = document.getElementById("help-list");
  var get = function (name) { return JSON.parse(section.getAttribute("data-" + name) || "null"); };
  var office = section.getAttribute("data-office"), csrf = section.getAttribute("data-csrf");
  var back = section.getAttribute("data-back"), areas = get("areas");
  if (!get("live")) { return; }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function duration(s) {
    if (s < 60) { return "less than a minute"; }
    if (s < 3600) { return plural(Math.floor(s / 60), "minute"); }
    if (s < 2 * 86400) { return plural(Math.floor(s / 3600), "hour"); }
    return plural(Math.floor(s / 86400), "day");
  }
  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    for (var name in (attributes || {})) { node.setAttribute(name, attributes[name]); }
    return node;
  }
  function doneForm(request) {
    var form = element("form", null, {method: "post",
      action: "/dashboard/help-requests/" + encodeURIComponent(request.request_id) + "/done"});
    form.appendChild(element("input", null, {type: "hidden", name: "csrf", value: csrf}));
    form.appendChild(element("input", null, {type: "hidden", name: "back", value: back}));
    var button = element("button", "Done", {type: "submit"});
    button.appendChild(element("span", " at " + (request.kiosk_name || request.kiosk_id),
                               {"class": "visually-hidden"}));
    form.appendChild(button);
    return form;
  }
  function draw(requests) {
    var focused = document.activeElement && list.contains(document.activeElement);
    list.textContent = "";
    if (!requests.length) {
      list.appendChild(element("p", "Nobody is waiting for help.", {"class": "all-clear"}));
      return;
    }
    var note = element("p", null, {"class": "note-box"});
    note.appendChild(element("strong", requests.length === 1 ? "1 person is waiting for help."
                                       : requests.length + " people are waiting for help."));
    list.appendChild(note);
    var wrap = element("div", null, {"class": "table-wrap"}), table = element("table", null, {"class": "help"});
    var head = element("tr");
    ["Kiosk", "Where on the kiosk", "Waiting for", "Action"].forEach(function (words) {
      head.appendChild(element("th", words, {scope: "col"}));
    });
    table.appendChild(element("thead")).appendChild(head);
    var body = table.appendChild(element("tbody"));
    requests.forEach(function (request) {
      var row = body.appendChild(element("tr"));
      row.appendChild(element("td", request.kiosk_name || request.kiosk_id));
      row.appendChild(element("td", areas[request.area] || request.area));
      row.appendChild(element("td", duration(request.waited_s)));
      row.appendChild(element("td")).appendChild(doneForm(request));
    });
    wrap.appendChild(table);
    list.appendChild(wrap);
    if (focused) { list.setAttribute("tabindex", "-1"); list.focus(); }  // focus is not lost with the old list
  }
  function refresh() {
    var url = "/v1/help-requests" + (office ? "?office=" + encodeURIComponent(office) : "");
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (reply) { return reply.ok ? reply.json() : null; })
      .then(function (data) { if (data) { draw(data.requests); } })
      .catch(function () { /* offline for a moment: the list stays as it was, and the next poll tries again */ });
  }
  window.setInterval(refresh, get("poll_s") * 1000);
})();
""".strip()

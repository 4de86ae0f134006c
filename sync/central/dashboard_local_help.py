"""The dashboard's "Help near you" page for one office: its list, a Remove button on each entry, and a form to add
one, drawn on the server like the rest of the dashboard.

    html = local_help_page("leeds", "Leeds Jobcentre", entries, user="alex", csrf=session.csrf)
    html = local_help_page(..., error="local_help entry 4 url must start https://.", values=form)   # 422

Everything the office wrote is escaped: this page shows text, never markup. The form keeps what was typed when a
change is refused, with the reason at the top and linked to from there (GOV.UK's error summary).
"""

from __future__ import annotations

from html import escape

from sync.central.dashboard_page import View, _banner, _head
from sync.local_help import CATEGORIES, NEW_LIMITS

#: The kinds of help as the kiosk names them, for the form's choice.
CATEGORY_WORDS = {"digital": "Using computers and free internet", "money": "Money and debt advice",
                  "food": "Food and essentials", "housing": "Housing", "health": "Health and wellbeing",
                  "training": "Training and courses", "childcare": "Childcare"}
#: The form's fields: name, label, the longest text taken, and whether it is a paragraph.
FIELDS = (("name", "Name", 200, False), ("phone", "Phone number, as people dial it", 40, False),
          ("url", "Web address, starting https://", 500, False),
          ("about_en", "What it does, in English", 1000, True), ("about_cy", "What it does, in Welsh", 1000, True),
          ("opening_en", "When it is open, in English", NEW_LIMITS["opening_en"], False),
          ("opening_cy", "When it is open, in Welsh", NEW_LIMITS["opening_cy"], False))


def _entry_row(office_id: str, number: int, entry: dict, csrf: str) -> str:
    """One entry: its number, name, kind of help, phone and web address, and a Remove button."""
    kind = CATEGORY_WORDS.get(entry.get("category") or "", "Other help")
    reach = " ".join(escape(entry[key]) for key in ("phone", "url") if entry.get(key)) or "&nbsp;"
    return (f'<tr><td>{number}</td><td>{escape(entry["name"])}</td><td>{escape(kind)}</td><td>{reach}</td>'
            f'<td><form method="post" action="/dashboard/offices/{escape(office_id)}/local-help/remove">'
            f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
            f'<input type="hidden" name="number" value="{number}">'
            f'<button type="submit">Remove <span class="visually-hidden">{escape(entry["name"])}</span></button>'
            '</form></td></tr>')


def _field(name: str, label: str, limit: int, paragraph: bool, value: str) -> str:
    if paragraph:
        control = (f'<textarea id="{name}" name="{name}" rows="3" maxlength="{limit}">{escape(value)}</textarea>')
    else:
        control = f'<input id="{name}" name="{name}" maxlength="{limit}" value="{escape(value)}">'
    return f'<p><label for="{name}">{escape(label)}</label><br>{control}</p>'


def _add_form(office_id: str, csrf: str, values: dict) -> str:
    """The form to add an entry, holding ``values`` (what was typed, after a refusal)."""
    chosen = values.get("category", "")
    options = ['<option value="">Other help (no kind)</option>'] + [
        f'<option value="{key}"{" selected" if key == chosen else ""}>{escape(CATEGORY_WORDS[key])}</option>'
        for key in CATEGORIES]
    fields = [_field(name, label, limit, paragraph, values.get(name, "")) for name, label, limit, paragraph in FIELDS]
    fields.insert(1, f'<p><label for="category">Kind of help</label><br><select id="category" name="category">'
                     f'{"".join(options)}</select></p>')
    return (f'<h2 id="add">Add an organisation</h2><form method="post" '
            f'action="/dashboard/offices/{escape(office_id)}/local-help" class="local-help-form">'
            f'<input type="hidden" name="csrf" value="{escape(csrf)}">{"".join(fields)}'
            '<p><button type="submit">Add to the list</button></p></form>')


def local_help_page(office_id: str, office_name: str, entries: list[dict], *, user: str, csrf: str, error: str = "",
                    done: str = "", values: dict | None = None) -> str:
    """The whole page.

    :param office_id: the office.
    :param office_name: its name.
    :param entries: its local help entries, in order.
    :param user: the signed-in user's name.
    :param csrf: the session's anti-forgery token, for every form.
    :param error: why the last change was refused ("" if it was not).
    :param done: what the last change did ("Added Leeds Food Bank."), shown as a status.
    :param values: what was typed in the add form, kept after a refusal.
    """
    parts = [_head(f"Help near you: {office_name}", View(refresh=False)), "<body>", _banner(user, csrf),
             '<main id="main" class="wrap" tabindex="-1">',
             f'<p><a href="/dashboard?office={escape(office_id)}">Back to the dashboard</a></p>',
             f'<h1>Help near you: {escape(office_name)}</h1>']
    if error:
        parts.append('<div class="error-summary" role="alert" tabindex="-1"><h2>There is a problem</h2>'
                     f'<p><a href="#add">{escape(error)}</a></p><p>Nothing was changed.</p></div>')
    if done:
        parts.append(f'<p class="note-box" role="status">{escape(done)} The office\'s kiosks get the new list at '
                     'their next sync.</p>')
    parts.append(f'<p>The local organisations the office\'s kiosks list under "Help near you" ({len(entries)} of '
                 'at most 30). Kiosks show them by kind of help, in this order.</p>')
    if entries:
        rows = "".join(_entry_row(office_id, number, entry, csrf) for number, entry in enumerate(entries, 1))
        parts.append('<table><caption class="visually-hidden">Local help entries</caption><thead><tr>'
                     '<th scope="col">Number</th><th scope="col">Name</th><th scope="col">Kind of help</th>'
                     f'<th scope="col">Phone and web address</th><th scope="col">Remove</th></tr></thead>'
                     f'<tbody>{rows}</tbody></table>')
    else:
        parts.append('<p>The list is empty: the kiosks do not offer "Help near you".</p>')
    parts += [_add_form(office_id, csrf, values or {}), "</main></body></html>"]
    return "".join(parts)

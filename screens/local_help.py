""""Help near you" (issue #19 point 3): the office's list of local organisations, first as the kinds of help it has
(one touch each), then that kind's organisations, each with what it does, when it is open, its phone number written
out and a QR code of its web address or phone number; printed on one page.

    app.nav.go("local_help")                  # the kinds of help this office lists
    open_group(app, "money")                  # the organisations of one kind (``kiosk.local_help.GROUPS``)

The entries are the office's, from the central service (``app.services.office().local_help``), read as each page
opens so a new list arrives without a restart. What the office wrote is shown as plain text, never as markup.
Opening the list and each kind of help looked at are counted once a visit; a printed list each time
(``sync.local_help.LOCAL_HELP_EVENTS``): never which organisation.
"""

from __future__ import annotations

from kivy.properties import ListProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.benefits.result_wording import web_address
from kiosk.jobs.phone_link import TooLongForQr, qr_matrix
from kiosk.local_help import by_category, code_text, in_language, with_every_field
from screens.base import KioskScreen, show_only
from screens.printing import print_document
from screens.qr_code import qr_texture
from screens.read_aloud import page_parts
from screens.widgets import ChevronButton, running_app


def office_local_help(app) -> list[dict]:
    """The office's local help entries now, each with every field (none on a kiosk without an office config).

    :param app: the KioskApp.
    """
    office = app.services.office()
    return [with_every_field(entry) for entry in (getattr(office, "local_help", None) or ())]


def open_group(app, group: str) -> None:
    """Open the organisations of one kind of help.

    :param app: the KioskApp.
    :param group: one of ``kiosk.local_help.GROUPS``.
    """
    app.sm.get_screen("local_help_group").group = group
    app.nav.go("local_help_group")


class GroupButton(ChevronButton):
    """One kind of help on the first page: its plain name; touching it lists that kind's organisations."""

    group = StringProperty("")

    def on_release(self):
        """Open this kind of help's organisations."""
        open_group(running_app(), self.group)


class LocalHelpScreen(KioskScreen):
    """The kinds of help the office lists, each one touch; only those with an organisation in them."""

    #: The groups shown, in ``kiosk.local_help.GROUPS`` order.
    groups = ListProperty()

    def on_pre_enter(self, *_args) -> None:
        """Read the office's list and show a button for each kind of help in it."""
        app = running_app()
        self.groups = [group for group, _entries in by_category(office_local_help(app))]
        box = self.ids.groups
        box.clear_widgets()
        for group in self.groups:
            box.add_widget(GroupButton(group=group))
        ids = self.ids
        # Home offers this page only when there is help to list; the office's list may have emptied since.
        show_only(ids.column, [ids.title, ids.read_page, ids.intro, ids.groups] if self.groups
                  else [ids.title, ids.none])
        app.services.count_once(app.session, "local_help_opened")

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: the heading, the question, then each kind of help: on this page the
        buttons are the content, the choices a person who cannot read them needs to hear."""
        return page_parts(self, buttons=True)

    def reset(self) -> None:
        """Forget the list: the next person's office list is read again."""
        super().reset()
        self.groups = []
        self.ids.groups.clear_widgets()


class LocalHelpCard(BoxLayout):
    """One organisation: its name, what it does, when it is open, its phone number and a QR code to reach it."""

    entry = ObjectProperty({})
    texture = ObjectProperty(None, allownone=True)

    def show(self, entry: dict, texture, language: str) -> None:
        """Show one organisation; lines it has nothing for are left out.

        :param entry: the entry, with every field.
        :param texture: its QR code, or None.
        :param language: the person's language, for what it does and its opening times.
        """
        self.entry, self.texture = entry, texture
        ids = self.ids
        shown = [ids.name]
        shown += [ids.about] if in_language(entry, "about", language) else []
        shown += [ids.opening] if in_language(entry, "opening", language) else []
        shown += [ids.phone] if entry["phone"] else []
        shown += [ids.code_row] if texture is not None else []
        show_only(self, shown)

    def code_words(self, t) -> str:
        """What the code is for, with the web address written out (a code of a phone number says "call them").

        :param t: the person's catalogue (passed by the .kv rule, so a change of language redraws it).
        """
        url = self.entry.get("url", "")
        if url:
            return t.text("local_help.code_web", address=web_address(url))
        return t["local_help.code_phone"]

    def spoken_code_words(self, t) -> str:
        """What the code is for, without the web address: read aloud, an address is a string of letters."""
        return t["local_help.code_web_spoken"] if self.entry.get("url") else t["local_help.code_phone"]


class LocalHelpGroupScreen(KioskScreen):
    """The organisations of one kind of help, in the office's order, with Print and "Choose another kind of help"."""

    #: The kind of help shown: one of ``kiosk.local_help.GROUPS``.
    group = StringProperty("")
    #: The entries shown, each with every field.
    entries = ListProperty()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        # QR codes by what they hold: the same few organisations come up visit after visit.
        self._codes: dict[str, object] = {}

    def on_group(self, _screen, group: str) -> None:
        """Read the group's heading aloud when the page opens, as every page's."""
        self.heading_key = f"local_help.group.{group}" if group else "local_help.heading"

    def on_pre_enter(self, *_args) -> None:
        """Read the office's list and lay out this group's organisations."""
        app = running_app()
        groups = dict(by_category(office_local_help(app)))
        self.entries = groups.get(self.group, [])
        box = self.ids.cards
        cards = list(reversed(box.children))
        for card in cards[len(self.entries):]:
            box.remove_widget(card)
        for index, entry in enumerate(self.entries):
            if index >= len(cards):
                cards.append(LocalHelpCard())
                box.add_widget(cards[-1])
            cards[index].show(entry, self._code(code_text(entry)), app.t.language)
        ids = self.ids
        show_only(ids.column, [ids.title, ids.read_page, ids.intro, ids.cards, ids.actions] if self.entries
                  else [ids.title, ids.none, ids.actions])
        ids.print_list.disabled = not self.entries
        ids.page.scroll_y = 1
        if self.entries:
            app.services.count_once(app.session, f"local_help_{self.group}")

    def _code(self, text: str):
        """The QR code texture of a web address or ``tel:`` link (made once for each), or None."""
        if text and text not in self._codes:
            try:
                self._codes[text] = qr_texture(qr_matrix(text))
            except TooLongForQr:
                self._codes[text] = None
        return self._codes.get(text)

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: the heading and the line under it, then each organisation as it shows,
        its code's purpose without the web address (a string of letters read aloud helps nobody)."""
        ids = self.ids
        parts = [(widget, widget.text) for widget in (ids.title, ids.intro, ids.none) if widget.parent is not None]
        t = running_app().t
        for card in reversed(ids.cards.children):
            c = card.ids
            parts += [(widget, widget.text) for widget in (c.name, c.about, c.opening, c.phone)
                      if widget.parent is not None]
            if c.code_row.parent is not None:
                parts.append((c.code_words, card.spoken_code_words(t)))
        return parts

    def print_list(self) -> None:
        """"Print this list": the group's organisations on one A4 page, in the person's language."""
        app = running_app()
        entries, group = list(self.entries), self.group
        # Imported here, not at the top: fpdf2 costs memory and start-up time most people never need.
        from kiosk.local_help_printout import local_help_pdf
        print_document(app, lambda large: local_help_pdf(app.t, group, entries, large_print=large),
                       app.t["local_help.heading"], lambda: app.services.count("local_help_printed"),
                       what="help near you printout")

    def can_print_for_customer(self) -> bool:
        """A list is showing."""
        return bool(self.entries)

    def print_for_customer(self) -> None:
        """Staff tools print the list."""
        self.print_list()

    def reset(self) -> None:
        """Forget which kind of help was looked at, and its organisations (the QR codes are kept: they are the
        office's, and hold nothing of anyone's)."""
        super().reset()
        self.group, self.entries = "", []
        self.ids.cards.clear_widgets()

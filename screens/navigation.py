"""Where the person is: opening screens, Back, Start again, the start and end of a visit, and the panels.

    app.nav.go("jobs")            # Back returns to the screen before
    app.nav.back()
    app.nav.ask_to_finish()       # "Finish" in the bar: "Are you sure?" first
    app.nav.finish()              # the wipe, then the attract screen

The App holds one ``Navigation`` as ``app.nav``; .kv rules call it as ``app.nav.go('cv')``.
"""

from __future__ import annotations

from kivy.cache import Cache

from screens.identity import show_identity


class Navigation:
    """The screens' history and the visit's start and end.

    :param app: the ``KioskApp`` (its ``sm``, ``shell``, ``session`` and ``panels`` exist once it is built).
    """

    def __init__(self, app) -> None:
        self.app = app
        #: The screens Back returns through, oldest first.
        self.history: list[str] = []
        # What "Yes, start a new check" starts, while that question is asked (``ask_before_new_check``).
        self._on_new_check = None

    def go(self, name: str) -> None:
        """Open a screen, remembering where Back should return to.

        :param name: a name from ``screens.app.SCREENS``.
        """
        sm = self.app.sm
        if name != sm.current:
            self.history.append(sm.current)
            sm.current = name

    def return_to(self, name: str) -> None:
        """Go back to ``name`` if the person came from there, otherwise open it (so Back never loops).

        :param name: a name from ``screens.app.SCREENS``.
        """
        if self.history and self.history[-1] == name:
            self.back()
        else:
            self.go(name)

    def back(self) -> None:
        """Return to the previous screen (home if there is none)."""
        # A screen with pages of its own (the benefits questions) goes back a page first.
        go_back = getattr(self.app.screen, "go_back", None)
        if go_back is not None and go_back():
            return
        self.app.sm.current = self.history.pop() if self.history else "home"

    def start_again(self) -> None:
        """Clear the answers of the part of the kiosk the person is in and go back to its first page."""
        app = self.app
        section = app.screen.section
        app.session.clear_section(section)
        for screen in app.sm.screens:
            if screen.section == section:
                screen.reset()
        # A section's first page has the section's name ("jobs", "benefits", "cv").
        first = section if app.sm.has_screen(section) else "home"
        self.history = ["home"] if first != "home" else []
        app.sm.current = first

    def begin(self) -> None:
        """A person has started: arm the idle timer and show home. Safe to call more than once."""
        app = self.app
        if not app.session.in_use:
            app.session.in_use = True
            app.services.count("session_started")
            app.sm.get_screen("attract").cleared = False
            app.idle.start()
            if app.staff_mode == "assisted":
                self.mark_assisted()
        if app.sm.current == "attract":
            self.history = []
            app.sm.current = "home"

    def open_statement(self, name: str) -> None:
        """Open the privacy notice or the accessibility statement; from the attract screen this starts a visit,
        so Back leads home and the page is cleared away like any other when the person leaves.

        :param name: "privacy" or "accessibility_statement".
        """
        self.begin_if_attract()
        self.go(name)

    def begin_if_attract(self) -> None:
        """Opening a panel from the attract screen means someone is here: start their session."""
        if not self.app.session.in_use:
            self.begin()

    def mark_assisted(self) -> None:
        """A digital champion is helping in this session (counted once per session)."""
        session = self.app.session
        if session.in_use and not session.assisted:
            session.assisted = True
            self.app.services.count("assisted_session")

    def ask_to_finish(self) -> None:
        """"Finish": ask first (GOV.UK warning), since everything the person typed goes."""
        self._ask("finish")

    def ask_to_start_again(self) -> None:
        """"Start again" at the end of a journey: ask first, since the answers of this part go."""
        self._ask("start_again", self.app.screen.section)

    def ask_before_new_check(self, start) -> None:
        """A new benefits check would replace answers the person has given: ask first, and ``start()`` on yes.

        :param start: what starts the new check (a life event's "Check what you could get").
        """
        self._on_new_check = start
        self._ask("new_check")

    def _ask(self, what: str, section: str = "") -> None:
        panel = self.app.panels["confirm"]
        panel.what, panel.section = what, section
        self.app.shell.show_overlay(panel)
        self.app.access.read(panel)

    def confirmed(self, what: str) -> None:
        """The person said yes to "Are you sure?": close the question and do it.

        :param what: "finish", "start_again" or "new_check".
        """
        self.close_overlay()
        if what == "finish":
            self.finish()
        elif what == "new_check":
            start, self._on_new_check = self._on_new_check, None
            if start is not None:
                start()
        else:
            self.start_again()

    def finish(self) -> None:
        """Finish (confirmed, or "Finish and clear my details" on "Are you still there?"): wipe now."""
        self.wipe("finished")

    def wipe(self, reason: str) -> None:
        """Forget everything about the person and reset every screen and widget.

        :param reason: "finished", "timeout", "error", "staff" (for the log only).
        """
        self.app.session.wipe(reason)

    def after_wipe(self, reason: str) -> None:
        """The session was wiped: put every screen, panel and cache back as the next person should find them.

        :param reason: why (the attract screen says "your details were cleared" unless the tour wiped).
        """
        app = self.app
        app.idle.stop()
        app.reader.stop()
        app.services.speech.stop()
        # Pages printed but not collected go too (the PDF-file printer deletes its files).
        app.services.printer.cancel_all()
        self.close_overlay()
        for screen in app.sm.screens:
            screen.reset()
        for panel in (*app.panels.values(), *app.staff.panels):
            if hasattr(panel, "reset"):
                panel.reset()
        # Anything a field ever showed can linger in these caches and in the clipboard.
        Cache.remove("textinput.label")
        Cache.remove("textinput.width")
        try:
            from kivy.core.clipboard import Clipboard
            Clipboard.copy("")
        except Exception:  # noqa: BLE001 - no clipboard provider on this machine is not a privacy risk
            pass
        app.access.apply()
        app.access.set_language(app.session.language)
        show_identity(app)
        self.history = []
        attract = app.sm.get_screen("attract")
        attract.cleared = reason in ("timeout", "finished", "error", "staff")
        app.sm.current = "attract"

    # --- panels over the screen --------------------------------------------------------------------------------

    def open_accessibility(self) -> None:
        """Show the accessibility panel."""
        self.begin_if_attract()
        self.app.shell.show_overlay(self.app.panels["accessibility"])
        self.app.access.speak(self.app.t["a11y.heading"])

    def open_help(self) -> None:
        """Ask the office's staff to come (``screens.help_desk``), and show where the request is."""
        self.app.help_desk.ask()  # before begin_if_attract: the part of the kiosk in use is the one touched from
        self.begin_if_attract()
        self.app.shell.show_overlay(self.app.panels["help"])
        self.app.access.read(self.app.panels["help"])

    def close_overlay(self) -> None:
        """Close the panel showing, if any."""
        self.app.shell.close_overlay()

    def on_screen_changed(self, sm, name: str) -> None:
        """Show the back link on inner screens only, set the idle time, and read the heading aloud.

        :param sm: the screen manager.
        :param name: the screen now showing.
        """
        app = self.app
        screen = sm.get_screen(name)
        app.inner = screen.inner
        app.show_nav = name != "attract"
        app.shell.show_inner_controls(app.inner)
        app.idle.refresh_limit()
        app.reader.stop()  # leaving a page stops its reading
        if screen.read_on_open and app.session.accessibility.read_aloud:
            app.access.read(screen)
        elif screen.heading_key:
            app.access.speak(screen.heading_words(app.t))

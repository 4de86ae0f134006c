"""Staff modes in the running kiosk: a staff card in the reader, its PIN, then assisted mode or maintenance.

    app.staff = StaffController(app, devices)      # in KioskApp.build; card events arrive on Kivy's main thread

- A staff card goes in: the masked PIN keypad covers the screen, and the idle timer waits (no wipe while the
  card is in).
- The right PIN, and the card proves it is genuine: a digital champion's card turns on assisted mode (a banner,
  staff tools; the customer's session carries on); an IT card wipes the customer's session and opens maintenance.
- The card comes out: the staff mode ends at once and the customer's session carries on under the normal rules.

Which card opens what is decided in ``kiosk.staff.access``; the card itself is checked in ``device.staff_card.session``.
"""

from __future__ import annotations

import logging

from kiosk.log_summary import install_log_summary
from kiosk.local_settings import save_local_setting
from kiosk.staff.access import mode_for_roles
from kiosk.staff.status_words import device_lines, log_lines, sync_line
from screens.staff.panels import MaintenancePanel, StaffPinPanel, StaffToolsPanel

log = logging.getLogger("jobpoint.staff")

#: The name the staff card holds the idle timer under.
IDLE_HOLD = "staff_card"
#: Kivy keycodes: 0-9 on the main row (48-57) and the number pad (256-265); Backspace; Enter and pad Enter.
PIN_DIGIT_KEYS = {**{48 + n: str(n) for n in range(10)}, **{256 + n: str(n) for n in range(10)}}
KEY_BACKSPACE = 8
KEYS_ENTER = (13, 271)


class StaffController:
    """Turns staff-card events into staff modes and carries out what the staff panels ask for.

    :param app: the KioskApp (its ``staff_mode`` property is kept up to date here).
    :param devices: the app's ``device.Devices``, or None when the kiosk has no card reader at all.
    """

    def __init__(self, app, devices) -> None:
        self.app = app
        self.devices = devices
        self.identity = None
        self.log_summary = install_log_summary()
        # Each panel is made the first time it is shown: most kiosks go hours without a staff card.
        self._panels: dict[type, object] = {}
        self.cards = devices.staff_cards() if devices is not None else None
        if self.cards is not None:
            self.cards.bind(on_pin_needed=self._pin_needed, on_not_staff_card=self._not_staff_card,
                            on_staff_card_ready=self._ready, on_staff_card_removed=self._removed)
        from kivy.core.window import Window
        Window.bind(on_key_down=self._on_key_down)

    def _panel(self, cls):
        if cls not in self._panels:
            self._panels[cls] = cls()
        return self._panels[cls]

    @property
    def pin_panel(self) -> StaffPinPanel:
        """The panel that asks for a staff card's PIN."""
        return self._panel(StaffPinPanel)

    @property
    def tools_panel(self) -> StaffToolsPanel:
        """The digital champion's tools."""
        return self._panel(StaffToolsPanel)

    @property
    def maintenance_panel(self) -> MaintenancePanel:
        """IT staff's maintenance panel."""
        return self._panel(MaintenancePanel)

    @property
    def panels(self) -> tuple:
        """Every staff panel made so far (the wipe resets them; card removal closes them)."""
        return tuple(self._panels.values())

    def close(self) -> None:
        """Stop following the card reader (the app is stopping)."""
        if self.cards is not None:
            self.cards.close()
        from kivy.core.window import Window
        Window.unbind(on_key_down=self._on_key_down)

    # --- the card ----------------------------------------------------------------------------------------

    def _pin_needed(self, tries_left) -> None:
        self.app.staff_mode = "pin"
        self.app.idle.suspend(IDLE_HOLD)
        self.pin_panel.ask(tries_left)
        self.app.shell.show_overlay(self.pin_panel, full=True)
        self.app.access.speak(self.app.t["staff.pin_heading"] + ". " + self.app.t["staff.pin_body"])

    def _on_key_down(self, _window, keycode, _scancode, _text, _modifiers):
        # A keyboard works on the keypad too (some staff desks have one), digits from either row of keys.
        panel = self.pin_panel
        if self.app.shell.overlay is not panel or not panel.can_type:
            return False
        if keycode in PIN_DIGIT_KEYS:
            panel.press(PIN_DIGIT_KEYS[keycode])
        elif keycode == KEY_BACKSPACE:
            panel.delete()
        elif keycode in KEYS_ENTER:
            panel.submit()
        else:
            return False
        return True

    def _not_staff_card(self, message_key: str) -> None:
        self.pin_panel.tell(message_key)
        self.app.shell.show_overlay(self.pin_panel, full=True)
        self.app.access.speak(self.app.t[message_key])

    def verify_pin(self, digits: bytearray) -> None:
        """Have the card check the PIN typed on the keypad; the caller wipes ``digits`` afterwards.

        :param digits: the ASCII digits.
        """
        if self.cards is None:
            return
        result = self.cards.verify_pin(digits)
        if result.ok:
            return  # on_staff_card_ready has already opened the staff mode
        if result.status == "wrong_pin":
            self.pin_panel.ask(result.tries_left)
            self.pin_panel.message_key = "card.pin_wrong"
        elif result.status == "pin_format":
            self.pin_panel.message_key = result.message_key
        else:  # locked, not genuine, expired, removed, unreadable: nothing more can be typed on this card
            self.pin_panel.tell(result.message_key or "card.read_error")
        log.info("staff card: PIN not accepted (%s)", result.status)
        self.app.access.speak(self.app.t[self.pin_panel.message_key])

    def cancel_pin(self) -> None:
        """The keypad's Cancel (or Close under a message): back to what was showing."""
        if self.app.staff_mode == "pin":
            self.app.staff_mode = "none"
            self.app.idle.resume(IDLE_HOLD)
        self.pin_panel.ask(None)
        self.app.nav.close_overlay()

    def _ready(self, identity) -> None:
        mode = mode_for_roles(identity.roles)
        if mode is None:
            self.pin_panel.tell("card.no_role")
            return
        self.identity = identity
        log.info("staff card %s: %s mode", identity.card_id, mode)
        self.app.help_desk.staff_arrived()  # a member of staff is at this kiosk: a request for help is answered
        self.pin_panel.ask(None)
        self.app.nav.close_overlay()
        if mode == "assisted":
            self.app.staff_mode = "assisted"
            self.app.nav.begin_if_attract()
            self.app.nav.mark_assisted()
        else:
            language = self.app.lang
            self.app.nav.wipe("staff")  # IT staff see nothing of the customer who was here
            # ... but keep the language the kiosk was in: staff who switched to Welsh get maintenance in Welsh.
            self.app.access.set_language(language)
            self.app.idle.suspend(IDLE_HOLD)  # the wipe stopped the idle timer; keep it held while the card is in
            self.app.staff_mode = "maintenance"
            self.open_maintenance()

    def _removed(self) -> None:
        was = self.app.staff_mode
        self.app.staff_mode = "none"
        self.identity = None
        self.app.idle.resume(IDLE_HOLD)
        if self.app.shell.overlay in self.panels:
            self.app.nav.close_overlay()
        self.pin_panel.ask(None)
        self.maintenance_panel.reset()
        if was == "maintenance":  # the next person starts in the kiosk's own language, not the staff member's
            self.app.access.set_language(self.app.session.default_language)
        log.info("staff card taken out; %s mode ended", was)

    # --- assisted mode -----------------------------------------------------------------------------------

    def open_tools(self) -> None:
        """The banner's "Staff tools"."""
        if self.app.staff_mode != "assisted":
            return
        self.tools_panel.reset()
        self.tools_panel.status_text = self.status_text()
        self.app.shell.show_overlay(self.tools_panel)

    def print_for_customer(self) -> None:
        """Print what the customer is looking at, if the page has anything to print."""
        screen = self.app.screen
        can_print = getattr(screen, "can_print_for_customer", None)
        if can_print is None or not can_print():
            self.tools_panel.note_key = "staff.nothing_to_print"
            return
        self.app.nav.close_overlay()
        screen.print_for_customer()

    def end_customer_session(self) -> None:
        """Wipe the customer's session now; assisted mode stays on while the card is in."""
        log.info("staff ended the customer's session")
        self.app.nav.wipe("staff")

    def status_text(self) -> str:
        """The kiosk's status in a few lines: each device, then sync."""
        return "\n".join([*self._device_lines(), self._sync_line()])

    def _device_lines(self) -> list[str]:
        if self.devices is None:
            return []
        rows = self.devices.describe()
        # The screen says what to do in the screen's language; the providers' own details are for IT, in the log.
        for row in rows:
            log.info("device %s (%s): %s; %s", row.device, row.provider, row.health, row.detail)
        return device_lines(self.app.t, rows)

    def _sync_line(self) -> str:
        return sync_line(self.app.t, self.app.services.sync_status())

    # --- maintenance -------------------------------------------------------------------------------------

    def open_maintenance(self) -> None:
        """Show maintenance over the whole screen, with up-to-date figures."""
        self.refresh_maintenance()
        self.app.shell.show_overlay(self.maintenance_panel, full=True)
        self.app.access.speak(self.app.t["maint.heading"])

    def refresh_maintenance(self) -> None:
        """Fill in devices, sync and the log summary."""
        panel = self.maintenance_panel
        panel.devices_text = "\n".join(self._device_lines())
        panel.sync_text = self._sync_line()
        status = self.app.services.sync_status()
        panel.can_sync = status is not None and status.state != "not_enrolled"
        panel.log_text = "\n".join(log_lines(self.app.t, self.log_summary))
        panel.default_language = self.app.settings["ui.default_language"]

    def sync_now(self) -> None:
        """Start a sync in the background; the panel shows how it went when it is next refreshed."""
        if self.app.staff_mode == "maintenance":
            self.app.services.sync_now()
            self.refresh_maintenance()

    def set_default_language(self, language: str) -> None:
        """The language each new person starts in, from now on and after restarts.

        :param language: "en" or "cy".
        """
        if self.app.staff_mode != "maintenance":
            return
        save_local_setting(self.app.settings, "ui.default_language", language)
        self.app.session.default_language = language
        self.maintenance_panel.default_language = language

    def close_maintenance(self) -> None:
        """"Back to the kiosk": the attract screen, with the card still in (idle stays held until it is out)."""
        self.app.nav.close_overlay()
        self.maintenance_panel.reset()

    def restart_app(self) -> None:
        """Stop the app and start it again in the same way."""
        if self.app.staff_mode == "maintenance":
            log.info("maintenance: restart requested")
            self.app.request_exit("restart")

    def leave_kiosk_mode(self) -> None:
        """The only way out of the locked kiosk: touched twice, it stops the app (exit status 0)."""
        if self.app.staff_mode != "maintenance":
            return
        panel = self.maintenance_panel
        if not panel.confirm_leave:
            panel.confirm_leave = True
            return
        log.warning("maintenance: leaving kiosk mode")
        self.app.request_exit("leave")

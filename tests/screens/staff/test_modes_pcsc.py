"""The staff modes of the running kiosk on the real PC/SC stack: pcscd + vpcd + a virtual staff card process.

Card events come from the PC/SC reader's own thread and reach the app through Kivy's Clock, as in production;
the PIN is typed by touching the on-screen keypad.
"""

import logging
import os
import time

import pytest

from tests.device.card_rig import PIN, VPCD_READER, VirtualCardProcess, vpcd_card_present, wait_until
from tests.screens.helpers import pass_idle_time, touch

pytestmark = [pytest.mark.pcsc, pytest.mark.ui]

log = logging.getLogger("tests.staff")
#: Generous: a slow CI machine may take a few seconds to start the virtual card process.
EVENT_WAIT = 15.0


@pytest.fixture
def pcsc_app(pcsc_stack, issuers, make_app, settings):
    """The kiosk on the PC/SC reader, trusting the test issuer; and a hand to put cards in and take them out."""
    from device import open_devices
    from screens.app import on_main_thread
    trusted, _forger = issuers
    settings["card.trusted_key_file"] = str(trusted.public_file)
    settings["card.reader"] = VPCD_READER
    devices = open_devices(settings, dispatch=on_main_thread, environ={**os.environ, "KIOSK_CARD": "pcsc"})
    assert devices.card.name == "pcsc"
    app = make_app(start_screen="home", devices=devices)
    hand = Hand()
    yield app, hand
    hand.remove()
    devices.close()


class Hand:
    """Puts one virtual card at a time into vpcd's reader and takes it out."""

    def __init__(self):
        self.card = None

    def insert(self, card_path):
        self.remove()
        self.card = VirtualCardProcess(card_path)

    def remove(self):
        if self.card is not None:
            self.card.stop()
            self.card = None
            assert wait_until(lambda: not vpcd_card_present()), "pcscd still sees the card"


def type_pin(driver, app, pin):
    panel = app.staff.pin_panel
    keys = {w.text: w for w in panel.ids.keypad.children}
    for digit in pin:
        touch(driver, keys[digit])
    touch(driver, panel.ids.enter)
    driver.pump(2)


def test_insert_pin_assisted_then_card_out_mid_session(pcsc_app, driver, clock, issuers, tmp_path):
    app, hand = pcsc_app
    app.session.search_text = "forklift"
    hand.insert(issuers[0].card(tmp_path))
    driver.wait_until(lambda: app.staff_mode == "pin", timeout=EVENT_WAIT)
    type_pin(driver, app, PIN)
    driver.wait_until(lambda: app.staff_mode == "assisted", timeout=EVENT_WAIT)
    assert app.shell.ids.assisted_banner.height > 0 and app.session.assisted
    pass_idle_time(app, driver, clock, app.settings["idle.seconds"] * 5)
    assert app.shell.overlay is None and app.session.search_text == "forklift", "no wipe while the card is in"
    started = time.monotonic()
    hand.card.stop()  # the card leaves the reader
    hand.card = None
    driver.wait_until(lambda: app.staff_mode == "none", timeout=EVENT_WAIT)
    log.warning("assisted mode ended %.2f s after the card process stopped", time.monotonic() - started)
    assert app.shell.ids.assisted_banner.height == 0
    assert app.session.search_text == "forklift", "the customer's session carries on"
    pass_idle_time(app, driver, clock, app.settings["idle.seconds"] + 1)
    assert app.shell.overlay is app.panels["idle"], "and the normal idle rules apply again"


def test_wrong_pin_shows_tries_left_then_the_card_locks(pcsc_app, driver, issuers, tmp_path):
    app, hand = pcsc_app
    hand.insert(issuers[0].card(tmp_path))
    driver.wait_until(lambda: app.staff_mode == "pin", timeout=EVENT_WAIT)
    panel = app.staff.pin_panel
    type_pin(driver, app, "1111")
    assert panel.message_key == "card.pin_wrong" and panel.tries_left == 2
    type_pin(driver, app, "2222")
    assert panel.tries_left == 1
    type_pin(driver, app, "3333")
    assert panel.message_key == "card.locked" and not panel.can_type
    # Out and in again: the card says it is locked before any PIN is asked for.
    hand.remove()
    driver.wait_until(lambda: app.staff_mode == "none", timeout=EVENT_WAIT)
    hand.insert(tmp_path / "card.json")
    driver.wait_until(lambda: app.shell.overlay is panel and panel.message_key == "card.locked", timeout=EVENT_WAIT)
    assert app.staff_mode == "none"


def test_card_taken_out_mid_pin(pcsc_app, driver, issuers, tmp_path):
    app, hand = pcsc_app
    hand.insert(issuers[0].card(tmp_path))
    driver.wait_until(lambda: app.staff_mode == "pin", timeout=EVENT_WAIT)
    keys = {w.text: w for w in app.staff.pin_panel.ids.keypad.children}
    touch(driver, keys["7"])
    touch(driver, keys["3"])
    hand.remove()
    driver.wait_until(lambda: app.staff_mode == "none", timeout=EVENT_WAIT)
    assert app.shell.overlay is None and app.staff.pin_panel.entry.length == 0


def test_a_card_without_the_staff_application_gets_a_plain_message(pcsc_app, driver, issuers, tmp_path):
    app, hand = pcsc_app
    hand.insert(issuers[0].card(tmp_path, aid="A0000000031010", name="bank"))
    panel = app.staff.pin_panel
    driver.wait_until(lambda: app.shell.overlay is panel and panel.message_key == "card.not_staff_card",
                      timeout=EVENT_WAIT)
    assert panel.ids.message.text == app.t["card.not_staff_card"] and app.staff_mode == "none"


def test_pcscd_stopped_and_started_again_the_kiosk_keeps_working(pcsc_app, pcsc_stack, driver, issuers, tmp_path):
    app, hand = pcsc_app
    if not pcsc_stack.ours:
        pytest.skip("pcscd was already running, not started by these tests, so they leave it alone")
    pcsc_stack.stop()
    driver.wait_until(lambda: app.services.devices.card.health() != "present", timeout=EVENT_WAIT)
    # The kiosk carries on: screens work, and staff tools would show the reader's problem.
    app.nav.go("jobs")
    driver.pump(2)
    assert app.sm.current == "jobs" and not app.recovery.out_of_service
    health = app.services.devices.card.health()
    expected = {"absent": "maint.dev.card_absent", "error": "maint.dev.card_error"}[health]
    assert app.t[expected] in app.staff.status_text().splitlines()
    pcsc_stack.start()
    driver.wait_until(lambda: app.services.devices.card.health() == "present", timeout=EVENT_WAIT)
    hand.insert(issuers[0].card(tmp_path))
    driver.wait_until(lambda: app.staff_mode == "pin", timeout=EVENT_WAIT)
    type_pin(driver, app, PIN)
    driver.wait_until(lambda: app.staff_mode == "assisted", timeout=EVENT_WAIT)

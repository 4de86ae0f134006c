"""Staff cards in the running kiosk (simulated reader): PIN keypad, assisted mode, maintenance.

The same flows run on the real PC/SC stack in tests/screens/staff/test_modes_pcsc.py.
"""

import pytest

from screens.staff.panels import MaintenancePanel, StaffPinPanel, StaffToolsPanel
from tests.screens.helpers import all_widgets, pass_idle_time, touch

pytestmark = pytest.mark.ui


def texts_holding(app, needle):
    """Widgets with ``needle`` inside any of their text (string) properties or attributes."""
    found = []
    for widget in all_widgets(app):
        values = [getattr(widget, name, None) for name in widget.properties()] + list(vars(widget).values())
        if any(isinstance(value, str) and needle in value for value in values):
            found.append(widget)
    return found


def keypad_key(panel, label):
    return next(w for w in panel.ids.keypad.children if w.text == label)


def type_pin(driver, app, pin, enter=True):
    panel = app.staff.pin_panel
    for digit in pin:
        touch(driver, keypad_key(panel, digit))
    if enter:
        touch(driver, panel.ids.enter)
    driver.pump(3)


def insert(driver, app, role="champion", pin="1234"):
    card = app.services.devices.card.insert_demo_card(role, pin=pin)
    driver.pump(3)  # card events reach the app on the next frame, as from the PC/SC thread
    return card


def remove(driver, app):
    app.services.devices.card.remove_card()
    driver.pump(3)


def test_champion_card_pin_then_assisted_mode_and_idle_held_while_the_card_is_in(make_app, driver, clock):
    app = make_app(start_screen="home")
    app.session.search_text = "forklift driver"
    insert(driver, app, pin="5937")
    assert isinstance(app.shell.overlay, StaffPinPanel) and app.staff_mode == "pin"
    type_pin(driver, app, "593", enter=False)
    assert app.staff.pin_panel.digits_typed == 3
    assert not texts_holding(app, "593"), "typed digits must not be kept in any widget"
    type_pin(driver, app, "7")
    assert app.staff_mode == "assisted"
    assert app.shell.overlay is None
    banner = app.shell.ids.assisted_banner
    assert banner.height > 0 and banner.opacity == 1
    assert app.session.assisted
    # No warning and no wipe however long the champion takes, while the card is in.
    pass_idle_time(app, driver, clock, app.settings["idle.seconds"] * 10)
    assert app.shell.overlay is None and app.session.search_text == "forklift driver"
    remove(driver, app)
    assert app.staff_mode == "none" and banner.height == 0
    # The customer's session carries on under the normal rules: warning, then the wipe.
    assert app.session.search_text == "forklift driver"
    pass_idle_time(app, driver, clock, app.settings["idle.seconds"] + 1)
    assert app.shell.overlay is app.panels["idle"]
    pass_idle_time(app, driver, clock, app.settings["idle.warning_seconds"] + 1)
    assert app.session.search_text == "" and app.sm.current == "attract"


def test_wrong_pins_show_tries_left_then_locked(make_app, driver):
    app = make_app(start_screen="home")
    insert(driver, app)
    panel = app.staff.pin_panel
    type_pin(driver, app, "9999")
    assert panel.message_key == "card.pin_wrong" and panel.tries_left == 2
    assert "2" in panel.ids.tries.text and panel.can_type
    type_pin(driver, app, "9998")
    assert panel.tries_left == 1
    type_pin(driver, app, "9997")
    assert panel.message_key == "card.locked" and not panel.can_type
    assert panel.ids.keypad_block.parent is None, "no keypad once the card is locked"
    assert app.staff_mode == "pin"
    # Even the right PIN cannot be typed now; taking the card out ends it.
    remove(driver, app)
    assert app.staff_mode == "none" and app.shell.overlay is None


def test_card_taken_out_mid_pin_closes_the_keypad_and_forgets_the_digits(make_app, driver):
    app = make_app(start_screen="home")
    insert(driver, app)
    type_pin(driver, app, "123", enter=False)
    remove(driver, app)
    assert app.shell.overlay is None and app.staff_mode == "none"
    assert app.staff.pin_panel.digits_typed == 0 and app.staff.pin_panel.entry.length == 0


def test_a_card_that_is_not_a_staff_card_says_so_plainly(make_app, driver):
    from device.staff_card.personalise import personalise
    from device.staff_card.virtual import VirtualStaffCard
    app = make_app(start_screen="home")
    reader = app.services.devices.card
    bank_card = VirtualStaffCard(personalise(reader.demo_issuer(), pin="1234", roles=("champion",),
                                             aid="A0000000031010"))
    reader.insert_card(bank_card)
    driver.pump(3)
    panel = app.staff.pin_panel
    assert app.shell.overlay is panel and panel.message_key == "card.not_staff_card" and not panel.can_type
    assert panel.ids.message.text == app.t["card.not_staff_card"]
    assert app.staff_mode == "none"
    touch(driver, panel.ids.cancel)
    assert app.shell.overlay is None


def test_staff_tools_say_each_devices_state_in_welsh(make_app, driver):
    app = make_app(start_screen="home")
    driver.tap(app.shell.ids.lang_cy)
    driver.pump(2)
    insert(driver, app)
    type_pin(driver, app, "1234")
    touch(driver, app.shell.ids.assisted_banner.ids.tools)
    tools = app.shell.overlay
    # simulated devices are fallbacks: never shown as working (issue #17), and said in Welsh (issue #18)
    assert app.t["maint.dev.card_simulated"] in tools.status_text.splitlines()
    assert "Argraffu i ffeiliau: heb ddod o hyd i argraffydd." in tools.status_text
    assert "Card reader" not in tools.status_text and "simulated" not in tools.status_text


def test_staff_tools_end_the_customer_session_and_keep_assisted_mode(make_app, driver):
    app = make_app(start_screen="home")
    app.nav.go("jobs")
    app.session.search_text = "care assistant"
    insert(driver, app)
    type_pin(driver, app, "1234")
    touch(driver, app.shell.ids.assisted_banner.ids.tools)
    tools = app.shell.overlay
    assert isinstance(tools, StaffToolsPanel)
    # On their fallbacks, staff see that they do not fully work, and what to do (issues #17 and #18).
    assert ("No card reader found: a practice reader stands in, so real staff cards will not work."
            in tools.status_text)
    assert "Printing to files: no printer found. Nothing comes out on paper." in tools.status_text
    touch(driver, tools.ids.print_page)
    assert tools.ids.print_note.text == app.t["staff.nothing_to_print"]
    touch(driver, tools.ids.end_session)
    assert app.session.search_text == "" and app.sm.current == "attract"
    assert app.staff_mode == "assisted", "the champion's card is still in"


def test_it_card_opens_maintenance_after_wiping_and_can_leave_kiosk_mode(make_app, driver, tmp_path, settings):
    settings["kiosk.data_dir"] = str(tmp_path)
    stops = []
    app = make_app(start_screen="home", stop_app=lambda: stops.append(app.exit_action))
    app.session.search_text = "warehouse"
    insert(driver, app, role="maintenance")
    type_pin(driver, app, "1234")
    panel = app.shell.overlay
    assert isinstance(panel, MaintenancePanel) and app.staff_mode == "maintenance"
    assert app.session.search_text == "", "IT staff see nothing of the customer"
    assert app.t["maint.dev.card_simulated"] in panel.ids.devices.text
    assert app.t["maint.not_enrolled"] in panel.ids.sync.text
    assert "warnings" in panel.ids.log.text
    # The default language, kept for later starts.
    touch(driver, panel.ids.default_cy)
    assert app.settings["ui.default_language"] == "cy" and app.session.default_language == "cy"
    assert 'default_language = "cy"' in (tmp_path / "local-settings.toml").read_text()
    touch(driver, panel.ids.leave)
    assert stops == [] and panel.ids.leave.text == app.t["maint.leave_confirm"]
    touch(driver, panel.ids.leave)
    assert stops == ["leave"]


def test_maintenance_ends_when_the_card_comes_out(make_app, driver):
    app = make_app(start_screen="home")
    insert(driver, app, role="maintenance")
    type_pin(driver, app, "1234")
    assert app.staff_mode == "maintenance"
    remove(driver, app)
    assert app.staff_mode == "none" and app.shell.overlay is None and app.sm.current == "attract"


def test_staff_buttons_do_nothing_without_the_card(make_app, driver):
    stops = []
    app = make_app(start_screen="home", stop_app=lambda: stops.append(1))
    app.staff.leave_kiosk_mode()
    app.staff.leave_kiosk_mode()
    app.staff.restart_app()
    assert stops == []


def test_staff_tools_print_the_job_the_customer_is_looking_at(make_app, driver, settings):
    from screens.jobs.detail import open_job
    app = make_app(start_screen="home")
    open_job(app, "sample-7")
    driver.pump(2)
    insert(driver, app)
    type_pin(driver, app, "1234")
    touch(driver, app.shell.ids.assisted_banner.ids.tools)
    touch(driver, app.shell.overlay.ids.print_page)
    assert app.shell.overlay is app.panels["print"] and app.panels["print"].ok
    (printed,) = (settings["kiosk.data_dir"] / "printed").glob("*.pdf")
    assert printed.read_bytes().startswith(b"%PDF-")


def test_read_aloud_speaks_touched_controls_but_never_a_pin_digit_and_volume_resets_at_wipe(make_app, driver):
    app = make_app(start_screen="home")
    speech = app.services.speech
    assert speech.name == "silent"
    normal = speech.volume
    app.nav.open_accessibility()
    driver.pump(2)
    panel = app.shell.overlay
    touch(driver, panel.ids.read_aloud_on)
    touch(driver, panel.ids.volume_loud)
    assert speech.volume > normal and speech.last_said == (app.t["a11y.volume_loud"], "en")
    touch(driver, panel.ids.volume_quiet)
    assert speech.volume < normal
    app.nav.close_overlay()
    insert(driver, app, pin="5937")
    said = []
    original = speech._speak
    speech._speak = lambda text, language: (said.append(text), original(text, language))
    type_pin(driver, app, "593", enter=False)
    assert said == [app.t["staff.digit_entered"]] * 3, said
    assert not any(ch.isdigit() for text in said for ch in text)
    touch(driver, app.staff.pin_panel.ids.delete)
    assert said[-1] == app.t["staff.delete"], "the control touched is spoken"
    remove(driver, app)
    app.nav.finish()
    driver.pump(2)
    assert speech.volume == normal, "the wipe puts the volume back"


def test_usage_counts_are_anonymous_counters_and_the_assisted_session_counts_once(make_app, driver, tmp_path):
    from sync.usage import UsageCounter
    usage = UsageCounter(tmp_path / "usage.db")
    app = make_app(start_screen="attract", usage=usage)
    insert(driver, app)
    type_pin(driver, app, "1234")  # on the attract screen: the champion starts a session for the customer
    driver.tap(app.shell.ids.lang_cy)
    app.access.set_high_contrast(True)
    app.access.set_high_contrast(True)  # already on: not counted again
    counts = {event: n for (_hour, event), n in usage.pending().items()}
    assert counts == {"session_started": 1, "assisted_session": 1, "language_cy": 1, "high_contrast": 1}
    remove(driver, app)
    app.nav.finish()
    insert(driver, app)
    type_pin(driver, app, "1234")
    counts = {event: n for (_hour, event), n in usage.pending().items()}
    assert counts["session_started"] == 2 and counts["assisted_session"] == 2


def test_maintenance_shows_the_sync_status_and_sync_now_asks_the_worker(make_app, driver):
    from sync.background import SyncStatus

    class Worker:  # the app's side of the SyncWorker contract; the worker itself is tested in tests/sync
        status = SyncStatus(state="failed", last_sync_at="2026-11-22T09:41:00Z", error_key="sync.offline",
                            error="The kiosk cannot reach the central service.")
        asked = 0

        def sync_now(self):
            self.asked += 1

    worker = Worker()
    app = make_app(start_screen="home", sync_worker=worker)
    insert(driver, app, role="maintenance")
    type_pin(driver, app, "1234")
    panel = app.shell.overlay
    assert worker.status.updated_at() in panel.ids.sync.text
    # In the screen's words, from the catalogue: the sync client's English stays in the log.
    assert "The kiosk cannot reach the jobs service. It will try again by itself." in panel.ids.sync.text
    touch(driver, panel.ids.sync_now)
    assert worker.asked == 1


def test_developer_keys_put_simulated_staff_cards_in_and_out(make_app, driver):
    from screens.staff import dev_keys
    app = make_app(start_screen="home")
    uninstall = dev_keys.install(app)
    assert uninstall is not None, "the simulated reader gets the keys"
    try:
        driver.press_key(288)  # F7: an IT card
        driver.pump(2)
        assert app.staff_mode == "pin"
        for keycode in (49, 50, 51, 52):  # 1 2 3 4 on the keyboard, then Enter
            driver.press_key(keycode)
        driver.press_key(13)
        driver.pump(2)
        assert app.staff_mode == "maintenance"
        driver.press_key(289)  # F8: take it out
        driver.pump(2)
        assert app.staff_mode == "none"
        driver.press_key(287)  # F6: a champion's card
        driver.pump(2)
        assert app.staff_mode == "pin"
    finally:
        uninstall()
        app.services.devices.card.remove_card()
        driver.pump(2)

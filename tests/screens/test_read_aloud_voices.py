"""Every reading in the Welsh voice when the kiosk is in Welsh (issue #18, point 6), with the real espeak-ng: each
part of each page and panel read aloud starts espeak-ng with its Welsh voice (``-v cy``), and a CV printed in
Welsh is read in the Welsh voice from an English screen while the screen's own words keep the English one.

espeak-ng writes WAV files here (there is no sound card in a test), so what was said is real speech on disk.
Skipped, with the reason, where espeak-ng is not installed with both voices.
"""

import subprocess
import time
from pathlib import Path

import pytest

from device import speech_espeak
from device.speech_espeak import VOICES, SpeechEspeak
from screens.tools.tour_views import show_benefits, show_sample_cv, views
from tests.screens.helpers import touch

RUNNABLE, WHY_NOT = SpeechEspeak.can_run()
pytestmark = pytest.mark.skipif(not RUNNABLE, reason=f"no real espeak-ng here: {WHY_NOT}")

#: Every kind of reading: a page of its own parts, a page of labels, a panel with its buttons, results, a CV.
#: (The CV has a test of its own below: its voice is the language it prints in.)
READINGS = ["job_detail", "jobs_results", "benefits_results", "help", "idle_warning", "print", "privacy",
            "accessibility_statement", "about"]


@pytest.fixture
def espeak(tmp_path, monkeypatch):
    """The real espeak-ng writing WAV files, and the command line of every espeak-ng it starts."""
    from screens.app import on_main_thread
    commands = []
    real_popen = subprocess.Popen

    def popen(command, *args, **kwargs):
        # The patch is on the subprocess module, which the whole kiosk shares: the app's own checks (the printer's
        # status, say) start programs too while a page is read, so only espeak-ng's command lines are kept.
        if isinstance(command, (list, tuple)) and command and Path(str(command[0])).name == speech_espeak.PROGRAM:
            commands.append(list(command))
        return real_popen(command, *args, **kwargs)

    monkeypatch.setattr(speech_espeak.subprocess, "Popen", popen)
    provider = SpeechEspeak(output=tmp_path / "said")
    provider.dispatch = on_main_thread  # "said in full" comes back on Kivy's main thread, as on a kiosk
    yield provider, commands
    provider.close()


def voice(command) -> str:
    """The voice an espeak-ng command line asks for."""
    return command[command.index("-v") + 1]


def hear_to_the_end(app, driver, root) -> list:
    """Touch "Read this page aloud" on ``root`` and let espeak-ng say every part; the widgets read, in order."""
    read = []
    app.reader.fbind("current", lambda _reader, widget: widget is not None and read.append(widget))
    touch(driver, root.ids.read_page)
    for _ in range(6000):  # espeak-ng writing each part's WAV file takes a fraction of a second
        if not app.reader.reading:
            return read
        time.sleep(0.01)
        driver.pump(1)
    raise AssertionError("the reading never ended")


def open_welsh(make_app, driver, espeak, view):
    """A kiosk in Welsh speaking through ``espeak``, showing one view as the tour sets it up."""
    app = make_app(start_screen="home", speech=espeak)
    touch(driver, app.shell.ids.lang_cy)
    set_ups = dict(views(app))
    if view == "benefits_results":
        show_benefits(app, "benefits_results")
    else:
        set_ups[view]()
    driver.pump(3)
    return app


@pytest.mark.parametrize("view", READINGS)
def test_every_part_of_every_welsh_reading_is_said_in_the_welsh_voice(make_app, driver, espeak, view):
    provider, commands = espeak
    app = open_welsh(make_app, driver, provider, view)
    root = app.shell.overlay or app.screen
    said_before = len(commands)
    read = hear_to_the_end(app, driver, root)
    readings = commands[said_before:]
    assert len(read) > 2 and len(readings) == len(read), "one espeak-ng a part"
    voices = [voice(command) for command in readings]
    if view == "about":  # the licence statements are English, as their publishers wrote them, on a Welsh page too
        assert voices.pop() == VOICES["en"] and read[-1].text == "\n\n".join(app.screen.statements)
    assert set(voices) == {"cy"}, view
    files = provider.files[-len(readings):]
    assert all(path.stat().st_size > 1000 for path in files), "each part is real speech"


def test_a_welsh_cv_from_an_english_screen_has_the_welsh_voice_and_the_screen_the_english(make_app, driver, espeak):
    provider, commands = espeak
    app = make_app(start_screen="home", speech=provider)
    show_sample_cv(app, "cv_preview")
    app.screen.choose_language("cy")
    driver.pump(3)
    said_before = len(commands)
    read = hear_to_the_end(app, driver, app.screen)
    voices = [voice(command) for command in commands[said_before:]]
    cv_lines = set(map(id, app.screen.ids.cv_box.children))
    expected = [VOICES["cy"] if id(getattr(widget, "__self__", widget)) in cv_lines else VOICES["en"]
                for widget in read]
    assert voices == expected and voices[0] == "en-gb"
    # The CV ends in Welsh; then "Was this useful?", which is the screen's, in English.
    useful = len(app.screen.ids.useful.read_parts())
    assert useful and voices[-useful:] == [VOICES["en"]] * useful and voices[-useful - 1] == "cy"

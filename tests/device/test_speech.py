"""The read-aloud contract, checked against every provider: silent, and espeak-ng writing WAV files where it is
installed. espeak-ng's own behaviour (real audio in both languages) is in test_speech_espeak.py."""

import logging
import threading
import time

import pytest

from device.speech import MAX_CHARACTERS, Speech
from device.speech_espeak import SpeechEspeak
from device.speech_silent import SpeechSilent

SECRET = "My PIN is 4921"  # what a person's own details look like: never in a log


@pytest.fixture(params=["silent", "espeak"])
def speech(request, tmp_path):
    """Every provider, at a kiosk volume of 60 %."""
    if request.param == "silent":
        provider = SpeechSilent(volume=60)
    else:
        runnable, reason = SpeechEspeak.can_run()
        if not runnable:
            pytest.skip(reason)
        provider = SpeechEspeak(output=tmp_path / "said", volume=60)
    yield provider
    provider.close()


def test_volume_is_a_percentage_the_wipe_puts_back(speech):
    assert speech.volume == 60
    speech.volume = 85
    assert speech.volume == 85
    speech.reset_volume()
    assert speech.volume == 60


@pytest.mark.parametrize("asked, kept", [(-5, 0), (250, 100), (33.4, 33), ("loud", 60), (None, 60), (True, 60),
                                         (float("nan"), 60)])
def test_a_volume_out_of_range_is_kept_in_range_and_nonsense_is_ignored(speech, asked, kept):
    speech.volume = asked
    assert speech.volume == kept


@pytest.mark.parametrize("text, language", [(None, "en"), (42, "cy"), ("", "en"), ("   ", "cy"), ("Helo", "fr"),
                                            ("Helo", None), ("x" * (MAX_CHARACTERS + 50), "en")])
def test_odd_text_or_language_never_crashes(speech, text, language):
    speech.say(text, language)
    speech.stop()
    assert speech.health() in ("available", "unavailable")


def test_what_is_said_is_never_logged_even_in_an_unknown_language(speech, caplog):
    caplog.set_level(logging.DEBUG)
    speech.say(SECRET, "xx")
    speech.stop()
    assert "no voice for language 'xx'" in caplog.text
    assert "4921" not in caplog.text


def test_stop_and_close_can_be_called_any_time(speech):
    speech.stop()
    speech.close()
    speech.say("Helo", "cy")
    speech.stop()
    speech.stop()


def test_the_silent_provider_remembers_the_last_thing_and_is_never_heard():
    speech = SpeechSilent()
    speech.say("  Croeso  ", "cy")
    assert speech.last_said == ("Croeso", "cy")
    speech.say("Hello", "fr")
    assert speech.last_said == ("Hello", "en")
    speech.stop()
    assert speech.last_said is None
    assert speech.health() == "unavailable" and "nothing is spoken" in speech.detail()


def test_very_long_text_is_cut_at_a_word():
    speech = SpeechSilent()
    speech.say("gair " * MAX_CHARACTERS, "cy")
    said = speech.last_said[0]
    assert len(said) <= MAX_CHARACTERS and said.endswith("gair")


def test_a_provider_whose_stop_fails_still_lets_the_wipe_finish(caplog):
    class Broken(Speech):
        name = "broken"

        def _stop(self):
            raise OSError("audio device gone")

    Broken().stop()
    assert "could not stop: OSError" in caplog.text


def test_on_done_comes_once_what_was_said_has_been_said_in_full(speech):
    done = []
    finished = threading.Event()
    speech.dispatch = lambda handler: (handler(), finished.set())  # the app's hop, here on the provider's thread
    speech.say("One", "en", on_done=lambda: done.append("one"))
    assert finished.wait(30), "no done callback"
    assert done == ["one"]


def test_text_cut_off_by_stop_or_the_next_say_never_reports_done(speech):
    done = []
    finished = threading.Event()
    speech.dispatch = lambda handler: (handler(), finished.set())
    if isinstance(speech, SpeechSilent):
        speech.hold = True  # otherwise it is "said" the moment it is asked
    speech.say("A long sentence that will not be finished", "en", on_done=lambda: done.append("cut"))
    speech.stop()
    speech.say("Another sentence that will be cut off by the next one", "en", on_done=lambda: done.append("cut"))
    if isinstance(speech, SpeechSilent):
        speech.hold = False
    speech.say("Last", "en", on_done=lambda: done.append("last"))
    assert finished.wait(30), "no done callback"
    time.sleep(0.2)  # not an assertion on time: a late, wrong callback from the killed processes would show here
    assert done == ["last"]


def test_nothing_to_say_is_done_at_once(speech):
    done = []
    speech.say("   ", "cy", on_done=lambda: done.append("blank"))
    assert done == ["blank"]


def test_the_silent_provider_holds_until_finished_when_asked():
    speech, done = SpeechSilent(), []
    speech.hold = True
    speech.say("Cook", "en", on_done=lambda: done.append("cook"))
    assert speech.speaking and done == []
    assert speech.finish() and done == ["cook"] and not speech.speaking
    assert not speech.finish(), "nothing left to finish"

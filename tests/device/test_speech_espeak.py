"""Read-aloud with the real espeak-ng: real audio (written as WAV files, as there is no sound card in a test), in
English and Welsh, interrupted, at the chosen volume and rate, with the text kept away from options and logs.

Skipped, with the reason, where espeak-ng (Debian package espeak-ng) is not installed.
"""

import array
import logging
import math
import os
import shutil
import signal
import subprocess
import wave
from pathlib import Path

import pytest

from device.speech_espeak import PROGRAM, SpeechEspeak

RUNNABLE, WHY_NOT = SpeechEspeak.can_run()
pytestmark = pytest.mark.skipif(not RUNNABLE, reason=f"no real espeak-ng here: {WHY_NOT}")

SENTENCE = "Chwilio am swydd yng Nghaerdydd"  # the same words in both voices: they must sound different
#: About a thousand words: minutes of speech, so it is certainly still being said when interrupted.
LONG = "Dyma restr hir o swyddi gwag yn eich ardal chi heddiw. " * 100


class Audio:
    """A WAV file's samples, for checking what was really said."""

    def __init__(self, path: Path) -> None:
        with wave.open(str(path)) as wav:
            self.rate, self.channels, self.width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
            self.samples = array.array("h", wav.readframes(wav.getnframes()))

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate

    @property
    def peak(self) -> int:
        return max((abs(s) for s in self.samples), default=0)

    @property
    def rms(self) -> float:
        return math.sqrt(sum(s * s for s in self.samples) / max(1, len(self.samples)))


@pytest.fixture
def speech(tmp_path):
    """espeak-ng writing WAV files to a folder, at the default kiosk volume and rate."""
    provider = SpeechEspeak(output=tmp_path / "said")
    yield provider
    provider.close()


def say(speech, text, language="en") -> Audio:
    speech.say(text, language)
    assert speech.wait(), "espeak-ng did not finish"
    return Audio(speech.files[-1])


def direct(tmp_path, voice, text, name) -> bytes:
    """What espeak-ng itself makes of ``text`` with ``voice`` at the kiosk's default amplitude and rate."""
    out = tmp_path / name
    subprocess.run([shutil.which(PROGRAM), "-v", voice, "-a", "100", "-s", "150", "-b", "1", "-w", str(out),
                    "--stdin"], input=text.encode(), check=True, capture_output=True)
    return out.read_bytes()


def test_english_and_welsh_are_real_speech_of_a_plausible_length(speech):
    for language in ("en", "cy"):
        audio = say(speech, SENTENCE, language)
        assert (audio.channels, audio.width) == (1, 2)
        # 5 words at 150 a minute is 2 s; allow for pauses and each voice's own pace.
        assert 1.0 < audio.seconds < 5.0, (language, audio.seconds)
        assert audio.peak > 3000 and audio.rms > 300, "the audio is not silence"
    english, welsh = speech.files
    assert english.read_bytes() != welsh.read_bytes()


def test_each_language_uses_its_own_voice(speech, tmp_path):
    say(speech, SENTENCE, "en")
    say(speech, SENTENCE, "cy")
    english, welsh = (path.read_bytes() for path in speech.files)
    assert english == direct(tmp_path, "en-gb", SENTENCE, "en.wav")
    assert welsh == direct(tmp_path, "cy", SENTENCE, "cy.wav")


def test_welsh_letters_are_read_as_utf8(speech, tmp_path):
    text = "Mae'r ŵyn yn y cŵn ŷd"
    say(speech, text, "cy")
    assert speech.files[-1].read_bytes() == direct(tmp_path, "cy", text, "cy.wav")


@pytest.fixture
def processes(monkeypatch):
    """Every espeak-ng process the provider starts (real ones), to see how each ended."""
    started = []
    real_popen = subprocess.Popen

    def watch(*args, **kwargs):
        started.append(real_popen(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(subprocess, "Popen", watch)
    return started


def test_saying_something_new_cuts_off_what_was_being_said(speech, processes):
    speech.say(LONG, "cy")
    first = speech.files[0]
    assert speech.speaking
    audio = say(speech, "Helo", "cy")
    assert processes[0].returncode == -signal.SIGKILL, "killed mid-speech, not left to finish"
    assert not first.exists(), "the interrupted, unfinished audio is thrown away"
    assert speech.files == [speech.files[-1]] and audio.seconds < 2


def test_stop_ends_speech_at_once(speech, processes):
    speech.say(LONG, "en")
    assert speech.speaking
    speech.stop()
    assert not speech.speaking and speech.files == []
    assert processes[0].returncode == -signal.SIGKILL


@pytest.mark.parametrize("text", ["-h", "--help", "-w /tmp/jobpoint-evil.wav hello", "--stdout", "; rm -rf ~"])
def test_text_that_looks_like_an_option_or_a_command_is_just_spoken(speech, text):
    audio = say(speech, text, "en")
    assert audio.seconds > 0.2 and audio.peak > 1000, "it was spoken, not obeyed"
    assert not Path("/tmp/jobpoint-evil.wav").exists()


def test_volume_sets_the_loudness_and_zero_is_silent(speech):
    loud = say(speech, SENTENCE, "en").rms
    speech.volume = 20
    quiet = say(speech, SENTENCE, "en").rms
    speech.volume = 0
    silent = say(speech, SENTENCE, "en")
    assert loud > quiet * 2 and silent.peak == 0
    speech.reset_volume()
    assert say(speech, SENTENCE, "en").rms == pytest.approx(loud)


def test_rate_sets_the_pace(tmp_path):
    slow = SpeechEspeak(output=tmp_path / "slow", rate=90)
    fast = SpeechEspeak(output=tmp_path / "fast", rate=270)
    assert say(slow, SENTENCE).seconds > say(fast, SENTENCE).seconds * 2


def test_the_text_is_never_logged_nor_on_the_command_line(speech, caplog, processes):
    caplog.set_level(logging.DEBUG)
    say(speech, "My PIN is 4921", "en")
    assert processes and not any("4921" in part for process in processes for part in process.args)
    assert "4921" not in caplog.text


def test_settings_choose_output_volume_and_rate(tmp_path):
    speech = SpeechEspeak.from_settings({"speech.output": tmp_path / "out", "speech.volume": 70,
                                         "speech.rate": 200})
    assert (speech.output, speech.volume, speech.rate) == (tmp_path / "out", 70, 200)
    speech.volume = 10
    speech.reset_volume()
    assert speech.volume == 70
    assert "WAV files in" in speech.detail() and "200 words a minute" in speech.detail()


def test_without_espeak_ng_it_cannot_run_and_says_why(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    runnable, reason = SpeechEspeak.can_run()
    assert not runnable and "espeak-ng is not installed" in reason
    speech = SpeechEspeak(output=tmp_path / "said")
    speech.say("Hello", "en")
    assert not speech.available() and speech.files == []


@pytest.mark.skipif(Path("/dev/snd").exists() or "PULSE_SERVER" in os.environ,
                    reason="this machine may have a sound device")
def test_with_no_sound_device_read_aloud_is_reported_unavailable(caplog):
    speech = SpeechEspeak(output="audio")
    assert speech.check() is False
    assert speech.health() == "unavailable" and "no audio device" in speech.detail()
    speech.say("My PIN is 4921", "en")
    speech.wait()
    assert not speech.available() and "4921" not in caplog.text

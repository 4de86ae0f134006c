"""Read-aloud: the contract every speech provider meets.

    speech = devices.speech                       # SpeechEspeak(...), or SpeechSilent() with no speech engine
    speech.say("Are you still there?", "en")      # interrupts whatever is being said; "en" or "cy"
    speech.say("Cook", "en", on_done=next_part)   # next_part() runs once "Cook" has been said in full
    speech.volume = 80                            # percent, 0 to 100 (the person's choice)
    speech.stop()                                 # the person acted: be quiet at once
    speech.reset_volume()                         # the wipe: back to the kiosk's own volume (speech.volume)
    speech.available()                            # False when the engine is missing or cannot play
    speech.close()                                # App.on_stop

The base owns the rules every provider keeps: what is said is never logged (it can be a person's own details);
text that is not text, or empty, is not spoken; a language other than "en" or "cy" is spoken in English with a
warning; very long text is cut at ``MAX_CHARACTERS``; volume is kept within 0 to 100. Providers implement
``_speak(text, language)`` and ``_stop()``, and may add ``detail()`` and ``_healthy()``.

Reading a page aloud goes part by part, so ``say`` takes an ``on_done`` callback: a provider calls ``_spoken(token)``
when what it was given has been said in full (never when it was cut off by ``stop`` or the next ``say``), and the
base passes ``on_done`` through ``dispatch`` (the App's hop to Kivy's main thread, given by ``open_devices``), as a
card reader passes its events (ADR 002). Nothing here imports Kivy.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger("jobpoint.speech")

#: The languages read aloud; anything else is spoken in the first.
LANGUAGES = ("en", "cy")
#: The volume a provider starts at when none is given: espeak-ng's normal loudness.
DEFAULT_VOLUME = 50
#: Longest text spoken in one go. A whole screen of reading is far less; a pasted CV is cut at a word.
MAX_CHARACTERS = 10_000


class Speech:
    """Base class for speech providers.

    :param volume: the kiosk's volume in percent (setting ``speech.volume``); ``reset_volume`` returns to it.
    """

    name = "base"

    def __init__(self, *, volume: int = DEFAULT_VOLUME) -> None:
        self._default_volume = _clamp(volume)
        self._volume = self._default_volume
        #: How an ``on_done`` callback reaches the app: ``open_devices`` sets the App's hop to its main thread.
        self.dispatch: Callable[[Callable[[], None]], None] = _call_now
        # Each say and stop starts a new utterance; a provider's "finished" for an older one is ignored.
        self._token = 0
        self._on_done: Callable[[], None] | None = None
        self._done_lock = threading.Lock()

    @classmethod
    def can_run(cls) -> tuple[bool, str]:
        """Whether this provider can work on this machine at all (its engine is installed), and why not.

        The provider chooser skips a provider that cannot run, as it skips one whose module cannot be imported.
        """
        return True, ""

    @classmethod
    def from_settings(cls, settings) -> Speech:
        """The provider set up from the kiosk settings (``speech.volume`` here; providers add their own).

        :param settings: the kiosk settings.
        """
        return cls(volume=settings.get("speech.volume", DEFAULT_VOLUME))

    def say(self, text: str, language: str, on_done: Callable[[], None] | None = None) -> None:
        """Speak ``text`` now, interrupting anything already being spoken.

        :param text: plain text in the person's language.
        :param language: "en" or "cy".
        :param on_done: called (through ``dispatch``) once ``text`` has been said in full; never if it is cut off.
            Text with nothing to say counts as said at once, so a page being read moves on past it.
        """
        if not isinstance(text, str):
            log.warning("speech %s: asked to say a %s, not text; staying quiet", self.name, type(text).__name__)
            text = ""
        text = text.strip()
        if not text:
            self.stop()
            if on_done is not None:
                self.dispatch(on_done)
            return
        if language not in LANGUAGES:
            log.warning("speech %s: no voice for language %r; speaking English", self.name, str(language)[:20])
            language = LANGUAGES[0]
        if len(text) > MAX_CHARACTERS:
            text = text[:MAX_CHARACTERS].rsplit(" ", 1)[0]
        with self._done_lock:
            self._token += 1
            self._on_done = on_done
        self._speak(text, language)

    @property
    def token(self) -> int:
        """Which utterance is current: a provider notes it when it starts speaking and gives it to ``_spoken``."""
        return self._token

    def stop(self) -> None:
        """Stop speaking at once (the person acted, or the session was wiped); never raises."""
        with self._done_lock:
            self._token += 1
            self._on_done = None
        try:
            self._stop()
        except Exception as error:  # noqa: BLE001 - the wipe calls this and must always finish
            log.error("speech %s could not stop: %s", self.name, type(error).__name__)

    @property
    def volume(self) -> int:
        """The volume in percent, 0 (silent) to 100 (loudest)."""
        return self._volume

    @volume.setter
    def volume(self, percent: int) -> None:
        self._volume = _clamp(percent, self._volume)

    def reset_volume(self) -> None:
        """Go back to the kiosk's own volume: the wipe calls this, so the next person starts from it."""
        self._volume = self._default_volume

    def available(self) -> bool:
        """True if speaking should be heard: the engine is installed and its last run did not fail."""
        try:
            return bool(self._healthy())
        except Exception as error:  # noqa: BLE001 - a health check must never break the caller
            log.warning("speech %s: health check failed: %s", self.name, type(error).__name__)
            return False

    def check(self) -> bool:
        """Find out now whether speech can be heard (a provider may try its audio device); returns ``available()``."""
        return self.available()

    def health(self) -> str:
        """"available" or "unavailable", for the heartbeat and `kiosk devices`."""
        return "available" if self.available() else "unavailable"

    def detail(self) -> str:
        """A short English line about the provider for staff and logs (never what was said)."""
        return ""

    def problem(self) -> str:
        """Why nothing can be heard, for the staff screens: "no_engine", "no_audio", or "" (``detail`` is for logs)."""
        return ""

    def close(self) -> None:
        """Stop speaking and let go of the engine (App.on_stop)."""
        self.stop()

    # --- what a provider implements ----------------------------------------------------------------------

    def _speak(self, text: str, language: str) -> None:
        raise NotImplementedError

    def _stop(self) -> None:
        raise NotImplementedError

    def _healthy(self) -> bool:
        return True

    def _spoken(self, token: int) -> None:
        """The utterance ``token`` was said in full (any thread): pass its ``on_done`` on, if it is still current."""
        with self._done_lock:
            if token != self._token or self._on_done is None:
                return
            on_done, self._on_done = self._on_done, None
        try:
            self.dispatch(on_done)
        except Exception as error:  # noqa: BLE001 - a watcher thread must not die on the app's error
            log.error("speech %s: passing on \"finished\" failed: %s", self.name, type(error).__name__)


def _call_now(handler: Callable[[], None]) -> None:
    """The dispatch with no app: run the handler at once, on the thread that noticed."""
    handler()


def _clamp(percent, fallback: int = DEFAULT_VOLUME) -> int:
    """A volume kept within 0 to 100; something that is not a number leaves the volume as it was."""
    if isinstance(percent, bool) or not isinstance(percent, (int, float)) or percent != percent:
        log.warning("speech: a volume must be a number from 0 to 100, not a %s; keeping %d",
                    type(percent).__name__, fallback)
        return fallback
    return round(min(100, max(0, percent)))

"""Read-aloud: the contract every speech provider meets.

    speech = devices.speech                       # SpeechEspeak(...), or SpeechSilent() with no speech engine
    speech.say("Are you still there?", "en")      # interrupts whatever is being said; "en" or "cy"
    speech.volume = 80                            # percent, 0 to 100 (the person's choice)
    speech.stop()                                 # the person acted: be quiet at once
    speech.reset_volume()                         # the wipe: back to the kiosk's own volume (speech.volume)
    speech.available()                            # False when the engine is missing or cannot play
    speech.close()                                # App.on_stop

The base owns the rules every provider keeps: what is said is never logged (it can be a person's own details);
text that is not text, or empty, is not spoken; a language other than "en" or "cy" is spoken in English with a
warning; very long text is cut at ``MAX_CHARACTERS``; volume is kept within 0 to 100. Providers implement
``_speak(text, language)`` and ``_stop()``, and may add ``detail()`` and ``_healthy()``.
"""

from __future__ import annotations

import logging

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

    def say(self, text: str, language: str) -> None:
        """Speak ``text`` now, interrupting anything already being spoken.

        :param text: plain text in the person's language.
        :param language: "en" or "cy".
        """
        if not isinstance(text, str):
            log.warning("speech %s: asked to say a %s, not text; staying quiet", self.name, type(text).__name__)
            self.stop()
            return
        text = text.strip()
        if not text:
            self.stop()
            return
        if language not in LANGUAGES:
            log.warning("speech %s: no voice for language %r; speaking English", self.name, str(language)[:20])
            language = LANGUAGES[0]
        if len(text) > MAX_CHARACTERS:
            text = text[:MAX_CHARACTERS].rsplit(" ", 1)[0]
        self._speak(text, language)

    def stop(self) -> None:
        """Stop speaking at once (the person acted, or the session was wiped); never raises."""
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


def _clamp(percent, fallback: int = DEFAULT_VOLUME) -> int:
    """A volume kept within 0 to 100; something that is not a number leaves the volume as it was."""
    if isinstance(percent, bool) or not isinstance(percent, (int, float)) or percent != percent:
        log.warning("speech: a volume must be a number from 0 to 100, not a %s; keeping %d",
                    type(percent).__name__, fallback)
        return fallback
    return round(min(100, max(0, percent)))

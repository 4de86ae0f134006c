"""Read-aloud: the contract every speech provider meets.

    speech = SpeechSilent()
    speech.say("Are you still there?", language="en")
    speech.stop()

The device issue adds the espeak-ng provider; until then the kiosk has the setting, calls ``say`` on every screen
and speaks nothing.
"""

from __future__ import annotations


class Speech:
    """Base class for speech providers. Never log what is said: it can be a person's own details."""

    name = "base"

    def say(self, text: str, language: str) -> None:
        """Speak ``text`` now, interrupting anything already being spoken.

        :param text: plain text in the person's language.
        :param language: "en" or "cy".
        """
        raise NotImplementedError

    def stop(self) -> None:
        """Stop speaking at once (the person acted, or the session was wiped)."""
        raise NotImplementedError

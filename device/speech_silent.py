"""A speech provider that says nothing: for machines with no speech engine, and for tests.

    speech = SpeechSilent()
    speech.say("Hello", "en")
    speech.last_said      # ("Hello", "en") until stop() or the next say()
"""

from __future__ import annotations

from device.speech import Speech


class SpeechSilent(Speech):
    """Keeps only the last thing it was asked to say, in memory, so tests and demos can see it."""

    name = "silent"

    def __init__(self) -> None:
        self.last_said: tuple[str, str] | None = None

    def say(self, text: str, language: str) -> None:
        """Remember ``text`` instead of speaking it.

        :param text: what would be spoken.
        :param language: "en" or "cy".
        """
        self.last_said = (text, language)

    def stop(self) -> None:
        """Forget what was last said."""
        self.last_said = None

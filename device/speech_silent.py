"""A speech provider that says nothing: for machines with no speech engine, and for tests.

    speech = SpeechSilent()
    speech.say("Hello", "en")
    speech.last_said      # ("Hello", "en") until stop() or the next say()
"""

from __future__ import annotations

from device.speech import Speech


class SpeechSilent(Speech):
    """Keeps only the last thing it was asked to say, in memory, so tests and demos can see it.

    :param volume: the kiosk's volume in percent (kept, though nothing is heard).
    """

    name = "silent"

    def __init__(self, *, volume: int = 50) -> None:
        super().__init__(volume=volume)
        self.last_said: tuple[str, str] | None = None

    def detail(self) -> str:
        """Says that nothing is heard."""
        return "simulated: nothing is spoken"

    def _speak(self, text: str, language: str) -> None:
        self.last_said = (text, language)

    def _stop(self) -> None:
        self.last_said = None

    def _healthy(self) -> bool:
        # Nothing is heard: the heartbeat must not report read-aloud as working.
        return False

"""A speech provider that says nothing: for machines with no speech engine, and for tests.

    speech = SpeechSilent()
    speech.say("Hello", "en")
    speech.last_said      # ("Hello", "en") until stop() or the next say()
    speech.say("Cook", "en", on_done=next_part)   # "said" at once: next_part runs through dispatch (next frame)
    speech.hold = True    # test and demo control: each thing stays "being said" ...
    speech.finish()       # ... until this (what a person hears as the end of a sentence)
"""

from __future__ import annotations

from device.speech import Speech


class SpeechSilent(Speech):
    """Keeps only the last thing it was asked to say, in memory, so tests and demos can see it.

    Nothing takes time to say, so each thing counts as said at once: ``on_done`` goes through ``dispatch``, which
    in the app runs it on the next frame (the "short Clock delay"). ``hold`` keeps it "speaking" instead, until
    ``finish()``: tests and the tour use it to see a page in the middle of being read.

    :param volume: the kiosk's volume in percent (kept, though nothing is heard).
    """

    name = "silent"

    def __init__(self, *, volume: int = 50) -> None:
        super().__init__(volume=volume)
        self.last_said: tuple[str, str] | None = None
        #: True: what is said stays "being said" until ``finish()`` (a test and demo control).
        self.hold = False
        self._held: int | None = None

    @property
    def speaking(self) -> bool:
        """True while something held is still "being said"."""
        return self._held is not None

    def finish(self) -> bool:
        """End what is being "said" as if it had been said in full (with ``hold``); True if something was.

        Its ``on_done`` goes through ``dispatch``, as a real provider's would.
        """
        token, self._held = self._held, None
        if token is None:
            return False
        self._spoken(token)
        return True

    def detail(self) -> str:
        """Says that nothing is heard."""
        return "simulated: nothing is spoken"

    def _speak(self, text: str, language: str) -> None:
        self.last_said = (text, language)
        if self.hold:
            self._held = self.token
        else:
            self._held = None
            self._spoken(self.token)

    def _stop(self) -> None:
        self.last_said = None
        self._held = None

    def _healthy(self) -> bool:
        # Nothing is heard: the heartbeat must not report read-aloud as working.
        return False

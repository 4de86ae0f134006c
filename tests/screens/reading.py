"""Watching a page being read aloud: what the speech device is asked to say, in which voice, and what is
highlighted as each part starts (``screens/read_aloud.py``).

The speech device is the simulated one with ``hold`` on: each part stays "being said" until the test finishes it,
as a person would hear the end of a sentence, so the page can be seen in the middle of being read.
"""


class Recorder:
    """What the speech device is asked to say, and what is highlighted as each part starts."""

    def __init__(self, app) -> None:
        self.app = app
        self.speech = app.services.speech
        self.said: list[tuple[str, str]] = []
        self.highlighted: list[object] = []
        original = self.speech._speak

        def speak(text, language):
            self.said.append((text, language))
            self.highlighted.append(app.reader.current)
            original(text, language)

        self.speech._speak = speak
        self.speech.hold = True

    def finish_all(self, driver, limit: int = 200) -> None:
        """Let every part be said in full, one after another, as a voice would."""
        for _ in range(limit):
            if not self.speech.finish():
                driver.pump(1)
                if not self.speech.speaking:
                    return
            driver.pump(1)
        raise AssertionError("the reading never ended")

    def texts(self):
        return [text for text, _language in self.said]

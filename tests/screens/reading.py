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


def open_app_in(make_app, driver, language: str):
    """The app on its home screen, in ``language`` ("en" or "cy") chosen by touch."""
    from tests.screens.helpers import touch
    app = make_app(start_screen="home")
    if language == "cy":
        touch(driver, app.shell.ids.lang_cy)
    assert app.lang == language
    return app


def read_whole_page(app, driver, button) -> list[str]:
    """Touch "Read this page aloud" and hear the page to its end; what was said, each part in the page's voice."""
    from tests.screens.helpers import touch
    recorder = Recorder(app)
    touch(driver, button)
    assert app.reader.reading and button.text == app.t["read.stop"]
    recorder.finish_all(driver)
    assert {language for _text, language in recorder.said} == {app.lang}
    return recorder.texts()


def heard(app, *texts) -> list[str]:
    """Texts as the voice is given them (amounts and numbers as words)."""
    from kiosk.spoken import spoken
    return [spoken(text, app.lang) for text in texts]

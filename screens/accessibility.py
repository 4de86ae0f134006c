"""The person's language and accessibility choices: text size, high contrast, reach, read-aloud and its volume.

    app.access.set_text_scale(1.5)      # every rule bound to app.look redraws larger
    app.access.choose_language("cy")    # from the attract screen, this starts a visit too
    app.access.speak("Search")          # said only when read-aloud is on

The choices live in ``session.accessibility`` (so the wipe puts them back); ``apply()`` copies them onto the App's
properties that the .kv rules bind to (``app.text_scale``, ``app.high_contrast`` ...), onto ``app.look`` and onto the
read-aloud provider.
"""

from __future__ import annotations

from kiosk.session import VOLUMES
from screens.kv_bindings import set_watched


class Accessibility:
    """Language and accessibility for the App's session.

    :param app: the ``KioskApp``.
    """

    def __init__(self, app) -> None:
        self.app = app

    def choose_language(self, language: str) -> None:
        """The person touched a language: on the attract screen that also starts their session.

        Otherwise a language chosen by someone who then walked away would greet the next person.

        :param language: "en" or "cy".
        """
        self.app.nav.begin_if_attract()
        if language != self.app.lang:
            self.app.services.count(f"language_{language}")
        self.set_language(language)

    def set_language(self, language: str) -> None:
        """Switch language; the screen redraws at once and the person stays where they are.

        :param language: "en" or "cy".
        """
        app = self.app
        app.reader.stop()  # a page read in one language is not read on in another
        app.session.language = language
        set_watched(app, "t", app.catalogues[language])  # kv_bindings.py: a dead widget's rule must not stop it
        set_watched(app, "lang", language)
        app.refresh_jobs_updated()

    def set_text_scale(self, scale: float) -> None:
        """Set the text size: 1.0, 1.5 or 2.0.

        :param scale: a value from ``kiosk.session.TEXT_SCALES``.
        """
        choices = self.app.session.accessibility
        if scale > 1.0 and choices.text_scale == 1.0:
            self.app.services.count("text_large")
        choices.text_scale = scale
        self.apply()

    def set_high_contrast(self, on: bool) -> None:
        """Yellow on black, or the standard black on white.

        :param on: True for high contrast.
        """
        choices = self.app.session.accessibility
        if on and not choices.high_contrast:
            self.app.services.count("high_contrast")
        choices.high_contrast = on
        self.apply()

    def set_reach(self, on: bool) -> None:
        """"Move everything lower".

        :param on: True to draw every touch target in the lower part of the screen.
        """
        choices = self.app.session.accessibility
        if on and not choices.reach:
            self.app.services.count("reach_mode")
        choices.reach = on
        self.apply()

    def set_read_aloud(self, on: bool) -> None:
        """Turn read-aloud on or off.

        :param on: True to speak each screen as it opens.
        """
        choices = self.app.session.accessibility
        if on and not choices.read_aloud:
            self.app.services.count("read_aloud")
        choices.read_aloud = on
        self.apply()
        if on:
            self.speak(self.app.t["a11y.read_aloud"] + ": " + self.app.t["a11y.on"])
        else:
            self.app.reader.stop()
            self.app.services.speech.stop()

    def set_volume(self, choice: str) -> None:
        """How loud read-aloud is: "quiet", "normal" or "loud" (back to normal at the wipe).

        :param choice: a key of ``kiosk.session.VOLUMES``.
        """
        if choice in VOLUMES:
            self.app.session.accessibility.volume = choice
            self.apply()
            self.speak(self.app.t["a11y.volume_" + choice])

    def apply(self) -> None:
        """Copy the session's choices onto the App's properties, the look, the speech volume and the idle time."""
        app, speech = self.app, self.app.services.speech
        choices = app.session.accessibility
        app.volume = choices.volume
        # The kiosk's own volume, then the person's choice on top (the wipe brings "normal" back).
        speech.reset_volume()
        if choices.volume != "normal":
            speech.volume = round(speech.volume * VOLUMES[choices.volume])
        for name, value in (("text_scale", choices.text_scale), ("high_contrast", choices.high_contrast),
                            ("reach", choices.reach), ("read_aloud", choices.read_aloud)):
            set_watched(app, name, value)  # kv_bindings.py: a dead widget's rule must not stop the change
        set_watched(app.look, "text_scale", choices.text_scale)
        set_watched(app.look, "palette_name", "high_contrast" if choices.high_contrast else "standard")
        app.idle.refresh_limit()

    def read(self, source) -> None:
        """Read a page or panel in full, part by part, if the person turned read-aloud on (``app.reader``).

        :param source: a screen or panel.
        """
        if self.app.session.accessibility.read_aloud:
            self.app.reader.read(source)

    def speak(self, text: str) -> None:
        """Read ``text`` aloud if the person turned read-aloud on.

        :param text: plain text in the current language.
        """
        if self.app.session.accessibility.read_aloud:
            # Saying something else cuts off the page being read: stop it, so it does not wait for ever.
            self.app.reader.stop()
            self.app.services.speech.say(text, self.app.lang)

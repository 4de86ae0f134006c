"""Making what a visit is likely to need while nobody is using the kiosk: the parts' code and .kv rules, and the
first screens of each journey.

    warm_up = WarmUp(app)     # KioskApp makes one; it follows app.sm.current by itself
    warm_up.start()           # the kiosk calls this once its first screen is drawn

Screens are made lazily (docs/adr/006-screens-built-lazily.md), so the first visit to each paid for importing its
part and building it: 300-500 ms a touch with software GL, far over a touch's 100 ms. On the attract screen the
kiosk waits for someone, so it makes them then, one step a frame: a touch arriving meanwhile waits for one step at
most, and the steps stop as soon as a visit starts and go on when the attract screen is back. A screen made early
holds nothing of anyone's. The cost is memory that stays: about 89 MiB for every customer screen and the
printouts' code (measured in docs/adr/018-warm-up-on-the-attract-screen.md); staff screens wait for their first
visit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from kivy.clock import Clock
from kivy.core.window import Window

log = logging.getLogger("jobpoint.warm_up")

#: The parts to import and load (``screens.app.PART_KV_FILES``), then the screens to make: first those every
#: journey of its kind shows, in the order a visit reaches them, then every other customer screen.
PARTS = ("jobs", "benefits", "cv", "about", "local_help")
SCREENS = ("jobs", "jobs_results", "job_detail", "benefits", "benefits_question", "benefits_answers",
           "benefits_results", "cv", "cv_contact", "cv_preview", "cv_statement", "cv_work", "cv_education",
           "cv_qualifications", "cv_skills", "cv_interests", "cv_references", "cv_work_edit", "cv_education_edit",
           "jobs_filters", "shortlist", "cv_matches", "about", "privacy", "accessibility_statement",
           "local_help", "local_help_group", "careers", "career", "careers_young",
           "career_ons")
#: Made ready after the screens, a step each: what the first search, the first benefits results and the CV preview
#: would otherwise make on a person's touch. The job titles' speller (~80 ms at 5,000 vacancies), a page of job
#: rows, the benefits' wording, rules and rates (~250 ms), the rows of "Check your answers", result cards and
#: rows, the QR codes of every claim page (49 addresses, ~300 ms), the printouts' code (fpdf2, ~0.9 s to import)
#: and the fonts' character maps (~0.4 s), which the CV preview needs on its first visit to say what cannot be
#: printed; and the words of every career and ONS job title that "Find any job" compares (~50 ms).
LAST_STEPS = ("job_words", "job_rows", "benefit_words", "answer_rows", "benefit_cards", "claim_codes", "printouts",
              "font_maps", "career_names")
#: The screen on which nobody is using the kiosk.
WAITING_SCREEN = "attract"


class WarmUp:
    """Runs the warm-up steps one a frame while the attract screen shows.

    After the last step, each time the attract screen shows again after a visit, it calls ``on_done`` once more, on
    the next frame: what the visit made is tidied away while nobody waits (``kiosk.memory.release_free_memory``).

    :param app: the KioskApp (``sm``, ``services`` and ``load_part`` are all it uses).
    :param load_part: imports one part's modules and loads its .kv files.
    :param on_done: called once every step has run, and after each visit (the app frees the scratch memory of
        building and sets aside what lives on from the garbage collector's rounds).
    """

    def __init__(self, app, load_part: Callable[[str], None], on_done: Callable[[], None] = lambda: None) -> None:
        self.app = app
        self.steps: list[tuple[str, str]] = ([("part", part) for part in PARTS] + [("screen", name) for name in SCREENS]
                                             + [("ready", name) for name in LAST_STEPS])
        self._load_part = load_part
        self._on_done = on_done
        self._started = False
        self._stopped = False
        #: A visit has happened since ``on_done`` last ran.
        self._visited = False
        self._event = Clock.create_trigger(self._next_step, 0)
        #: Watching for the attract screen's first frame (``Window.on_flip``), or None.
        self._frame_watch = None
        app.sm.bind(current=self._on_screen)

    @property
    def done(self) -> bool:
        """Every step has run, and nothing is left to tidy after a visit."""
        return not self.steps and not self._visited

    def start(self) -> None:
        """Begin (or go on) whenever the attract screen shows; nothing once stopped."""
        if self._stopped:
            return
        self._started = True
        self._on_screen(self.app.sm, self.app.sm.current)

    def stop(self) -> None:
        """Make nothing more, ever (the app is stopping: a screen made now would be built for an app that is gone)."""
        self._stopped = True
        self._started = False
        self._event.cancel()
        self._stop_watching_frames()
        self.app.sm.unbind(current=self._on_screen)

    def _on_screen(self, _sm, name: str) -> None:
        if name != WAITING_SCREEN:
            self._visited = self._visited or self._started
            self._event.cancel()
            self._stop_watching_frames()
        elif self._started and not self.done and self._frame_watch is None:
            # Not before the attract screen is drawn: the touch that ended a visit must show it at once. (Kivy
            # draws a frame only when something changed: with nothing to draw, go on at the next tick.)
            if Window.canvas.needs_redraw:
                self._frame_watch = Window.fbind("on_flip", self._after_frame)
            else:
                self._event()

    def _after_frame(self, *_args) -> None:
        self._stop_watching_frames()
        self._event()

    def _stop_watching_frames(self) -> None:
        if self._frame_watch is not None:
            Window.unbind_uid("on_flip", self._frame_watch)
            self._frame_watch = None

    def _next_step(self, _dt=None) -> None:
        if self.app.sm.current != WAITING_SCREEN:
            return
        if not self.steps:
            if self._visited:
                self._visited = False
                self._on_done()
            return
        kind, name = self.steps.pop(0)
        try:
            if kind == "part":
                self._load_part(name)
            elif kind == "ready":
                _get_ready(self.app, name)
            else:
                self.app.sm.get_screen(name)
        except Exception as error:  # noqa: BLE001 - the visit will make it (and report it) if it is really broken
            log.warning("warm-up: could not make %s %s in advance: %s", kind, name, type(error).__name__)
        if self.steps:
            self._event()
        else:
            log.info("warm-up: the journeys' first screens are made")
            self._visited = False
            self._on_done()


def _get_ready(app, name: str) -> None:
    # Imported here, as everywhere: fpdf2 is heavy, and only a kiosk that has started needs it.
    if name == "job_words":
        search = app.services.job_search
        if search is not None:
            search.words.speller()  # kept until the vacancies change
    elif name == "benefit_words":
        from kiosk.benefits import messages
        from kiosk.benefits.definitions import all_benefits
        from kiosk.benefits.rates import all_rates
        messages.catalogues()
        messages.plural_keys()  # read from the .po files: 44 ms on the first results' total, before this
        all_benefits()
        all_rates(app.services.office().rates_folder)
    elif name == "job_rows":
        app.sm.get_screen("jobs_results").make_spare_rows()
    elif name == "answer_rows":
        app.sm.get_screen("benefits_answers").make_spare_rows()
    elif name == "benefit_cards":
        app.sm.get_screen("benefits_results").make_spare()
    elif name == "claim_codes":
        app.sm.get_screen("benefits_results").make_claim_codes()
    elif name == "printouts":
        import kiosk.cv.pdf  # noqa: F401 - importing is the point
    elif name == "font_maps":
        from kiosk.pdf_fonts import unprintable
        unprintable("")  # reads the fonts' character maps once (they are cached)
    elif name == "career_names":
        from kiosk.careers.finding import find_careers
        find_careers("ready")  # reads the ONS's groups and every job title's words once (they are cached)

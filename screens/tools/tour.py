"""``kiosk tour --out DIR``: every screen and panel as a PNG, in English and Welsh, landscape and portrait, plus
home in each text size, in high contrast and with "Move everything lower". Nobody touches anything.

    kiosk tour --out tour                          # everything, one process per core (two on two cores)
    kiosk tour --out /tmp/t --only staff_,cv_work  # the views whose names start with either prefix
    kiosk tour --out /tmp/t --set representative   # every screen and panel once per language and orientation

File names read as ``<view>-<language>-<orientation>[-<variant>].png``. The views themselves are in
``screens/tools/tour_views.py``.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from screens.environment import prepare_kivy_environment

log = logging.getLogger("jobpoint.tour")

ORIENTATIONS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
LANGUAGES = ("en", "cy")
#: Home in English, each way the accessibility panel can change it: (name, what to call on the app).
VARIANTS = {"text150": ("set_text_scale", 1.5), "text200": ("set_text_scale", 2.0),
            "high_contrast": ("set_high_contrast", True), "reach": ("set_reach", True)}
SETS = ("all", "representative")
#: Each process holds a window and every screen (about 650 MB at most), so even a big machine gets no more.
MOST_JOBS = 4


class Shot(NamedTuple):
    """One picture of the tour."""

    view: str
    language: str
    orientation: str
    variant: str = ""

    @property
    def name(self) -> str:
        """The file name without ".png", e.g. ``home-en-portrait-reach``."""
        return "-".join(part for part in (self.view, self.language, self.orientation, self.variant) if part)


def plan_shots(view_names: list[str], only: list[str] | None = None, orientation: str | None = None,
               chosen_set: str = "all") -> list[Shot]:
    """The pictures to take, orientation by orientation, then language by language, in the order of the views.

    :param view_names: every view's name (``tour_views.views(None)``).
    :param only: prefixes: only the views whose names start with one of them, and no variants (all when None).
    :param orientation: "landscape" or "portrait" only (both when None).
    :param chosen_set: "all", or "representative": each screen and each panel (``tour_views.PANELS``), plus
        the variants, in both languages and orientations, and every other view once (one question standing for
        all the benefits questions) in English and landscape; half of "all", for the tests.

    >>> [shot.name for shot in plan_shots(["home", "help"], only=["he"], orientation="portrait")]
    ['help-en-portrait', 'help-cy-portrait']
    """
    from screens.tools.tour_views import PANELS
    others: list[str] = []
    if chosen_set == "representative":
        from screens.app import SCREENS
        chosen = {name for name, *_how in SCREENS} | set(PANELS)
        # Every other view once, in English and landscape, so each way of setting a view up runs (a sample CV, an
        # error, a panel over a page); the questions share one set-up, so one of them stands for all.
        questions = [view for view in view_names if view.startswith("benefits_q_")]
        others = [view for view in view_names if view not in chosen and view not in questions[1:]]
        view_names = [view for view in view_names if view in chosen]
    if only:
        view_names = [view for view in view_names if view.startswith(tuple(only))]
    shots = []
    for each in ORIENTATIONS if orientation is None else (orientation,):
        shots += [Shot(view, language, each) for language in LANGUAGES for view in view_names]
        if not only:
            shots += [Shot("home", "en", each, variant) for variant in VARIANTS]
    if orientation in (None, "landscape") and not only:
        shots += [Shot(view, "en", "landscape") for view in others]
    return shots


def default_jobs() -> int:
    """One process per core this process may run on, at most ``MOST_JOBS``."""
    return max(1, min(MOST_JOBS, len(os.sched_getaffinity(0))))


def run(settings: dict, out: str, only: str | list[str] | None = None, orientation: str | None = None,
        chosen_set: str = "all", jobs: int | None = None, build_services=None) -> int:
    """Render the views and print the files written, one per line.

    :param settings: the checked config.
    :param out: the folder for the PNG files (made if missing).
    :param only: a prefix or a list of prefixes: only the views whose names start with one (all when None).
    :param orientation: "landscape" or "portrait" only (both when None).
    :param chosen_set: "all" or "representative" (see ``plan_shots``).
    :param jobs: processes rendering at once, each taking every ``jobs``-th picture (``default_jobs()`` when
        None; 1 renders in this process).
    :param build_services: ``kiosk.cli.services.build_services``, the composition root (``kiosk tour`` passes it).
    :returns: 0 when every picture was written, 1 when a process failed.
    """
    only = [only] if isinstance(only, str) else only
    jobs = jobs or default_jobs()
    if jobs == 1:
        return render_part(settings, out, only, orientation, chosen_set, build_services=build_services)
    # Spawned, not forked: each process starts its own Kivy and window, and inherits no threads or GL state.
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=render_part, name=f"tour-{part}",
                                 args=(settings, out, only, orientation, chosen_set, part, jobs, build_services))
                 for part in range(jobs)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    failed = [process.name for process in processes if process.exitcode != 0]
    if failed:
        log.error("tour: %s failed", ", ".join(failed))
    return 1 if failed else 0


def _configure_kivy() -> None:
    prepare_kivy_environment(headless=True)
    from kivy.config import Config
    # Square, as large as both orientations: an offscreen window's framebuffer never grows after it is made.
    Config.set("graphics", "width", "1920")
    Config.set("graphics", "height", "1920")
    Config.set("graphics", "maxfps", "0")
    Config.set("graphics", "multisamples", "0")  # as the kiosk draws (screens/lockdown.py)
    Config.set("kivy", "keyboard_mode", "system")  # the kiosk's own keyboard, not Kivy's
    for key, _value in Config.items("input"):
        Config.remove_option("input", key)


def _job_search(services):
    """The kiosk's own vacancy cache if it has vacancies and place names, otherwise the sample vacancies.

    :param services: the tour's ``kiosk.services.Services``.
    """
    from screens.tools.sample_jobs import sample_job_search

    search = services.job_search
    if search is not None and search.places is not None:
        return search
    log.info("tour: showing the sample vacancies")
    return sample_job_search()


def _fresh(app, driver, language, job_search=None):
    app.services.speech.hold = False  # a view read aloud holds each part until told (tour_views.reading)
    app.recovery.end_out_of_service()
    app.services.devices.card.remove_card()
    if job_search is not None:
        app.services.job_search = job_search
    app.nav.wipe("tour")
    app.sm.get_screen("attract").cleared = False
    app.access.set_language(language)
    driver.pump(2, draw=False)



def render_part(settings: dict, out: str, only: list[str] | None = None, orientation: str | None = None,
                chosen_set: str = "all", part: int = 0, parts: int = 1, build_services=None) -> int:
    """Render one process's share of the plan, every ``parts``-th picture from the ``part``-th, in one window.

    The app and its screens are built once; each picture starts from a wiped session.

    :param settings: the checked config.
    :param out: the folder for the PNG files (made if missing).
    :param only: prefixes of the views to show (all when None).
    :param orientation: "landscape" or "portrait" only (both when None).
    :param chosen_set: "all" or "representative".
    :param part: which share, from 0.
    :param parts: how many shares.
    :param build_services: ``kiosk.cli.services.build_services``.
    """
    if parts > 1:  # a spawned process: its logging starts unset
        from kiosk.logs import setup_logging
        setup_logging(settings["log.level"])
    _configure_kivy()
    from screens.app import KioskApp
    from screens.tools.driver import Driver
    from screens.tools.tour_views import views

    shots = plan_shots([name for name, _set_up in views(None)], only, orientation, chosen_set)[part::parts]
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    driver = Driver()
    printouts = tempfile.TemporaryDirectory(prefix="jobpoint-tour-")
    # The simulated card reader, so the tour can show the staff screens; its events arrive at once. Pages "printed"
    # go to PDF files in a folder thrown away at the end.
    services = build_services({**settings, "printer.folder": printouts.name},
                              devices_environ={"KIOSK_CARD": "simulated", "KIOSK_PRINTER": "pdf_file",
                                               "KIOSK_SPEECH": "silent"})
    job_search = _job_search(services)
    services.job_search = job_search
    app = driver.start(KioskApp(settings=settings, services=services, idle_poll=3600))
    set_ups = dict(views(app))
    started, shown = time.monotonic(), None
    try:
        for shot in shots:
            if shot.orientation != shown:
                driver.resize(*ORIENTATIONS[shot.orientation])
                shown = shot.orientation
            _fresh(app, driver, shot.language, job_search)
            if shot.variant:
                app.nav.begin()
                method, value = VARIANTS[shot.variant]
                getattr(app.access, method)(value)
            else:
                set_ups[shot.view]()
            driver.pump(3, draw=False)  # the screenshot draws the one frame it takes
            path = folder / f"{shot.name}.png"
            driver.screenshot(path)
            print(path, flush=True)
        _fresh(app, driver, "en")
    finally:
        driver.stop(app)
        printouts.cleanup()
    log.info("tour: %d screenshots in %.1f s", len(shots), time.monotonic() - started)
    return 0

"""``kiosk tour --out DIR``: every screen and panel as a PNG, in English and Welsh, landscape and portrait, each
in the standard look, in high contrast, at 200 % text and with "Move everything lower" (home at 150 % text too),
and the layout check (``screens/tools/layout_check.py``) run on every one. Nobody touches anything.

    kiosk tour --out tour                          # everything, one process per core (two on two cores)
    kiosk tour --out /tmp/t --only staff_,cv_work  # the views whose names start with either prefix
    kiosk tour --out /tmp/t --variants none        # the standard look only
    kiosk tour --out /tmp/t --set representative --no-pictures --strict   # check every screen and panel

File names read as ``<view>-<language>-<orientation>[-<variant>].png``. The views themselves are in
``screens/tools/tour_views.py``. The layout problems found are printed as they are found (``layout: ...``), those
in ``layout_check.KNOWN`` only counted; with ``strict`` the tour ends with status 3 when there are any.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from kiosk.session import Accessibility
from screens.environment import prepare_kivy_environment

log = logging.getLogger("jobpoint.tour")

ORIENTATIONS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
LANGUAGES = ("en", "cy")
#: Each way the accessibility panel can change a view: the choice (``kiosk.session.Accessibility``) and its value.
VARIANTS = {"high_contrast": ("high_contrast", True), "text150": ("text_scale", 1.5),
            "text200": ("text_scale", 2.0), "reach": ("reach", True)}
#: The variants every view is shown in. 150 % text, between the standard and the largest, only on home.
EVERY_VIEW = ("high_contrast", "text200", "reach")
SETS = ("all", "representative")
#: Each process holds a window and every screen (about 650 MB at most), so even a big machine gets no more.
MOST_JOBS = 4
#: The exit status of a strict tour that found layout problems (1 is a tour that failed to run).
PROBLEMS_FOUND = 3


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
               chosen_set: str = "all", variants: tuple[str, ...] = EVERY_VIEW) -> list[Shot]:
    """The pictures to take: orientation by orientation, then look by look (the standard one, then each variant),
    then language by language, in the order of the views.

    Changing the orientation, the text size, the colours or the language changes every screen built (every label
    drawn again, every colour bound again: up to a second each time), so each changes as seldom as it can.

    :param view_names: every view's name (``tour_views.views(None)``).
    :param only: prefixes: only the views whose names start with one of them (all when None).
    :param orientation: "landscape" or "portrait" only (both when None).
    :param chosen_set: "all", or "representative": each screen and each panel (``tour_views.PANELS``), with its
        variants, in both languages and orientations, and every other view once (one question standing for
        all the benefits questions) in English, landscape and the standard look; for the tests.
    :param variants: names from ``VARIANTS`` each view is shown in too (home also at 150 % text when any is).

    >>> [shot.name for shot in plan_shots(["home", "help"], only=["he"], orientation="portrait", variants=())]
    ['help-en-portrait', 'help-cy-portrait']
    >>> [shot.name for shot in plan_shots(["help"], orientation="landscape", variants=("reach",))]
    ['help-en-landscape', 'help-cy-landscape', 'help-en-landscape-reach', 'help-cy-landscape-reach']
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
        others = [view for view in others if view.startswith(tuple(only))]
    looks = [""] + [name for name in VARIANTS if name in variants or (name == "text150" and variants)]
    shots = []
    for each in ORIENTATIONS if orientation is None else (orientation,):
        if each == "landscape":
            shots += [Shot(view, "en", each) for view in others]
        for look in looks:
            shown = ["home"] if look == "text150" else view_names
            shots += [Shot(view, language, each, look) for language in LANGUAGES for view in view_names
                      if view in shown]
    return shots


def share(shots: list[Shot], part: int, parts: int) -> list[Shot]:
    """One process's share of the plan: every ``parts``-th picture, from the ``part``-th, in the plan's order.

    :param shots: from ``plan_shots``.
    :param part: which share, from 0.
    :param parts: how many shares.
    """
    return shots[part::parts]


class Outcome(NamedTuple):
    """What one process of the tour did."""

    shots: int
    problems: int  # not in layout_check.KNOWN, each printed
    known: int


def default_jobs() -> int:
    """One process per core this process may run on, at most ``MOST_JOBS``."""
    return max(1, min(MOST_JOBS, len(os.sched_getaffinity(0))))


def run(settings: dict, out: str, only: str | list[str] | None = None, orientation: str | None = None,
        chosen_set: str = "all", jobs: int | None = None, build_services=None,
        variants: tuple[str, ...] = EVERY_VIEW, pictures: bool = True, strict: bool = False) -> int:
    """Render the views, check each one's layout, and print the files written and the problems found.

    :param settings: the checked config.
    :param out: the folder for the PNG files (made if missing).
    :param only: a prefix or a list of prefixes: only the views whose names start with one (all when None).
    :param orientation: "landscape" or "portrait" only (both when None).
    :param chosen_set: "all" or "representative" (see ``plan_shots``).
    :param jobs: processes rendering at once, each taking every ``jobs``-th picture (``default_jobs()`` when
        None; 1 renders in this process).
    :param build_services: ``kiosk.cli.services.build_services``, the composition root (``kiosk tour`` passes it).
    :param variants: the variants each view is shown in too (``EVERY_VIEW``; none for the standard look only).
    :param pictures: False to lay each view out and check it without drawing it (several times quicker).
    :param strict: end with ``PROBLEMS_FOUND`` when the layout check found a problem not in its ``KNOWN`` list.
    :returns: 0 when every view was shown (and, if strict, had no new problem), 1 when a process failed.
    """
    only = [only] if isinstance(only, str) else only
    jobs = jobs or default_jobs()
    started = time.monotonic()
    arguments = (settings, out, only, orientation, chosen_set, variants, pictures, build_services)
    if jobs == 1:
        outcomes = [render_part(*arguments)]
        failed = []
    else:
        # Spawned, not forked: each process starts its own Kivy and window, and inherits no threads or GL state.
        context = multiprocessing.get_context("spawn")
        results = context.Queue()
        processes = [context.Process(target=_render_in_process, name=f"tour-{part}",
                                     args=(results, arguments, part, jobs)) for part in range(jobs)]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        # Each outcome is a few bytes, well within the pipe's buffer, so a process can end before it is read.
        outcomes = []
        while not results.empty():
            outcomes.append(results.get())
        failed = [process.name for process in processes if process.exitcode != 0]
        if failed:
            log.error("tour: %s failed", ", ".join(failed))
    shots, problems, known = (sum(column) for column in zip(*outcomes)) if outcomes else (0, 0, 0)
    print(f"tour: {shots} views in {time.monotonic() - started:.0f} s in {jobs} process(es); layout check: "
          f"{problems} problem(s), {known} known", flush=True)
    if failed:
        return 1
    return PROBLEMS_FOUND if strict and problems else 0


def _render_in_process(results, arguments: tuple, part: int, parts: int) -> None:
    results.put(render_part(*arguments, part=part, parts=parts))


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


def _with_demo_local_help(office_info):
    """The office as the kiosk reads it, with the demo office's "Help near you" when it lists none of its own, so
    the tour shows home's "Help near you" and its pages on any machine (``kiosk.local_help.demo_local_help``).

    :param office_info: ``Services.office_info``.
    """
    from dataclasses import replace

    from kiosk.local_help import demo_local_help

    def office(settings):
        found = office_info(settings)
        return found if found is None or found.local_help else replace(found, local_help=demo_local_help())
    return office


def _fresh(app, driver, shot: Shot | None = None, job_search=None) -> None:
    """Wipe the session and start the next shot's view from nothing, in its language and variant.

    :param shot: the view to come (English and the standard look when None).
    """
    app.services.speech.hold = False  # a view read aloud holds each part until told (tour_views.reading)
    app.recovery.end_out_of_service()
    app.services.devices.card.remove_card()
    if job_search is not None:
        app.services.job_search = job_search
    # The wipe goes straight to the shot's language and look, as on a kiosk that starts in them. Wiping to English
    # and the standard look and then switching would set every label's text, size or colour twice, on every
    # screen built, and draw every label again.
    app.session.default_language = shot.language if shot else "en"
    choices = Accessibility()
    if shot and shot.variant:
        attribute, value = VARIANTS[shot.variant]
        setattr(choices, attribute, value)
    app.session.default_accessibility = choices
    app.nav.wipe("tour")
    app.sm.get_screen("attract").cleared = False
    driver.pump(2, draw=False)


def render_part(settings: dict, out: str, only: list[str] | None = None, orientation: str | None = None,
                chosen_set: str = "all", variants: tuple[str, ...] = EVERY_VIEW, pictures: bool = True,
                build_services=None, part: int = 0, parts: int = 1) -> Outcome:
    """Show and check one process's share of the plan (``share``) in one window, and draw each view if asked.

    The app and its screens are built once; each view starts from a wiped session, already in its language and
    look (``Session.default_language`` and ``default_accessibility``), as a person would find it who chose them.

    :param settings: the checked config.
    :param out: the folder for the PNG files (made if missing).
    :param only: prefixes of the views to show (all when None).
    :param orientation: "landscape" or "portrait" only (both when None).
    :param chosen_set: "all" or "representative".
    :param variants: the variants each view is shown in too.
    :param pictures: False to check the layouts without drawing them.
    :param build_services: ``kiosk.cli.services.build_services``.
    :param part: which share, from 0.
    :param parts: how many shares.
    """
    if parts > 1:  # a spawned process: its logging starts unset
        from kiosk.logs import setup_logging
        setup_logging(settings["log.level"])
    _configure_kivy()
    from screens.app import KioskApp
    from screens.tools import layout_check
    from screens.tools.driver import Driver
    from screens.tools.tour_views import views

    shots = share(plan_shots([name for name, _set_up in views(None)], only, orientation, chosen_set, variants),
                  part, parts)
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
    services.office_info = _with_demo_local_help(services.office_info)
    app = driver.start(KioskApp(settings=settings, services=services, idle_poll=3600))
    set_ups = dict(views(app))
    started, shown = time.monotonic(), None
    problems = known = 0
    try:
        for shot in shots:
            if shot.orientation != shown:
                driver.resize(*ORIENTATIONS[shot.orientation])
                shown = shot.orientation
            _fresh(app, driver, shot, job_search)
            set_ups[shot.view]()
            driver.pump(3, draw=False)  # the screenshot draws the one frame it takes
            found = layout_check.check(app, shot.name)
            new = layout_check.unknown(found)
            problems, known = problems + len(new), known + len(found) - len(new)
            for problem in new:
                print(f"layout: {problem}", flush=True)
            if pictures:
                path = folder / f"{shot.name}.png"
                driver.screenshot(path)
                print(path, flush=True)
        _fresh(app, driver)
    finally:
        driver.stop(app)
        printouts.cleanup()
    log.info("tour: %d views in %.1f s", len(shots), time.monotonic() - started)
    return Outcome(len(shots), problems, known)

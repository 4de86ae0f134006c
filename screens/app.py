"""The kiosk App: builds the shell and its screens, wires the session, idle timer and speech, and recovers from
errors. Screens call the small set of methods here (``go``, ``back``, ``finish`` ...); rules and data live in
``kiosk/``.

    app = KioskApp(settings=load_config(None))
    app.run()
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import time
from collections import deque
from pathlib import Path

from kivy.app import App
from kivy.base import ExceptionHandler, ExceptionManager
from kivy.cache import Cache
from kivy.clock import Clock
from kivy.core.text import LabelBase
from kivy.core.window import Window
from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.screenmanager import NoTransition
from kivy.uix.textinput import TextInput
from kivy.uix.vkeyboard import VKeyboard

from device import open_devices
from kiosk import config as kiosk_config
from kiosk.assets import ASSETS
from kiosk.jobs.cache import CACHE_FILE, open_cache, remove_closed_vacancies, vacancy_count
from kiosk.i18n import load_catalogues
from kiosk.idle import IdleMonitor
from kiosk.jobs.search import JobSearch
from kiosk.logs import crash_report
from kiosk.memory import release_free_memory
from kiosk.session import VOLUMES, Session
from sync.background import jobs_updated_text
from sync.updates import mark_healthy_if_due
from screens.about import AboutScreen
from screens.attract import AttractScreen
from screens.benefits.question import BenefitsQuestionScreen
from screens.benefits.results import BenefitsResultsScreen
from screens.benefits.answers import BenefitsReviewScreen
from screens.benefits.start import BenefitsStartScreen
from screens.cv.contact import CvContactScreen
from screens.cv.education import CvEducationEditScreen, CvEducationScreen
from screens.cv.matches import CvMatchesScreen
from screens.cv.picks import CvQualificationsScreen, CvSkillsScreen
from screens.cv.preview import CvPreviewScreen
from screens.cv.start import CvStartScreen
from screens.cv.work import CvWorkEditScreen, CvWorkScreen
from screens.cv.writing import CvInterestsScreen, CvReferencesScreen, CvStatementScreen
from screens.home import HomeScreen
from screens.jobs.detail import JobDetailScreen
from screens.jobs.filters import JobFiltersScreen
from screens.jobs.panels import PhonePanel, PrintPanel
from screens.jobs.results import JobResultsScreen
from screens.jobs.search import JobSearchScreen
from screens.look import Look
from screens.overlays import AccessibilityPanel, HelpPanel, IdleWarning, OutOfService
from screens.lazy_screens import LazyScreenManager  # noqa: F401 - shell.kv makes one by name
from screens.shell import Shell
from screens.jobs.shortlist import ShortlistScreen
from screens.staff.modes import StaffController
from screens import widgets  # noqa: F401 - defines the classes the .kv files use

log = logging.getLogger("jobpoint.app")

HERE = Path(__file__).resolve().parent
# Order matters: later files use the classes earlier ones define.
KV_FILES = ["widgets.kv", "jobs/widgets.kv", "staff/panels.kv", "shell.kv", "overlays.kv", "jobs/panels.kv",
            "attract.kv", "home.kv",
            "jobs/search.kv", "jobs/results.kv", "jobs/filters.kv", "jobs/detail.kv", "jobs/shortlist.kv", "about.kv",
            "benefits/widgets.kv", "benefits/start.kv", "benefits/question.kv",
            "benefits/answers.kv", "benefits/results.kv",
            "cv/widgets.kv", "cv/start.kv", "cv/contact.kv", "cv/writing.kv", "cv/picks.kv",
            "cv/dates.kv", "cv/entries.kv", "cv/work.kv", "cv/education.kv",
            "cv/preview.kv", "cv/matches.kv"]

#: Every screen: name, class, properties. Later issues add theirs; ``kiosk tour`` renders them all.
SCREENS: list[tuple[str, type, dict]] = [
    ("attract", AttractScreen, {}),
    ("home", HomeScreen, {}),
    ("jobs", JobSearchScreen, {}),
    ("jobs_results", JobResultsScreen, {}),
    ("jobs_filters", JobFiltersScreen, {}),
    ("job_detail", JobDetailScreen, {}),
    ("shortlist", ShortlistScreen, {}),
    ("benefits", BenefitsStartScreen, {}),
    ("benefits_question", BenefitsQuestionScreen, {}),
    ("benefits_answers", BenefitsReviewScreen, {}),
    ("benefits_results", BenefitsResultsScreen, {}),
    ("cv", CvStartScreen, {}),
    ("cv_contact", CvContactScreen, {}),
    ("cv_statement", CvStatementScreen, {}),
    ("cv_work", CvWorkScreen, {}),
    ("cv_work_edit", CvWorkEditScreen, {}),
    ("cv_education", CvEducationScreen, {}),
    ("cv_education_edit", CvEducationEditScreen, {}),
    ("cv_qualifications", CvQualificationsScreen, {}),
    ("cv_skills", CvSkillsScreen, {}),
    ("cv_interests", CvInterestsScreen, {}),
    ("cv_references", CvReferencesScreen, {}),
    ("cv_preview", CvPreviewScreen, {}),
    ("cv_matches", CvMatchesScreen, {}),
    ("about", AboutScreen, {}),
]

#: Height of one row of the on-screen keyboard's keys.
KEY_ROW_MM = 18
#: A burst of errors this large inside the window means recovering is not working: let systemd restart us.
ERROR_BURST, ERROR_WINDOW_SECONDS = 10, 60.0
#: How often the job screens' "Jobs updated at ..." is worded again (a sync may have finished meanwhile).
JOBS_UPDATED_EVERY_S = 20
#: How often the app looks for a staged version to switch to (only between sessions, in the maintenance window).
UPDATE_CHECK_EVERY_S = 60


def register_fonts() -> None:
    """Make the shipped font (Noto Sans, which has every Welsh letter) available as "Jobpoint"."""
    fonts = ASSETS / "fonts"
    LabelBase.register(name="Jobpoint", fn_regular=str(fonts / "NotoSans-Regular.ttf"),
                       fn_bold=str(fonts / "NotoSans-Bold.ttf"))


def open_job_search(settings: dict) -> JobSearch | None:
    """The vacancy cache and the place names, opened once at start; None when this kiosk has no vacancies yet.

    A missing cache is not created here (the sync or ``kiosk demo-data`` makes it). Without the place names, job
    search still works, only not by place.

    :param settings: the checked config.
    """
    path = Path(settings["kiosk.data_dir"]) / CACHE_FILE
    if not path.is_file():
        log.warning("no vacancy cache at %s: job search is not available", path)
        return None
    try:
        db = open_cache(path)
        if vacancy_count(db) == 0:
            log.warning("the vacancy cache at %s is empty: job search is not available", path)
            return None
    except Exception as error:  # noqa: BLE001 - a broken cache must not stop the kiosk starting
        log.error("cannot open the vacancy cache at %s: %s", path, type(error).__name__)
        return None
    try:
        remove_closed_vacancies(db, dt.date.today())  # searches never write: this is done here and by the sync
    except sqlite3.OperationalError as error:
        # A sync holds the write lock while it applies, and removes closed vacancies itself.
        log.info("closed vacancies not removed at start: %s", type(error).__name__)
    try:
        from kiosk.jobs.places import load_places
        places = load_places()
    except (ImportError, OSError, ValueError) as error:
        log.warning("no place names (%s): job search works, but not by place", error)
        places = None
    return JobSearch(db, places=places)


def on_main_thread(handler) -> None:
    """Run a device's event handler on Kivy's main thread, on the next frame (devices have threads of their own).

    :param handler: a callable taking no arguments.
    """
    Clock.schedule_once(lambda _dt: handler(), 0)


def load_kv() -> None:
    """Load the .kv files once per process, however many Apps are made (tests make one per test)."""
    for name in KV_FILES:
        path = str(HERE / name)
        if path not in Builder.files:
            Builder.load_file(path)


class _ScreenErrorHandler(ExceptionHandler):
    """Turns an exception anywhere in the main loop into the out-of-service screen instead of a crash."""

    def __init__(self, app: "KioskApp") -> None:
        self.app = app

    def handle_exception(self, exception):
        """Show out-of-service and carry on, unless errors come so fast that recovery is clearly failing."""
        if isinstance(exception, (KeyboardInterrupt, SystemExit)):
            return ExceptionManager.RAISE
        return ExceptionManager.PASS if self.app.recover_from(exception) else ExceptionManager.RAISE


class KioskApp(App):
    """Jobpoint's App.

    :param settings: the checked config (``kiosk.config.load_config``).
    :param now: monotonic clock for the idle timer; tests pass one they can move on.
    :param idle_poll: seconds between idle checks (0 = every frame, for tests).
    :param speech: the read-aloud provider.
    :param start_screen: "attract" on a kiosk; "home" when a developer runs it in a window.
    :param job_search: the ``kiosk.jobs.search.JobSearch`` to use (tests and the tour pass their own); by default the
        cache in ``kiosk.data_dir`` (none if it is missing or empty).
    :param printer: the ``device.printer.Printer``; by default the devices' printer.
    :param devices: the ``device.Devices`` (card reader, printer, speech); by default chosen from settings by
        ``device.open_devices``, with card events delivered on Kivy's main thread.
    :param usage: the ``sync.usage.UsageCounter`` that anonymous usage counts go to (none: not counted).
    :param sync_worker: the ``sync.background.SyncWorker`` (``kiosk run`` starts one; tests run without).
    :param stop_app: what stopping the app for staff does (default ``App.stop``; in-process tests share one
        window and event loop, so they pass their own).
    """

    title = "Jobpoint"
    lang = StringProperty("en")
    # rebind: kv rules that call app.t.text(...) or app.t.plural(...) redraw when the language changes too.
    t = ObjectProperty(None, rebind=True)
    look = ObjectProperty(None)
    session = ObjectProperty(None)
    text_scale = NumericProperty(1.0)
    high_contrast = BooleanProperty(False)
    reach = BooleanProperty(False)
    read_aloud = BooleanProperty(False)
    volume = StringProperty("normal")
    reach_fraction = NumericProperty(0.65)
    show_nav = BooleanProperty(False)
    inner = BooleanProperty(False)
    #: "none", "pin" (a staff card's PIN is being typed), "assisted" or "maintenance" (kiosk.staff.access.MODES).
    staff_mode = StringProperty("none")
    #: "Jobs updated at 10:42" for the job screens, kept fresh by a clock; empty before the first sync.
    jobs_updated = StringProperty("")

    def __init__(self, settings=None, now=time.monotonic, idle_poll=0.25, speech=None,
                 start_screen="attract", job_search=None, printer=None, devices=None, stop_app=None, usage=None,
                 sync_worker=None, **kwargs):
        self.settings = settings or kiosk_config.defaults()
        self.catalogues = load_catalogues()
        default_language = self.settings["ui.default_language"]
        super().__init__(**kwargs)
        self.session = Session(default_language=default_language)
        self.session.on_wipe(self._after_wipe)
        self.t = self.catalogues[default_language]
        self.lang = default_language
        self.look = Look()
        # Devices passed in belong to the caller; those opened here are closed when the kiosk stops.
        self._owns_devices = devices is None
        self.devices = devices if devices is not None else open_devices(self.settings, dispatch=on_main_thread)
        self.speech = speech or self.devices.speech
        # A JobSearch passed in belongs to the caller; one opened here is closed when the kiosk stops.
        self._owns_job_search = job_search is None
        self.job_search = job_search if job_search is not None else open_job_search(self.settings)
        self.places = getattr(self.job_search, "places", None)
        self.printer = printer or self.devices.printer
        #: Why the app stopped, when a member of staff asked: "restart" or "leave" (kiosk mode).
        self.exit_action = ""
        self._stop_app = stop_app
        self.usage = usage
        self.sync_worker = sync_worker
        self.start_screen = start_screen
        self.idle = IdleMonitor(now=now, warning_seconds=self.settings["idle.warning_seconds"],
                                on_warn=self._on_idle_warn, on_expire=self._on_idle_expire,
                                on_extend=self._on_idle_extend)
        self._idle_poll = idle_poll
        self._history: list[str] = []
        self._errors: deque[float] = deque(maxlen=ERROR_BURST)
        self._out_of_service = None
        self._recover_at = 0.0
        self._error_handler = _ScreenErrorHandler(self)
        self._stopped = False
        self._marked_healthy = False

    # --- building and wiring -------------------------------------------------------------------------------

    def build(self):
        """Make the shell and every screen."""
        register_fonts()
        load_kv()
        self.shell = Shell()
        self.sm = self.shell.ids.sm
        self.sm.transition = NoTransition()
        for name, cls, props in SCREENS:
            self.sm.register(name, cls, props)  # each screen is made the first time it is shown
        # Strong references: Back and Start again leave the widget tree on the home screen, and ids are weak.
        self._nav_optional = [self.shell.ids.back.__self__, self.shell.ids.start_again.__self__]
        # Made once and reused: kv rules bound to the app would outlive a panel thrown away.
        self.panels = {"idle": IdleWarning(), "accessibility": AccessibilityPanel(), "help": HelpPanel(),
                       "out_of_service": OutOfService(), "phone": PhonePanel(), "print": PrintPanel()}
        self.staff = StaffController(self, self.devices)
        self.sm.bind(current=self._on_screen_changed)
        self.sm.current = self.start_screen
        self._on_screen_changed(self.sm, self.sm.current)
        if self.start_screen != "attract":
            self.begin()
        return self.shell

    def on_start(self):
        """Connect to the window: size, activity for the idle timer, the on-screen keyboard, errors."""
        Window.bind(size=self._on_window_size, on_touch_down=self._on_activity, on_key_down=self._on_activity,
                    on_textinput=self._on_activity, children=self._on_window_children)
        self._on_window_size(Window, Window.size)
        self._idle_event = Clock.schedule_interval(self._tick, self._idle_poll)
        self.refresh_jobs_updated()
        self._jobs_updated_event = Clock.schedule_interval(self.refresh_jobs_updated, JOBS_UPDATED_EVERY_S)
        self._update_event = Clock.schedule_interval(self._check_update, UPDATE_CHECK_EVERY_S)
        ExceptionManager.add_handler(self._error_handler)
        # Once the first screens are drawn, the scratch memory of building them is not needed again.
        Clock.schedule_once(lambda _dt: release_free_memory(), 1.0)
        log.info("kiosk %s started (office %s)", self.settings["kiosk.id"], self.settings["kiosk.office_id"])

    def on_stop(self):
        """Disconnect from the window; runs twice on a normal exit, so it must be safe to repeat."""
        if self._stopped:
            return
        self._stopped = True
        Window.unbind(size=self._on_window_size, on_touch_down=self._on_activity, on_key_down=self._on_activity,
                      on_textinput=self._on_activity, children=self._on_window_children)
        if getattr(self, "_idle_event", None):
            self._idle_event.cancel()
        if getattr(self, "_jobs_updated_event", None):
            self._jobs_updated_event.cancel()
        if getattr(self, "_update_event", None):
            self._update_event.cancel()
        if self._error_handler in ExceptionManager.handlers:
            ExceptionManager.remove_handler(self._error_handler)
        self.speech.stop()
        self.staff.close()
        if self._owns_devices:
            self.devices.close()
        if self._owns_job_search and self.job_search is not None:
            self.job_search.db.close()
        log.info("kiosk stopped")

    def _on_window_size(self, window, size):
        self.look.update_screen(size[0], size[1], self.settings["display.diagonal_inches"])
        self.reach_fraction = self.look.screen.reach_fraction(self.settings["display.reach_height_mm"])

    # --- where the person is ---------------------------------------------------------------------------------

    @property
    def screen(self):
        """The screen showing now."""
        return self.sm.current_screen

    def go(self, name: str) -> None:
        """Open a screen, remembering where Back should return to.

        :param name: a name from ``SCREENS``.
        """
        if name != self.sm.current:
            self._history.append(self.sm.current)
            self.sm.current = name

    def return_to(self, name: str) -> None:
        """Go back to ``name`` if the person came from there, otherwise open it (so Back never loops).

        :param name: a name from ``SCREENS``.
        """
        if self._history and self._history[-1] == name:
            self.back()
        else:
            self.go(name)

    def back(self) -> None:
        """Return to the previous screen (home if there is none)."""
        # A screen with pages of its own (the benefits questions) goes back a page first.
        go_back = getattr(self.screen, "go_back", None)
        if go_back is not None and go_back():
            return
        self.sm.current = self._history.pop() if self._history else "home"

    def start_again(self) -> None:
        """Clear the answers of the part of the kiosk the person is in and go back to its first page."""
        section = self.screen.section
        self.session.clear_section(section)
        for screen in self.sm.screens:
            if screen.section == section:
                screen.reset()
        # A section's first page has the section's name ("jobs", "benefits", "cv").
        first = section if self.sm.has_screen(section) else "home"
        self._history = ["home"] if first != "home" else []
        self.sm.current = first

    def begin(self) -> None:
        """A person has started: arm the idle timer and show home. Safe to call more than once."""
        if not self.session.in_use:
            self.session.in_use = True
            self.count("session_started")
            self.sm.get_screen("attract").cleared = False
            self.idle.start(self._idle_limit())
            if self.staff_mode == "assisted":
                self.mark_assisted()
        if self.sm.current == "attract":
            self._history = []
            self.sm.current = "home"

    def finish(self) -> None:
        """"Finish and clear my details": wipe now."""
        self.wipe("finished")

    def wipe(self, reason: str) -> None:
        """Forget everything about the person and reset every screen and widget.

        :param reason: "finished", "timeout", "error", "staff" (for the log only).
        """
        self.session.wipe(reason)

    def _after_wipe(self, reason: str) -> None:
        self.idle.stop()
        self.speech.stop()
        # Pages printed but not collected go too (the PDF-file printer deletes its files).
        self.printer.cancel_all()
        self.close_overlay()
        for screen in self.sm.screens:
            screen.reset()
        for panel in (*self.panels.values(), *self.staff.panels):
            if hasattr(panel, "reset"):
                panel.reset()
        # Anything a field ever showed can linger in these caches and in the clipboard.
        Cache.remove("textinput.label")
        Cache.remove("textinput.width")
        try:
            from kivy.core.clipboard import Clipboard
            Clipboard.copy("")
        except Exception:  # noqa: BLE001 - no clipboard provider on this machine is not a privacy risk
            pass
        self._apply_accessibility()
        self.set_language(self.session.language)
        self._history = []
        attract = self.sm.get_screen("attract")
        attract.cleared = reason in ("timeout", "finished", "error", "staff")
        self.sm.current = "attract"

    def _on_screen_changed(self, sm, name):
        screen = sm.get_screen(name)
        self.inner = screen.inner
        self.show_nav = name != "attract"
        nav = self.shell.ids.nav_buttons
        for button in self._nav_optional:
            if self.inner and button.parent is None:
                nav.add_widget(button, index=len(nav.children))
            elif not self.inner and button.parent is not None:
                nav.remove_widget(button)
        # Keep Back, Start again, Finish in that order whatever was added when.
        if self.inner:
            order = [self.shell.ids.finish.__self__, *reversed(self._nav_optional)]
            nav.children[:] = order
            nav._trigger_layout()
        self.idle.set_limit(self._idle_limit())
        if screen.heading_key:
            self.speak(self.t[screen.heading_key])

    # --- overlays -----------------------------------------------------------------------------------------

    def open_accessibility(self) -> None:
        """Show the accessibility panel."""
        self.begin_if_attract()
        self.shell.show_overlay(self.panels["accessibility"])
        self.speak(self.t["a11y.heading"])

    def open_help(self) -> None:
        """Show how to get help from staff."""
        self.begin_if_attract()
        self.shell.show_overlay(self.panels["help"])
        self.speak(self.t["help.body"])

    def close_overlay(self) -> None:
        """Close the panel showing, if any."""
        self.shell.close_overlay()

    def begin_if_attract(self) -> None:
        """Opening a panel from the attract screen means someone is here: start their session."""
        if not self.session.in_use:
            self.begin()

    # --- language and accessibility ------------------------------------------------------------------------

    def choose_language(self, language: str) -> None:
        """The person touched a language: on the attract screen that also starts their session.

        Otherwise a language chosen by someone who then walked away would greet the next person.

        :param language: "en" or "cy".
        """
        self.begin_if_attract()
        if language != self.lang:
            self.count(f"language_{language}")
        self.set_language(language)

    def set_language(self, language: str) -> None:
        """Switch language; the screen redraws at once and the person stays where they are.

        :param language: "en" or "cy".
        """
        self.session.language = language
        self.t = self.catalogues[language]
        self.lang = language
        self.refresh_jobs_updated()

    def set_text_scale(self, scale: float) -> None:
        """Set the text size: 1.0, 1.5 or 2.0.

        :param scale: a value from ``kiosk.session.TEXT_SCALES``.
        """
        if scale > 1.0 and self.session.accessibility.text_scale == 1.0:
            self.count("text_large")
        self.session.accessibility.text_scale = scale
        self._apply_accessibility()

    def set_high_contrast(self, on: bool) -> None:
        """Yellow on black, or the standard black on white.

        :param on: True for high contrast.
        """
        if on and not self.session.accessibility.high_contrast:
            self.count("high_contrast")
        self.session.accessibility.high_contrast = on
        self._apply_accessibility()

    def set_reach(self, on: bool) -> None:
        """"Move everything lower".

        :param on: True to draw every touch target in the lower part of the screen.
        """
        if on and not self.session.accessibility.reach:
            self.count("reach_mode")
        self.session.accessibility.reach = on
        self._apply_accessibility()

    def set_read_aloud(self, on: bool) -> None:
        """Turn read-aloud on or off.

        :param on: True to speak each screen as it opens.
        """
        if on and not self.session.accessibility.read_aloud:
            self.count("read_aloud")
        self.session.accessibility.read_aloud = on
        self._apply_accessibility()
        if on:
            self.speak(self.t["a11y.read_aloud"] + ": " + self.t["a11y.on"])
        else:
            self.speech.stop()

    def set_volume(self, choice: str) -> None:
        """How loud read-aloud is: "quiet", "normal" or "loud" (back to normal at the wipe).

        :param choice: a key of ``kiosk.session.VOLUMES``.
        """
        if choice in VOLUMES:
            self.session.accessibility.volume = choice
            self._apply_accessibility()
            self.speak(self.t["a11y.volume_" + choice])

    def _apply_accessibility(self) -> None:
        choices = self.session.accessibility
        self.volume = choices.volume
        # The kiosk's own volume, then the person's choice on top (the wipe brings "normal" back).
        self.speech.reset_volume()
        if choices.volume != "normal":
            self.speech.volume = round(self.speech.volume * VOLUMES[choices.volume])
        self.text_scale = choices.text_scale
        self.high_contrast = choices.high_contrast
        self.reach = choices.reach
        self.read_aloud = choices.read_aloud
        self.look.text_scale = choices.text_scale
        self.look.palette_name = "high_contrast" if choices.high_contrast else "standard"
        self.idle.set_limit(self._idle_limit())

    def speak(self, text: str) -> None:
        """Read ``text`` aloud if the person turned read-aloud on.

        :param text: plain text in the current language.
        """
        if self.session.accessibility.read_aloud:
            self.speech.say(text, self.lang)

    # --- staff ----------------------------------------------------------------------------------------------

    def mark_assisted(self) -> None:
        """A digital champion is helping in this session (counted once per session)."""
        if self.session.in_use and not self.session.assisted:
            self.session.assisted = True
            self.count("assisted_session")

    def count_once(self, event: str) -> None:
        """Count an event at most once in this visit (the set of counted names goes at wipe).

        :param event: one of the protocol's usage events, e.g. "benefit_check_completed".
        """
        if event not in self.session.counted:
            self.session.counted.add(event)
            self.count(event)

    def count(self, event: str) -> None:
        """Add one to an anonymous usage counter (no person or session in it); see ``sync.usage``.

        :param event: one of the protocol's usage events, e.g. "search".
        """
        if self.usage is not None:
            self.usage.count(event)

    def sync_status(self):
        """The background sync's ``sync.background.SyncStatus``, or None when this kiosk runs without sync."""
        worker = getattr(self, "sync_worker", None)
        return worker.status if worker is not None else None

    def refresh_jobs_updated(self, *_args) -> None:
        """Word the time of the last vacancy sync for the job screens, in the person's language."""
        status = self.sync_status()
        self.jobs_updated = jobs_updated_text(self.t, status.last_sync_at if status is not None else None)

    def _check_update(self, _dt=None) -> None:
        """Mark this version healthy once it is up, and ask for the switch to a downloaded one between sessions."""
        updater = getattr(self.sync_worker, "updater", None)
        if updater is None:
            return
        # Healthy: this version reached its attract or home screen and the service accepted one of its heartbeats.
        if (not self._marked_healthy and self.sm.current in ("attract", "home")
                and self.sync_worker.beat_accepted.is_set()):
            self._marked_healthy = True
            mark_healthy_if_due(updater.state_path, updater.current_version)
        # switch_if_ready checks update.enabled, the maintenance window and that nobody is using the kiosk.
        if updater.switch_if_ready(dt.datetime.now(), self.session.in_use):
            self.request_exit("update")

    def sync_now(self) -> None:
        """Ask the background sync to run now (it never blocks the screen)."""
        worker = getattr(self, "sync_worker", None)
        if worker is not None:
            worker.sync_now()

    def request_exit(self, action: str) -> None:
        """Stop the app: "restart" (staff) starts it again, "leave" (staff) leaves kiosk mode, "update" (the updater
        switched versions) exits for systemd to start the new one.

        :param action: "restart", "leave" or "update".
        """
        self.exit_action = action
        (self._stop_app or self.stop)()

    # --- idle -----------------------------------------------------------------------------------------------

    def _idle_limit(self) -> float:
        screen = self.sm.current_screen if hasattr(self, "sm") else None
        seconds = self.settings["idle.long_reading_seconds" if screen is not None and screen.long_reading
                                else "idle.seconds"]
        if self.session.accessibility.any_on():
            seconds *= self.settings["idle.accessibility_factor"]
        return seconds

    def _on_activity(self, *_args):
        self.idle.touch()
        # Returning None lets the touch or key carry on to the widgets.

    def _tick(self, _dt):
        if self._out_of_service is not None and self.idle.now() >= self._recover_at:
            self.end_out_of_service()
        self.idle.tick()
        overlay = self.shell.overlay
        if isinstance(overlay, IdleWarning):
            overlay.seconds_left = self.idle.seconds_left()

    def _on_idle_warn(self):
        # The docked keyboard sits above everything: put it away so the warning really fills the screen.
        for widget in self.screen.walk(restrict=True):
            if isinstance(widget, TextInput) and widget.focus:
                widget.focus = False
        warning = self.panels["idle"]
        warning.seconds_left = self.idle.seconds_left()
        self.shell.show_overlay(warning, full=True)
        self.speak(self.t["idle.title"])

    def _on_idle_extend(self):
        if isinstance(self.shell.overlay, IdleWarning):
            self.close_overlay()

    def _on_idle_expire(self):
        self.count("timeout_wipe")
        self.wipe("timeout")

    def more_time(self) -> None:
        """"I need more time": dismiss the warning and start the idle time again."""
        self.idle.extend()

    def suspend_idle(self, reason: str) -> None:
        """Hold off the idle warning and wipe, e.g. while a staff card is in the reader.

        :param reason: a name for the holder, given again to ``resume_idle``.
        """
        self.idle.suspend(reason)

    def resume_idle(self, reason: str) -> None:
        """Let the idle timer run again under the normal rules.

        :param reason: the name given to ``suspend_idle``.
        """
        self.idle.resume(reason)

    # --- the on-screen keyboard -------------------------------------------------------------------------------

    def _on_window_children(self, window, children):
        # The keyboard is scaled to the window's width only after it is added: size it on the next frame.
        Clock.schedule_once(self._fit_keyboard, 0)

    def _fit_keyboard(self, _dt=None):
        keyboard = next((w for w in Window.children if isinstance(w, VKeyboard)), None)
        if keyboard is None or not keyboard.scale:
            self.shell.keyboard_space = 0
            return
        # Rows of keys KEY_ROW_MM tall whatever the screen; the margins take a tenth of the height.
        rows = keyboard.available_layouts.get(keyboard.layout, {}).get("rows", 5) if keyboard.layout else 5
        height = self.look.mm(KEY_ROW_MM * rows) / 0.9 / keyboard.scale
        if abs(keyboard.height - height) > 0.5:
            keyboard.height = height
            keyboard.refresh(True)  # VKeyboard lays its keys out again only when asked
        self.shell.keyboard_space = keyboard.height * keyboard.scale
        self._scroll_to_focused()

    def _scroll_to_focused(self, _dt=None):
        from kivy.uix.scrollview import ScrollView
        for widget in self.screen.walk(restrict=True):
            if isinstance(widget, TextInput) and widget.focus:
                parent = widget.parent
                while parent is not None and not isinstance(parent, ScrollView):
                    parent = parent.parent
                if parent is not None:
                    parent.scroll_to(widget, padding=self.look.gap, animate=False)
                return

    # --- errors ------------------------------------------------------------------------------------------------

    def recover_from(self, exception: BaseException) -> bool:
        """Log an error without personal data, wipe, and show out-of-service until the recovery time passes.

        :param exception: what went wrong.
        :returns: False when errors come too fast to recover from (the process should exit and be restarted).
        """
        now = time.monotonic()
        self._errors.append(now)
        log.error("a screen failed; showing out-of-service:\n%s", crash_report(exception))
        from sync.crashes import record_crash  # time and kind only, for the heartbeat
        record_crash(Path(self.settings["kiosk.data_dir"]), exception)
        if len(self._errors) == ERROR_BURST and now - self._errors[0] < ERROR_WINDOW_SECONDS:
            log.critical("%d errors in under %d s; exiting so the service manager restarts the kiosk",
                         ERROR_BURST, ERROR_WINDOW_SECONDS)
            return False
        try:
            self.wipe("error")
        except Exception as wipe_error:  # noqa: BLE001 - the out-of-service screen must still appear
            log.error("wipe after error failed:\n%s", crash_report(wipe_error))
        self.show_out_of_service()
        return True

    def show_out_of_service(self) -> None:
        """Cover everything with the out-of-service screen until ``ui.recover_seconds`` have passed."""
        if self._out_of_service is None:
            self._out_of_service = self.panels["out_of_service"]
            Window.add_widget(self._out_of_service)
        # Timed on the same clock as the idle timer, so tests can move it on.
        self._recover_at = self.idle.now() + self.settings["ui.recover_seconds"]

    @property
    def out_of_service(self) -> bool:
        """True while the out-of-service screen shows."""
        return self._out_of_service is not None

    def end_out_of_service(self) -> None:
        """Take the out-of-service screen away and show the attract screen."""
        if self._out_of_service is None:
            return
        Window.remove_widget(self._out_of_service)
        self._out_of_service = None
        self.sm.current = "attract"
        log.info("out-of-service screen closed; back on the attract screen")


"""The kiosk App: builds the shell, wires the session, the services and the controllers, starts and stops.

    services = build_services(settings, dispatch=on_main_thread)   # kiosk/cli/services.py
    app = KioskApp(settings=settings, services=services)
    app.run()

What the screens call lives in small objects the App holds: ``app.nav`` (screens, Back, the visit's start and
end: screens/navigation.py), ``app.access`` (language and accessibility: screens/accessibility.py), ``app.idle``
(screens/idle_handling.py), ``app.recovery`` (out of service: screens/recovery.py) and ``app.keyboard`` (the
on-screen keyboard: screens/keyboard/dock.py). Devices, the job search, usage counts and the sync are
``app.services`` (``kiosk.services.Services``); rules and data live in ``kiosk/``.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from importlib import import_module
from pathlib import Path

from kivy.app import App
from kivy.clock import Clock
from kivy.core.text import LabelBase
from kivy.core.window import Window
from kivy.lang import Builder
from kivy.properties import BooleanProperty, DictProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.screenmanager import NoTransition

from kiosk import config as kiosk_config
from kiosk.assets import ASSETS
from kiosk.i18n import LazyCatalogues
from kiosk.memory import release_free_memory, thaw
from kiosk.session import Session
from screens.accessibility import Accessibility
from screens.hidden_text import defer_text_of_hidden_screens
from screens.identity import checked_logo, show_identity
from screens.idle_handling import IdleHandling
from screens.keyboard.board import OnScreenKeyboard  # noqa: F401 - shell.kv makes one by name
from screens.keyboard.dock import KeyboardDock
from screens.lazy_screens import LazyScreenManager  # noqa: F401 - shell.kv makes one by name
from screens.look import Look
from screens.navigation import Navigation
from screens.feedback import UsefulQuestion  # noqa: F401 - registers the widget the journeys' .kv files use
from screens.help_desk import HelpDesk
from screens.overlays import AccessibilityPanel, ConfirmLeave, HelpPanel, IdleWarning, OutOfService
from screens.read_aloud import PageReader
from screens.recovery import Recovery
from screens.shell import Shell
from screens.jobs.panels import PhonePanel, PrintPanel
from screens.staff.modes import StaffController
from screens.warm_up import WarmUp
from screens import patterns, qr_code, widgets  # noqa: F401 - define the classes the .kv files use

log = logging.getLogger("jobpoint.app")

HERE = Path(__file__).resolve().parent
#: The .kv files the first screen needs. Order matters: later files use the classes earlier ones define.
KV_FILES = ["widgets.kv", "patterns.kv", "feedback.kv", "keyboard/keyboard.kv", "jobs/widgets.kv", "staff/panels.kv",
            "shell.kv", "overlays.kv", "jobs/panels.kv", "attract.kv", "home.kv"]
#: Each part's .kv files, loaded when its first screen is made (most visits never open most parts).
PART_KV_FILES = {
    "jobs": ["jobs/search.kv", "jobs/results.kv", "jobs/filters.kv", "jobs/detail.kv", "jobs/shortlist.kv"],
    "about": ["about.kv", "statements.kv"],
    "local_help": ["local_help.kv"],
    "careers": ["careers/careers.kv"],
    "benefits": ["benefits/widgets.kv", "benefits/start.kv", "benefits/question.kv", "benefits/answers.kv",
                 "benefits/results.kv"],
    "cv": ["cv/widgets.kv", "cv/start.kv", "cv/contact.kv", "cv/writing.kv", "cv/picks.kv",
           "cv/dates.kv", "cv/entries.kv", "cv/work.kv", "cv/education.kv", "cv/preview.kv", "cv/matches.kv"],
    "life_events": ["life_events/choose.kv", "life_events/checklist.kv"],
}

#: Every screen: name, "module:Class" (imported when the screen is first made), properties, and its part's .kv
#: files ("" for those loaded at start). Later issues add theirs; ``kiosk tour`` renders them all.
SCREENS: list[tuple[str, str, dict, str]] = [
    ("attract", "screens.attract:AttractScreen", {}, ""),
    ("home", "screens.home:HomeScreen", {}, ""),
    ("jobs", "screens.jobs.search:JobSearchScreen", {}, "jobs"),
    ("jobs_results", "screens.jobs.results:JobResultsScreen", {}, "jobs"),
    ("jobs_filters", "screens.jobs.filters:JobFiltersScreen", {}, "jobs"),
    ("job_detail", "screens.jobs.detail:JobDetailScreen", {}, "jobs"),
    ("shortlist", "screens.jobs.shortlist:ShortlistScreen", {}, "jobs"),
    ("benefits", "screens.benefits.start:BenefitsStartScreen", {}, "benefits"),
    ("benefits_question", "screens.benefits.question:BenefitsQuestionScreen", {}, "benefits"),
    ("benefits_answers", "screens.benefits.answers:BenefitsAnswersScreen", {}, "benefits"),
    ("benefits_results", "screens.benefits.results:BenefitsResultsScreen", {}, "benefits"),
    ("cv", "screens.cv.start:CvStartScreen", {}, "cv"),
    ("cv_contact", "screens.cv.contact:CvContactScreen", {}, "cv"),
    ("cv_statement", "screens.cv.writing:CvStatementScreen", {}, "cv"),
    ("cv_work", "screens.cv.work:CvWorkScreen", {}, "cv"),
    ("cv_work_edit", "screens.cv.work:CvWorkEditScreen", {}, "cv"),
    ("cv_education", "screens.cv.education:CvEducationScreen", {}, "cv"),
    ("cv_education_edit", "screens.cv.education:CvEducationEditScreen", {}, "cv"),
    ("cv_qualifications", "screens.cv.picks:CvQualificationsScreen", {}, "cv"),
    ("cv_skills", "screens.cv.picks:CvSkillsScreen", {}, "cv"),
    ("cv_interests", "screens.cv.writing:CvInterestsScreen", {}, "cv"),
    ("cv_references", "screens.cv.writing:CvReferencesScreen", {}, "cv"),
    ("cv_preview", "screens.cv.preview:CvPreviewScreen", {}, "cv"),
    ("cv_matches", "screens.cv.matches:CvMatchesScreen", {}, "cv"),
    ("local_help", "screens.local_help:LocalHelpScreen", {}, "local_help"),
    ("local_help_group", "screens.local_help:LocalHelpGroupScreen", {}, "local_help"),
    ("careers", "screens.careers.choose:CareersScreen", {}, "careers"),
    ("career", "screens.careers.career:CareerScreen", {}, "careers"),
    ("careers_young", "screens.careers.young:CareersYoungScreen", {}, "careers"),
    ("career_ons", "screens.careers.ons_career:OnsCareerScreen", {}, "careers"),
    ("life_events", "screens.life_events.choose:LifeEventsScreen", {}, "life_events"),
    ("life_event", "screens.life_events.checklist:LifeEventScreen", {}, "life_events"),
    ("about", "screens.about:AboutScreen", {}, "about"),
    ("privacy", "screens.statements:PrivacyScreen", {}, "about"),
    ("accessibility_statement", "screens.statements:AccessibilityStatementScreen", {}, "about"),
]

#: How often the job screens' "Jobs updated at ..." is worded again (a sync may have finished meanwhile).
JOBS_UPDATED_EVERY_S = 20
#: How often the app looks for a staged version to switch to (only between sessions, in the maintenance window).
UPDATE_CHECK_EVERY_S = 60


def register_fonts() -> None:
    """Make the shipped font (Noto Sans, which has every Welsh letter) available as "Jobpoint"."""
    fonts = ASSETS / "fonts"
    LabelBase.register(name="Jobpoint", fn_regular=str(fonts / "NotoSans-Regular.ttf"),
                       fn_bold=str(fonts / "NotoSans-Bold.ttf"))


def on_main_thread(handler) -> None:
    """Run a device's event handler on Kivy's main thread, on the next frame (devices have threads of their own).

    :param handler: a callable taking no arguments.
    """
    Clock.schedule_once(lambda _dt: handler(), 0)


def load_kv(names=KV_FILES) -> None:
    """Load .kv files once per process, however many Apps are made (tests make one per test).

    :param names: paths under screens/ (default: those the first screen needs).
    """
    for name in names:
        path = str(HERE / name)
        if path not in Builder.files:
            Builder.load_file(path)


def load_part(part: str) -> None:
    """Import one part's screen modules and load its .kv files (before its first screen is made).

    Every module first: a kv rule may name a widget class that another screen's module of the part defines.

    :param part: a key of ``PART_KV_FILES``, or "" for nothing.
    """
    for _name, how, _props, screen_part in SCREENS:
        if screen_part == part:
            import_module(how.partition(":")[0])
    load_kv(PART_KV_FILES.get(part, ()))


class KioskApp(App):
    """Jobpoint's App.

    :param settings: the checked config (``kiosk.config.load_config``).
    :param services: the ``kiosk.services.Services`` the screens use (``kiosk.cli.services.build_services``
        makes them; tests pass their own parts through it). Closed when the kiosk stops.
    :param now: monotonic clock for the idle timer; tests pass one they can move on.
    :param idle_poll: seconds between idle checks (0 = every frame, for tests).
    :param start_screen: "attract" on a kiosk; "home" when a developer runs it in a window.
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
    #: The organisation running the kiosk ({"name", "name_cy"}, or {}) and the office's name, from the office config.
    organisation = DictProperty({})
    office_name = StringProperty("")
    #: The organisation's logo file (``display.logo`` once checked), or "" for none.
    logo = StringProperty("")

    def __init__(self, settings=None, services=None, now=time.monotonic, idle_poll=0.25, start_screen="attract",
                 stop_app=None, **kwargs):
        self.settings = settings or kiosk_config.defaults()
        if services is None:
            raise TypeError("KioskApp needs its services: kiosk.cli.services.build_services(settings)")
        self.services = services
        # The default language now; the other once the first screen is up (on_start).
        self.catalogues = LazyCatalogues()
        default_language = self.settings["ui.default_language"]
        super().__init__(**kwargs)
        self.session = Session(default_language=default_language)
        self.t = self.catalogues[default_language]
        self.lang = default_language
        self.look = Look()
        #: Why the app stopped, when a member of staff asked: "restart" or "leave" (kiosk mode).
        self.exit_action = ""
        self._stop_app = stop_app
        self.start_screen = start_screen
        self.nav = Navigation(self)
        self.access = Accessibility(self)
        self.reader = PageReader(self)
        self.help_desk = HelpDesk(self)
        self.idle = IdleHandling(self, now)
        self.recovery = Recovery(self)
        self.keyboard = KeyboardDock(self)
        self.session.on_wipe(self.nav.after_wipe)
        self._idle_poll = idle_poll
        self._events = []
        self._stopped = False

    def build(self):
        """Make the shell; each screen is made the first time it is shown."""
        register_fonts()
        defer_text_of_hidden_screens()  # before any screen's label is made
        show_identity(self)
        self.logo = checked_logo(self.settings["display.logo"])
        load_kv()
        self.shell = Shell()
        self.sm = self.shell.ids.sm
        self.sm.transition = NoTransition()
        self.sm.before_make = load_part
        for name, cls, props, part in SCREENS:
            self.sm.register(name, cls, props, part)
        # Made once and reused: kv rules bound to the app would outlive a panel thrown away.
        self.panels = {"idle": IdleWarning(), "accessibility": AccessibilityPanel(), "help": HelpPanel(),
                       "confirm": ConfirmLeave(), "out_of_service": OutOfService(), "phone": PhonePanel(),
                       "print": PrintPanel()}
        self.staff = StaffController(self, self.services.devices)
        self.sm.bind(current=self.nav.on_screen_changed)
        self.warm_up = WarmUp(self, load_part, on_done=release_free_memory)
        self.sm.current = self.start_screen
        self.nav.on_screen_changed(self.sm, self.sm.current)
        if self.start_screen != "attract":
            self.nav.begin()
        return self.shell

    def on_start(self):
        """Connect to the window: size, activity for the idle timer, the on-screen keyboard, errors."""
        Window.bind(size=self._on_window_size, on_touch_down=self.idle.on_activity,
                    on_key_down=self.idle.on_activity, on_textinput=self.idle.on_activity)
        self.keyboard.watch()
        self._on_window_size(Window, Window.size)
        self.refresh_jobs_updated()
        self._events = [Clock.schedule_interval(self.idle.tick, self._idle_poll),
                        Clock.schedule_interval(self.refresh_jobs_updated, JOBS_UPDATED_EVERY_S),
                        Clock.schedule_interval(self._check_update, UPDATE_CHECK_EVERY_S)]
        self.recovery.install()
        Clock.schedule_once(self._after_first_screen, 1.0)
        log.info("kiosk %s started (office %s)", self.settings["kiosk.id"], self.settings["kiosk.office_id"])

    def _after_first_screen(self, _dt=None) -> None:
        # Read the other language and open the job search (the vacancy cache and the place names) now, not at the
        # person's first touch of them: the first screen needs neither.
        self.catalogues.load_all()
        self.services.open_job_search_now()
        # Once the first screens are drawn, the scratch memory of building them is not needed again.
        release_free_memory()
        if self.settings["display.warm_up"]:
            self.warm_up.start()

    def on_stop(self):
        """Disconnect from the window; runs twice on a normal exit, so it must be safe to repeat."""
        if self._stopped:
            return
        self._stopped = True
        Window.unbind(size=self._on_window_size, on_touch_down=self.idle.on_activity,
                      on_key_down=self.idle.on_activity, on_textinput=self.idle.on_activity)
        self.keyboard.unwatch()
        self.help_desk.stop()
        for event in self._events:
            event.cancel()
        if hasattr(self, "warm_up"):  # made in build()
            self.warm_up.stop()
        thaw()  # what the app set aside from the garbage collector can go with it
        self.recovery.uninstall()
        self.services.speech.stop()
        self.staff.close()
        self.services.close()
        log.info("kiosk stopped")

    def _on_window_size(self, window, size):
        self.look.update_screen(size[0], size[1], self.settings["display.diagonal_inches"])
        self.reach_fraction = self.look.screen.reach_fraction(self.settings["display.reach_height_mm"])

    @property
    def screen(self):
        """The screen showing now."""
        return self.sm.current_screen

    def refresh_jobs_updated(self, *_args) -> None:
        """Word the time of the last vacancy sync for the job screens, in the person's language."""
        self.jobs_updated = self.services.jobs_updated_text(self.t)

    def _check_update(self, _dt=None) -> None:
        """Ask for the switch to a downloaded version between sessions (``Services.update_ready``)."""
        if self.services.update_ready(dt.datetime.now(), started=self.sm.current in ("attract", "home"),
                                      in_use=self.session.in_use):
            self.request_exit("update")

    def request_exit(self, action: str) -> None:
        """Stop the app: "restart" (staff) starts it again, "leave" (staff) leaves kiosk mode, "update" (the updater
        switched versions) exits for systemd to start the new one.

        :param action: "restart", "leave" or "update".
        """
        self.exit_action = action
        (self._stop_app or self.stop)()

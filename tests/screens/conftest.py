"""Screen tests: ONE real Kivy window for the whole pytest process, and a fresh KioskApp for each test.

The window uses SDL's offscreen driver (real GL rendering through Mesa, no X server needed). Time is a
``FakeClock`` the tests move on; frames advance only when a test pumps them; touches are real touch events through
the window. Each app gets a kiosk with jobs in it: a vacancy cache in a temporary ``kiosk.data_dir`` (which the
real wiring opens, as on a kiosk) holding the sample vacancies, and the sample places instead of the built place
asset. Printed pages land in that temporary folder too, never in the home directory.

Only this folder opens a window: the windowless tests elsewhere never import Kivy (``make check`` runs them).
"""

import atexit
import datetime as dt
import os
import shutil
import tempfile

import pytest

# Must happen before the first `import kivy` anywhere.
_kivy_home = tempfile.mkdtemp(prefix="kivy-home-")
atexit.register(shutil.rmtree, _kivy_home, ignore_errors=True)
os.environ["KIVY_HOME"] = _kivy_home
if not os.environ.get("UI_TEST_USE_DISPLAY"):
    os.environ.pop("DISPLAY", None)
    os.environ["SDL_VIDEODRIVER"] = "offscreen"

from screens.environment import prepare_kivy_environment  # noqa: E402

# Test modules import Kivy when they are collected, so this cannot wait for a fixture.
prepare_kivy_environment(headless=True)

from tests.sizes import LANDSCAPE  # noqa: E402

#: The framebuffer is made once and never grows, so make it big enough for landscape and portrait.
FRAMEBUFFER = (1920, 1920)


class FakeClock:
    """A monotonic clock that only moves when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time on."""
        self.now += seconds


def _open_window():
    # At import, before any test module is collected: a module that imports kivy.uix widgets before the
    # window exists leaves the offscreen window drawing nothing but black.
    from kivy.config import Config
    Config.set("graphics", "width", str(FRAMEBUFFER[0]))
    Config.set("graphics", "height", str(FRAMEBUFFER[1]))
    Config.set("graphics", "maxfps", "0")  # never sleep between frames
    Config.set("kivy", "exit_on_escape", "0")
    Config.set("kivy", "keyboard_mode", "system")  # the kiosk's own keyboard, not Kivy's
    for key, _value in Config.items("input"):  # no real mouse or touch devices
        Config.remove_option("input", key)
    from screens.tools.driver import Driver
    window_driver = Driver()
    window_driver.resize(*LANDSCAPE)
    return window_driver


_DRIVER = _open_window()
# Laid out, not drawn, except the frames screenshots read (screens.tools.driver says why); UI_TEST_DRAW=1 draws all.
_DRIVER.draws = os.environ.get("UI_TEST_DRAW") == "1"


from kiosk.jobs.cache import CACHE_FILE, open_cache, store_vacancies  # noqa: E402
from screens.tools.sample_jobs import sample_places, sample_vacancies  # noqa: E402


@pytest.fixture(scope="session")
def driver():
    """The one Kivy window of this test process, with a driver to pump frames, tap and type."""
    return _DRIVER


@pytest.fixture
def clock():
    """The fake clock the app's idle timer reads."""
    return FakeClock()


@pytest.fixture
def make_app(driver, clock, settings, monkeypatch):
    """Start a KioskApp in the shared window: ``make_app(start_screen="home", size=PORTRAIT)``."""
    started = []
    # The app's full garbage collection after its first screen and after the warm-up (kiosk.memory) would scan
    # everything this test process holds from every earlier test: 0.3 s a test, a quarter of the screen tests'
    # time, for memory no test looks at. tests/core/test_memory.py tests it.
    monkeypatch.setattr("screens.app.release_free_memory", lambda: None)

    def make(start_screen="attract", size=LANDSCAPE, stop_app=None, **parts):
        """:param parts: the test's own services (``job_search=``, ``printer=``, ``devices=``, ``usage=``,
        ``sync_worker=``), passed through the composition root like every other."""
        from kiosk.cli.services import build_services
        from screens.app import KioskApp, on_main_thread
        driver.resize(*size)
        services = build_services(settings, dispatch=on_main_thread, **parts)
        app = KioskApp(settings=settings, services=services, now=clock, idle_poll=0, start_screen=start_screen,
                       stop_app=stop_app)
        driver.start(app)
        started.append(app)
        driver.pump(2)
        return app

    yield make
    for app in started:
        driver.stop(app)
    driver.resize(*LANDSCAPE)


@pytest.fixture
def app(make_app):
    """A kiosk app on its attract screen, landscape 1920x1080."""
    return make_app()


@pytest.fixture
def extra_vacancies():
    """More vacancies for the cache; a test overrides this to add its own."""
    return []


@pytest.fixture
def settings(settings, tmp_path, monkeypatch, extra_vacancies):
    """Default settings, with a data folder holding a small vacancy cache."""
    data_dir = tmp_path / "data"
    db = open_cache(data_dir / CACHE_FILE)
    store_vacancies(db, [*sample_vacancies(dt.date.today()), *extra_vacancies])
    db.close()
    monkeypatch.setattr("kiosk.jobs.places.load_places", lambda *args, **kwargs: sample_places())
    settings["kiosk.data_dir"] = data_dir
    # Each test makes the screens it visits; tests/screens/test_warm_up.py turns the warm-up on.
    settings["display.warm_up"] = False
    return settings

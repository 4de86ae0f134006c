"""Test harness for every folder: the project on the import path, devices that never reach real hardware, and
the UK place and job-title files (built once per test session if ``assets/generated`` is missing).

Nothing here imports Kivy or opens a window, so the windowless tests (core, jobs, benefits, CV, CLI, sync, the
central service) run on a machine with nothing but Python. The one Kivy window the screen tests share is made in
``tests/screens/conftest.py``.
"""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Tests choose their devices: the simulated card reader and speech, and PDF files for printing, unless a test
# (the PC/SC ones) builds its own. Nothing here may reach for the machine's real reader or printer by accident.
os.environ.setdefault("KIOSK_CARD", "simulated")
os.environ.setdefault("KIOSK_PRINTER", "pdf_file")
os.environ.setdefault("KIOSK_SPEECH", "silent")

from kiosk.assets_build import DEFAULT_CACHE, build_assets  # noqa: E402
from kiosk.jobs.job_titles import JOB_TITLES_FILE, load_job_titles  # noqa: E402
from kiosk.jobs.places import PLACES_FILE, load_places  # noqa: E402

# Property-based tests (hypothesis): no time limit per example, because a loaded machine must not fail a test, and in
# CI a fixed order of examples, so a run there can be repeated exactly. Any failure it finds is printed as a seed.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("jobpoint", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", parent=settings.get_profile("jobpoint"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "jobpoint")

# The real PC/SC stack's session fixtures, one pcscd for the whole run whichever folders use it.
pytest_plugins = ["tests.pcsc_fixtures"]


@pytest.fixture
def settings():
    """Default settings; tests change what they need before the app starts."""
    from kiosk.config import defaults
    return defaults()


def built_assets_dir(tmp_path_factory) -> Path:
    """The folder holding places.json.gz and job_titles.json.gz: a current assets/generated, or a fresh build."""
    try:
        load_places(PLACES_FILE), load_job_titles(JOB_TITLES_FILE)
        return PLACES_FILE.parent
    except (FileNotFoundError, ValueError):
        pass
    out = tmp_path_factory.getbasetemp() / "generated-assets"
    if not (out / "places.json.gz").is_file():  # both test modules share one build per session
        build_assets(out, DEFAULT_CACHE)
    return out


@pytest.fixture(scope="session")
def assets_dir(tmp_path_factory):
    return built_assets_dir(tmp_path_factory)


@pytest.fixture(scope="session")
def places(assets_dir):
    return load_places(assets_dir / "places.json.gz")


def pytest_addoption(parser):
    parser.addoption("--after-check", metavar="PATHS", default="",
                     help="leave out the windowless tests under these paths (space-separated) that `make check` has "
                          "just run: `make test` passes the same list, so no test runs twice")


def pytest_itemcollected(item):
    _mark_one_at_a_time(item)


def pytest_collection_modifyitems(config, items):
    paths = [ROOT / p for p in config.getoption("--after-check").split()]
    if not paths:
        return
    left_to_test = ("postgres", "browser", "sweep", "thorough")  # what `make check` leaves out (its -m)
    ran, keep = [], []
    for item in items:
        checked = any(item.path.is_relative_to(p) for p in paths) and not any(
            item.get_closest_marker(m) for m in left_to_test)
        (ran if checked else keep).append(item)
    if ran:
        config.hook.pytest_deselected(items=ran)
        items[:] = keep


def _mark_one_at_a_time(item) -> None:
    """Mark ``one_at_a_time`` the tests that share one machine-wide resource: ``make test`` runs the rest on every
    core (pytest-xdist) and these after them in one process.

    Each xdist worker has its own offscreen Kivy window, Xvfb servers, PostgreSQL cluster and CUPS rig, but there
    is one vpcd port (so one pcscd: a second worker waits for its lock, then skips its card tests) and one cached
    Debian chroot. xdist's own ``--dist loadgroup`` would keep them together, but with pytest 9 it no longer
    changes the test ids it groups by (it sets ``item._nodeid``), so its groups are silently ignored.
    """
    if item.get_closest_marker("pcsc") or "pcsc_stack" in getattr(item, "fixturenames", ()) \
            or item.path.is_relative_to(ROOT / "tests" / "deploy"):
        item.add_marker(pytest.mark.one_at_a_time)

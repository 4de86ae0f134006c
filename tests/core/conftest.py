"""Fixtures shared by the core tests: the UK place and job-title files, built once per test session."""

from pathlib import Path

import pytest

from kiosk.assets_build import DEFAULT_CACHE, build_assets
from kiosk.occupations import JOB_TITLES_FILE, load_job_titles
from kiosk.places import PLACES_FILE, load_places


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

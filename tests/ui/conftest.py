"""UI tests get a kiosk with jobs in it: a vacancy cache in a temporary ``kiosk.data_dir`` (which the real wiring
opens, as on a kiosk) holding the sample vacancies, and the sample places instead of the built place asset.

Printed pages land in that temporary folder too, never in the home directory.
"""

import datetime as dt

import pytest

from kiosk.cache import CACHE_FILE, open_cache, store_vacancies
from screens.sample_jobs import sample_places, sample_vacancies


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
    monkeypatch.setattr("kiosk.places.load_places", lambda *args, **kwargs: sample_places())
    settings["kiosk.data_dir"] = data_dir
    return settings

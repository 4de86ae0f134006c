"""Misspelt searches answered with jobs: each kind of mistake, when nothing is corrected, and type-ahead.

The small caches here use the test's own titles only: the occupation index's words are left out (an autouse fixture)
unless a test puts some in, so what counts as a known word is plain from the test.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.jobs import search as search_module
from kiosk.jobs import vocabulary
from kiosk.jobs.cache import store_vacancies
from kiosk.jobs.query import JobQuery, search_words
from kiosk.jobs.spelling import Speller, edit_budget
from tests.jobs.test_search import fresh, record

TITLES = {"Butcher": 3, "Chef": 4, "Receptionist": 3, "Lorry driver": 4, "Delivery driver": 2,
          "Forklift truck driver": 3, "Warehouse operative": 5, "Office cleaner": 3, "Plumber": 2,
          "Kitchen porter": 3, "Packing operative": 2, "Plasterer": 2, "Painter": 2}


@pytest.fixture(autouse=True)
def no_occupation_index(monkeypatch):
    monkeypatch.setattr(vocabulary, "occupation_words", lambda: frozenset())


def jobs(titles=TITLES, start=0, description="Free parking on site. Training is given."):
    return [record(start + n, title=title, description=description)
            for n, title in enumerate(t for t, count in titles.items() for _ in range(count))]


@pytest.fixture
def search():
    return fresh(*jobs())


@pytest.mark.parametrize("typed, meant", [
    ("butchr", "butcher"),              # a letter dropped
    ("cleanner", "cleaner"),            # a letter doubled
    ("plumbr", "plumber"),
    ("drievr", "driver"),               # two letters swapped
    ("lorry drievr", "lorry driver"),
    ("warehose", "warehouse"),
    ("recepionist", "receptionist"),
    ("plastxrxr", "plasterer"),          # two letters changed in a word of 8 or more
    ("shef", "chef"),                   # spelt as it sounds
    ("recepshonist", "receptionist"),
    ("fork lift", "forklift"),          # a space too many
    ("lorrydriver", "lorry driver"),    # a space too few
    ("kitchen portr", "kitchen porter"),
])
def test_a_misspelt_search_shows_the_jobs_for_its_correction(search, typed, meant):
    result = search.search(JobQuery(text=typed))
    assert (result.corrected_from, result.corrected_to) == (typed, meant)
    assert result.total > 0 and result.hits
    assert all(word in hit.title.lower() for hit in result.hits for word in meant.split())


def test_a_word_of_up_to_seven_letters_gets_one_edit_and_longer_words_two():
    assert [edit_budget(w) for w in ("shef", "nurse", "painter", "plumbers")] == [0, 1, 1, 2]
    speller = Speller({"painter": 5, "plasterer": 5})
    assert speller.correct(["paxnter"]) == ["painter"]
    assert speller.correct(["paxntxr"]) is None, "two edits in a 7-letter word is too many"
    assert speller.correct(["plastxrxr"]) == ["plasterer"]


def test_of_two_corrections_as_close_the_word_in_more_jobs_wins():
    assert Speller({"carer": 50, "career": 5}).correct(["carrer"]) == ["carer"]
    assert Speller({"carer": 5, "career": 50}).correct(["carrer"]) == ["career"]


def test_words_the_titles_use_are_never_corrected(search):
    result = search.search(JobQuery(text="office cleaner"))
    assert result.corrected_from is None and result.did_you_mean is None
    assert result.total == 3


def test_a_word_the_adverts_use_is_not_corrected_to_a_title_word(search):
    # "parking" is one letter from "packing" (a title word), but the adverts say "Free parking on site".
    result = search.search(JobQuery(text="parking"))
    assert result.corrected_from is None and result.total == sum(TITLES.values())


def test_a_word_only_the_occupation_index_knows_is_not_corrected(monkeypatch):
    search = fresh(*jobs({"Carrier": 3}))
    assert search.search(JobQuery(text="farrier")).corrected_to == "carrier"
    monkeypatch.setattr(vocabulary, "occupation_words", lambda: frozenset({"farrier"}))
    search = fresh(*jobs({"Carrier": 3}))
    result = search.search(JobQuery(text="farrier"))
    assert result.corrected_from is None and result.total == 0


def test_a_typo_in_one_advert_gives_way_to_far_more_jobs_for_the_correction():
    search = fresh(*jobs({"Receptionist": 10}), record(99, title="Front desk", description="Recepionist wanted"))
    result = search.search(JobQuery(text="recepionist"))
    assert result.corrected_to == "receptionist" and result.total == 10


def test_when_the_correction_finds_not_far_more_the_typed_words_stay_and_it_is_offered():
    # Two adverts with the typo: the correction's 9 jobs are not five times as many.
    search = fresh(*jobs({"Receptionist": 9}),
                   *(record(90 + n, title="Front desk", description="Recepionist wanted") for n in range(2)))
    result = search.search(JobQuery(text="recepionist"))
    assert result.corrected_from is None and result.total == 2
    assert result.did_you_mean == "receptionist"


def test_when_the_words_as_typed_find_plenty_nothing_is_corrected(monkeypatch):
    monkeypatch.setattr(search_module, "PLENTY", 4)
    search = fresh(*jobs({"Fork lift truck driver": 4, "Forklift driver": 20}))
    result = search.search(JobQuery(text="fork lift"))
    assert result.corrected_from is None and result.total == 4
    assert result.did_you_mean == "forklift", "offered, not imposed"
    monkeypatch.setattr(search_module, "PLENTY", 5)
    assert search.search(JobQuery(text="fork lift")).corrected_to == "forklift"


def test_searching_as_typed_is_never_corrected(search):
    result = search.search(JobQuery(text="butchr", as_typed=True))
    assert result.total == 0 and result.corrected_from is None


def test_the_correction_keeps_the_place_filters_and_page():
    search = fresh(*jobs({"Butcher": 25}), *jobs({"Butcher": 5}, start=100, description="Part time"))
    query = JobQuery(text="butchr", place="Leeds", radius_miles=5, contracts={"permanent"}, page=1, page_size=20)
    result = search.search(query)
    assert result.query == query and result.corrected_to == "butcher"
    assert result.total == 30 and len(result.hits) == 10 and result.place.name == "Leeds"


def test_the_vocabulary_follows_the_cache():
    search = fresh(*jobs({"Chef": 2}))
    assert search.search(JobQuery(text="barrista")).total == 0
    store_vacancies(search.db, jobs({"Barista": 2}, start=50))
    assert search.search(JobQuery(text="barrista")).corrected_to == "barista"


@pytest.mark.parametrize("typed, title", [
    ("butchr", "Butcher"), ("recepsh", "Receptionist"), ("lorrydriv", "Lorry driver"),
    ("kitchen portr", "Kitchen porter"), ("shef", "Chef"), ("warehose op", "Warehouse operative"),
])
def test_type_ahead_tolerates_the_same_mistakes(search, typed, title):
    assert title in search.suggest(typed)


def test_type_ahead_that_finds_titles_as_typed_is_not_corrected(search):
    assert search.suggest("pl") == ["Plasterer", "Plumber"] or set(search.suggest("pl")) == {"Plasterer", "Plumber"}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=60), st.text(alphabet='aeiourstlnpdcbhkvw *"-(){}:^.', max_size=30)))
def test_any_text_at_all_is_searched_and_corrected_as_plain_words(search, typed):
    result = search.search(JobQuery(text=typed))  # never raises: no word ever reaches FTS5 as syntax
    search.suggest(typed)
    if result.corrected_to is not None:
        assert result.corrected_to.split() == search_words(result.corrected_to)

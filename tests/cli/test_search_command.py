"""``kiosk search``: only its result on standard output, a plain refusal (exit 2) for every bad value, never a
traceback or a hang."""

import json
import logging

import pytest

from kiosk.cli.main import main
from kiosk.jobs.cache import open_cache, store_vacancies
from kiosk.jobs.vacancies import check_vacancy
from tests.jobs.test_search import record


@pytest.fixture
def cache(tmp_path):
    path = tmp_path / "vacancies.db"
    db = open_cache(path)
    store_vacancies(db, [check_vacancy(record(n, posted="2026-11-20", closes="2099-01-01")) for n in range(5)])
    db.conn.close()
    return path


def run(capsys, cache, *args):
    status = main(["search", *args, "--cache", str(cache)])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_output_is_only_json_and_logs_go_to_standard_error(capsys, cache):
    status, out, _ = run(capsys, cache, "cleaner", "--near", "LS1", "--json")
    logging.getLogger("jobpoint.test").warning("a log line after the command set logging up")
    late_out, late_err = capsys.readouterr()
    assert status == 0 and json.loads(out + late_out)["total"] == 5
    assert "a log line after the command set logging up" in late_err


@pytest.mark.parametrize("option, value, says", [
    ("--radius", "nan", "is not a distance from 1 to 50 miles"),
    ("--radius", "inf", "is not a distance from 1 to 50 miles"),
    ("--radius", "-5", "is not a distance from 1 to 50 miles"),
    ("--radius", "1e5", "is not a distance from 1 to 50 miles"),
    ("--radius", "0", "is not a distance from 1 to 50 miles"),
    ("--page", "0", "is not a page number from 1 to 100,000"),
    ("--page", "1e20", "is not a page number from 1 to 100,000"),
    ("--page", "-3", "is not a page number from 1 to 100,000"),
])
def test_a_bad_radius_or_page_is_refused_plainly(capsys, cache, option, value, says):
    with pytest.raises(SystemExit) as stopped:
        run(capsys, cache, "cleaner", "--near", "LS1", f"{option}={value}")
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and says in err and "Traceback" not in err


@pytest.mark.parametrize("radius", ["1", "3", "5", "10", "15", "20", "30", "50", "7.5"])
def test_every_radius_the_screen_offers_is_taken(capsys, cache, radius):
    assert run(capsys, cache, "cleaner", "--near", "LS1", "--radius", radius, "--json")[0] == 0


def test_nearest_needs_a_place(capsys, cache):
    status, out, err = run(capsys, cache, "cleaner", "--sort", "nearest")
    assert (status, out) == (2, "") and "--sort nearest needs --near" in err
    assert run(capsys, cache, "cleaner", "--sort", "nearest", "--near", "LS1")[0] == 0


def test_a_search_from_the_isles_of_scilly_is_a_result_not_a_crash(capsys, cache):
    status, out, _ = run(capsys, cache, "", "--near", "TR21", "--radius", "15", "--json")
    assert status == 0 and json.loads(out)["total"] == 0


def test_a_misspelt_search_says_which_words_it_showed_jobs_for_unless_as_typed(capsys, cache):
    status, out, _ = run(capsys, cache, "clenaer", "--json")
    found = json.loads(out)
    assert status == 0 and found["total"] == 5
    assert (found["corrected_from"], found["corrected_to"]) == ("clenaer", "cleaner")
    status, out, _ = run(capsys, cache, "clenaer")
    assert out.startswith("Showing jobs for: cleaner (--as-typed to search for 'clenaer')\n5 jobs found")
    status, out, _ = run(capsys, cache, "clenaer", "--as-typed", "--json")
    assert json.loads(out)["total"] == 0 and json.loads(out)["corrected_to"] is None

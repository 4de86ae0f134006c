"""The ONS's SOC 2020 unit groups behind the careers pages: built from ONS's workbook, every career tied to groups
the ONS publishes, and each tie checked against the ONS's own job titles, not ours."""

import re
import sys

import pytest

from kiosk.assets_build import DEFAULT_CACHE, fetch_wheels
from kiosk.careers.soc2020 import Soc2020Error, load_family_groups, load_unit_groups, unit_groups_for
from kiosk.careers.soc2020_build import read_unit_groups
from kiosk.cv.suggestions import occupations


@pytest.fixture(scope="module")
def groups():
    return load_unit_groups()


def test_the_built_file_has_every_unit_group_of_soc_2020_with_its_tasks(groups):
    assert len(groups) == 412  # SOC 2020 Volume 1: 412 unit groups
    assert all(re.fullmatch(r"\d{4}", code) and group.title and group.tasks for code, group in groups.items())
    assert groups["9231"].title == "Security guards and related occupations"
    assert sum(bool(group.entry_routes) for group in groups.values()) >= 400
    assert not any("~" in task or task == "<blank>" for group in groups.values() for task in group.tasks)


def test_every_career_but_any_job_covers_unit_groups_the_ons_publishes(groups):
    families = load_family_groups(known=groups)
    keys = set(occupations().families)
    assert set(families) == keys - {"general"}
    assert all(unit_groups_for(key)[0].code == codes[0] for key, codes in families.items())


def _words(text):
    return set(re.findall(r"[a-z]+", text.lower()))


def _names(keyword, text):
    """Does the ONS's text name this job title? Whole words, a plural "s" allowed ("Cleaners" names "cleaner")."""
    words = _words(text)
    return all(word in words or word + "s" in words for word in re.findall(r"[a-z]+", keyword.lower()))


def test_the_ons_names_one_of_each_careers_job_titles_in_its_main_group(groups):
    families = occupations().families
    for key, codes in load_family_groups(known=groups).items():
        main = groups[codes[0]]
        ons_titles = [main.title, *main.related_titles]
        assert any(_names(keyword, title) for keyword in families[key].keywords for title in ons_titles), \
            f"{key}: ONS's {main.code} {main.title} names none of {families[key].keywords}"


def test_a_unit_group_the_ons_does_not_have_is_refused(tmp_path, groups):
    path = tmp_path / "soc2020.toml"
    path.write_text('[groups]\ncare = ["6135", "9999"]\n', encoding="utf-8")
    with pytest.raises(Soc2020Error, match="9999 is not a SOC 2020 unit group"):
        load_family_groups(path, known=groups)
    path.write_text('[groups]\ncare = ["61"]\n', encoding="utf-8")
    with pytest.raises(Soc2020Error, match="four-digit"):
        load_family_groups(path)


@pytest.fixture(scope="module")
def library_wheels():
    wheels = fetch_wheels(DEFAULT_CACHE)  # in the cache already: the assets were built with them
    return [wheels["openpyxl"], wheels["et_xmlfile"]]


def _workbook(path, library_wheels, headings, rows):
    sys.path[:0] = [str(w) for w in library_wheels if str(w) not in sys.path]  # as the build does
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "SOC2020 descriptions"
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


HEADINGS = ["SOC\n2020 Major Group", "SOC 2020 Unit Group", "SOC\n2020 \nGroup Title", "Group  Description",
            "Typical Entry Routes And Associated Qualifications", "Tasks", "Related Job Titles"]


def test_a_workbook_laid_out_otherwise_is_refused_not_read_wrongly(tmp_path, library_wheels):
    without_tasks = _workbook(tmp_path / "a.xlsx", library_wheels, HEADINGS[:5] + HEADINGS[6:], [])
    with pytest.raises(RuntimeError, match="'tasks'"):
        read_unit_groups(without_tasks, library_wheels)
    rows = [[None, 9231, "Security guards ", "Guard things.", "<blank>", "~patrols\n\n~checks passes", "~Guard"],
            [9, "<blank>", "ELEMENTARY", "A major group.", "<blank>", "<blank>", "<blank>"]]
    too_few = _workbook(tmp_path / "b.xlsx", library_wheels, HEADINGS, rows)
    with pytest.raises(RuntimeError, match="only 1 unit groups"):
        read_unit_groups(too_few, library_wheels)

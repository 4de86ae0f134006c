"""The nine life events' data: every event, in English and Welsh, each step with its source and the date it was
checked, a step for every nation, and a plain message naming the file and field when a file is wrong."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from kiosk.life_events.content import (EVENTS_DIR, HOSTS, LANGUAGES, NATIONS, ORDER, LifeEventError, all_events,
                                       read_event, read_events)

EVENTS = all_events()
STEPS = [(event.id, number, step) for event in EVENTS.values() for number, step in enumerate(event.steps, 1)]


def test_the_nine_events_the_issue_asks_for_are_there_in_order():
    assert list(EVENTS) == list(ORDER)
    assert len(EVENTS) == 9


@pytest.mark.parametrize(("event_id", "number", "step"), STEPS, ids=[f"{e}-{n}" for e, n, _s in STEPS])
def test_every_step_has_a_source_on_a_public_service_site_checked_on_the_day(event_id, number, step):
    assert step.source.startswith("https://") and step.source.split("/")[2] in HOSTS
    assert "nidirect" not in step.link + step.link_cy + step.source
    assert step.checked == dt.date(2026, 12, 5)
    for language in LANGUAGES:
        assert step.title[language] and step.why[language] and step.how[language]
        assert bool(step.when["en"]) == bool(step.when["cy"])


@pytest.mark.parametrize("event_id", ORDER)
@pytest.mark.parametrize("nation", NATIONS)
def test_every_event_has_steps_in_every_nation_and_its_welsh_differs_from_its_english(event_id, nation):
    event = EVENTS[event_id]
    assert event.steps_for(nation)
    assert event.title["cy"] != event.title["en"]
    assert all(step.why["cy"] != step.why["en"] for step in event.steps)


@pytest.mark.parametrize(("nation", "deadline"), [("england", "Within 5 days."), ("wales", "Within 5 days."),
                                                  ("scotland", "Within 8 days.")])
def test_registering_a_death_has_the_deadline_of_the_kiosks_nation(nation, deadline):
    register = EVENTS["someone_died"].steps_for(nation)[0]
    assert register.who == "register_office"
    assert register.when["en"] == deadline


def test_a_welsh_screen_links_the_english_page_where_there_is_no_welsh_one():
    step = EVENTS["lost_job"].steps[0]
    assert step.link_for("cy") == step.link_for("en") == "https://www.gov.uk/apply-universal-credit"
    assert step.phone_for("cy") == "0800 328 1744" and step.phone_for("en") == "0800 328 5644"


def _copy_with(tmp_path, event_id: str, old: str, new: str):
    folder = tmp_path / "life_events"
    shutil.copytree(EVENTS_DIR, folder)
    path = folder / f"{event_id}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder, path


@pytest.mark.parametrize(("event_id", "old", "new", "message"), [
    ("lost_job", 'cy = "Gwneud cais am Gredyd Cynhwysol"', 'cy = ""',
     "lost_job.toml step 1: title needs English (en) and Welsh (cy) text"),
    ("baby", 'who = "nhs"', 'who = "nhs_england"', "baby.toml step 1: who must be one of"),
    ("caring", 'link = "https://www.nhs.uk/', 'link = "https://www.nidirect.gov.uk/',
     "caring.toml step 1: link must be an https:// link to one of"),
    ("someone_died", "checked = 2026-12-05", 'checked = "last week"',
     "someone_died.toml: checked must be a date such as 2026-12-05"),
    ("separated", 'answers = { partner = "no" }', 'answers = { partner = "maybe" }',
     "separated.toml: [check] answers: 'maybe' is not an answer to 'partner'"),
    ("lost_job", "answers = { work = \"no\" }", "answers = { wages = \"no\" }",
     "lost_job.toml: [check] answers: 'wages' is not a question of the benefits check"),
    ("moving_home", 'phone = "0800 328 5644"', 'phone = "call us"', "moving_home.toml step 1: phone must be a UK"),
    ("leaving_care", 'id = "leaving_care"', 'id = "leaving"', "leaving_care.toml: id must be snake_case and the same"),
    ("state_pension_age", "title = {", "title = [", "state_pension_age.toml: is not valid TOML"),
])
def test_a_wrong_file_is_refused_with_a_plain_message_naming_the_file_and_field(tmp_path, event_id, old, new,
                                                                                 message):
    folder, _path = _copy_with(tmp_path, event_id, old, new)
    with pytest.raises(LifeEventError) as refused:
        read_events(folder)
    assert str(refused.value).startswith(message)
    assert "Traceback" not in str(refused.value)


def test_a_missing_event_file_is_named(tmp_path):
    folder = tmp_path / "life_events"
    shutil.copytree(EVENTS_DIR, folder)
    (folder / "caring.toml").unlink()
    with pytest.raises(LifeEventError, match="no file for caring"):
        read_events(folder)


def test_a_step_only_for_one_nation_leaves_another_nation_with_none_and_is_refused(tmp_path):
    _folder, path = _copy_with(tmp_path, "moving_home", 'who = "dwp"\n', 'who = "dwp"\nnations = ["scotland"]\n')
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('[[step]]\nwho = "council"', '[[step]]\nwho = "council"\nnations = ["scotland"]')
                    .replace('[[step]]\nwho = "hmrc"', '[[step]]\nwho = "hmrc"\nnations = ["scotland"]')
                    .replace('[[step]]\nwho = "nhs"', '[[step]]\nwho = "nhs"\nnations = ["scotland"]')
                    .replace('[[step]]\nwho = "dvla"', '[[step]]\nwho = "dvla"\nnations = ["scotland"]'),
                    encoding="utf-8")
    with pytest.raises(LifeEventError, match=r"moving_home\.toml: has no step for england"):
        read_event(path)

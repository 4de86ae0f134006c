"""The CV model: JSON in and out, every kind of bad JSON named plainly, length limits, and the in-place wipe."""

import json
from pathlib import Path

import pytest

from kiosk.cv.model import (CV, LIMITS, MAX_ENTRIES, Contact, CvFormatError, EducationEntry, Qualification, WorkEntry,
                      YearMonth, cv_from_json, cv_to_dict, cv_to_json)

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "cv-sample.json"


def test_the_sample_round_trips_to_exactly_the_same_json():
    text = SAMPLE.read_text(encoding="utf-8")
    cv = cv_from_json(text)
    assert cv.contact.name == "Siân Llewelyn"
    assert cv.work[0].start == YearMonth(2021, 4) and cv.work[0].current
    assert json.loads(cv_to_json(cv)) == json.loads(text)
    assert cv_from_json(cv_to_json(cv)) == cv


def test_welsh_letters_are_kept_as_letters_in_the_json():
    cv = CV(contact=Contact(name="Gwenllïan Ŵyn"), skills=["Siarad Cymraeg â phobl"])
    text = cv_to_json(cv)
    assert "Ŵyn" in text and "\\u" not in text
    assert cv_from_json(text.encode("utf-8")) == cv


def test_missing_fields_take_their_defaults():
    assert cv_from_json("{}") == CV()
    cv = cv_from_json('{"work": [{"title": "Cleaner"}]}')
    assert cv.work == [WorkEntry(title="Cleaner")]
    assert cv.language == "en"


@pytest.mark.parametrize("text, message", [
    ("this is not json", "The file is not valid JSON (line 1, column 1)."),
    ('{"contact": {"name": "Siân",}}', "The file is not valid JSON (line 1, column 29)."),
    (b"\xff\xfe{}", "The file is not text in UTF-8."),
    ("[]", "The CV must be an object ({ ... })."),
    ('{"colour": "red"}', 'Unknown field "colour": the fields are contact, education, interests, language, '
                          'qualifications, references, skills, statement, work.'),
    ('{"contact": {"mobile": "07700 900123"}}', 'Unknown field "mobile" in contact: the fields are email, name, '
                                                 'phone, town.'),
    ('{"work": [{"title": "Cleaner", "salary": 1}]}', 'Unknown field "salary" in work[1]'),
    ('{"contact": "Siân"}', "contact must be an object ({ ... })."),
    ('{"contact": {"name": 5}}', "contact.name must be text in quotes."),
    ('{"statement": null}', "statement must be text in quotes."),
    ('{"work": {}}', "work must be a list ([ ... ])."),
    ('{"work": [5]}', "work[1] must be an object ({ ... })."),
    ('{"work": [{}, {"duties": "Cleaning"}]}', "work[2].duties must be a list ([ ... ])."),
    ('{"work": [{"duties": ["ok", 3]}]}', "work[1].duties[2] must be text in quotes."),
    ('{"work": [{"start": "2024-13"}]}', 'work[1].start must be a month like "2024-03" (year, then month 01 to 12).'),
    ('{"work": [{"start": "March 2024"}]}', "work[1].start must be a month like"),
    ('{"work": [{"end": 202403}]}', "work[1].end must be a month like"),
    ('{"work": [{"start": "1850-01"}]}', "work[1].start must be a month like"),
    ('{"work": [{"current": "yes"}]}', "work[1].current must be true or false."),
    ('{"education": [{"start_year": "2015"}]}', "education[1].start_year must be a year like 2019"),
    ('{"education": [{"end_year": true}]}', "education[1].end_year must be a year like 2019"),
    ('{"qualifications": [{"year": 20190}]}', "qualifications[1].year must be a year like 2019"),
    ('{"skills": "Forklift"}', "skills must be a list ([ ... ])."),
    ('{"language": "fr"}', "language must be one of en, cy."),
    ('{"contact": {"name": "Siân\\tLlewelyn"}}', "contact.name has a tab, a new line or a control character in it"),
    ('{"statement": "Line one\\u0007"}', "statement has a control character in it; use plain text."),
])
def test_bad_json_gets_a_plain_message_naming_the_field(text, message):
    with pytest.raises(CvFormatError) as raised:
        cv_from_json(text)
    assert str(raised.value).startswith(message)


def test_a_new_line_is_allowed_in_a_statement_but_not_in_a_name():
    assert cv_from_json('{"statement": "One.\\nTwo."}').statement == "One.\nTwo."
    with pytest.raises(CvFormatError, match=r"^contact.name has a tab, a new line"):
        cv_from_json('{"contact": {"name": "Siân\\nLlewelyn"}}')


def _json_with(limit_key: str, text: str) -> dict:
    """A CV dict whose field limited by ``limit_key`` holds ``text``, and that field's path."""
    places = {
        "name": ({"contact": {"name": text}}, "contact.name"),
        "phone": ({"contact": {"phone": text}}, "contact.phone"),
        "email": ({"contact": {"email": text}}, "contact.email"),
        "town": ({"contact": {"town": text}}, "contact.town"),
        "statement": ({"statement": text}, "statement"),
        "title": ({"work": [{"title": text}]}, "work[1].title"),
        "employer": ({"work": [{"employer": text}]}, "work[1].employer"),
        "duty": ({"work": [{"duties": ["ok", text]}]}, "work[1].duties[2]"),
        "what": ({"education": [{"what": text}]}, "education[1].what"),
        "where": ({"education": [{"where": text}]}, "education[1].where"),
        "qualification": ({"qualifications": [{"name": text}]}, "qualifications[1].name"),
        "detail": ({"qualifications": [{"detail": text}]}, "qualifications[1].detail"),
        "skill": ({"skills": [text]}, "skills[1]"),
        "interests": ({"interests": text}, "interests"),
        "references": ({"references": text}, "references"),
    }
    return places[limit_key]


@pytest.mark.parametrize("limit_key", sorted(LIMITS))
def test_each_field_takes_text_up_to_its_limit_and_refuses_one_more(limit_key):
    limit = LIMITS[limit_key]
    fits, _ = _json_with(limit_key, "ŵ" * limit)
    cv_from_json(json.dumps(fits))
    too_long, path = _json_with(limit_key, "ŵ" * (limit + 1))
    with pytest.raises(CvFormatError) as raised:
        cv_from_json(json.dumps(too_long))
    assert str(raised.value) == f"{path} is {limit + 1} characters long; the most is {limit}."
    assert "ŵ" not in str(raised.value), "a message never repeats what the person typed"


def test_the_limits_are_the_ones_the_screens_count_against():
    assert (LIMITS["name"], LIMITS["statement"], LIMITS["duty"]) == (80, 600, 200)


@pytest.mark.parametrize("name, build", [
    ("work", lambda n: {"work": [{}] * n}),
    ("duties", lambda n: {"work": [{"duties": ["x"] * n}]}),
    ("education", lambda n: {"education": [{}] * n}),
    ("qualifications", lambda n: {"qualifications": [{}] * n}),
    ("skills", lambda n: {"skills": ["x"] * n}),
])
def test_each_list_takes_up_to_its_most_entries(name, build):
    most = MAX_ENTRIES[name]
    cv_from_json(json.dumps(build(most)))
    with pytest.raises(CvFormatError, match=rf"has {most + 1} entries; the most is {most}\.$"):
        cv_from_json(json.dumps(build(most + 1)))


def test_year_month_reads_writes_and_sorts():
    assert YearMonth.parse("2024-03") == YearMonth(2024, 3)
    assert str(YearMonth(2024, 3)) == "2024-03"
    assert YearMonth(2023, 12) < YearMonth(2024, 1) < YearMonth(2024, 2)
    for bad in ("2024-3", "2024-00", "2024/03", "２０２４-03", "", None):
        with pytest.raises(CvFormatError):
            YearMonth.parse(bad)


def test_job_titles_come_once_each_in_order_without_blanks():
    cv = CV(work=[WorkEntry(title=" Warehouse  operative "), WorkEntry(title=""), WorkEntry(title="Cleaner"),
                  WorkEntry(title="warehouse operative")])
    assert cv.job_titles() == ["Warehouse operative", "Cleaner"]


def test_is_empty_until_anything_is_filled_in():
    assert CV().is_empty()
    assert CV(language="cy", contact=Contact(name="   ")).is_empty()
    assert not CV(skills=["Forklift"]).is_empty()
    assert not CV(contact=Contact(email="a@b.cy")).is_empty()
    assert not CV(education=[EducationEntry()]).is_empty()


def test_clear_empties_every_field_in_place():
    cv = cv_from_json(SAMPLE.read_text(encoding="utf-8"))
    cv.language = "cy"
    contact, work, first_job, duties, skills = cv.contact, cv.work, cv.work[0], cv.work[0].duties, cv.skills
    qualification, course = cv.qualifications[0], cv.education[0]
    cv.clear()
    assert cv == CV() and cv.is_empty()
    # A screen that kept a reference to any part of it sees nothing of the person either.
    assert cv.contact is contact and contact == Contact()
    assert cv.work is work and work == [] and cv.skills is skills and skills == []
    assert first_job == WorkEntry() and duties == []
    assert qualification == Qualification() and course == EducationEntry()


def test_to_dict_is_plain_json_types():
    data = cv_to_dict(CV(work=[WorkEntry(start=YearMonth(2020, 1))]))
    assert data["work"][0]["start"] == "2020-01"
    assert json.loads(json.dumps(data)) == data


def test_the_json_page_shows_the_sample_and_the_limits_as_they_are():
    doc = (SAMPLE.parent / "cv-json.md").read_text(encoding="utf-8")
    example = doc.split("```json\n", 1)[1].split("```", 1)[0]
    assert json.loads(example) == json.loads(SAMPLE.read_text(encoding="utf-8"))
    for key, limit in [*LIMITS.items(), *MAX_ENTRIES.items()]:
        assert f"| `{key}` | {limit} |" in doc
    for image in ("cv-sample-classic.png", "cv-sample-modern.png"):
        assert (SAMPLE.parent / image).read_bytes().startswith(b"\x89PNG")

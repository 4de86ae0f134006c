"""The CV a person builds at the kiosk: contact details, statement, work, education, qualifications, skills.

    >>> cv = cv_from_json('{"contact": {"name": "Siân Llewelyn", "town": "Bangor"}, "skills": ["Forklift"]}')
    >>> cv.contact.name, cv.skills, cv.language
    ('Siân Llewelyn', ['Forklift'], 'en')
    >>> cv_from_json('{"work": [{"start": "2024-13"}]}')
    Traceback (most recent call last):
    ...
    kiosk.cv.model.CvFormatError: work[1].start must be a month like "2024-03" (year, then month 01 to 12).

This is the contract in /tmp/handoff/cv-model.md: the screens, the session, the job matching and the hand-off to
a phone all use these names. The JSON that ``kiosk cv-pdf`` reads uses the same field names, with months as
"YYYY-MM" (docs/cv-json.md). A CV is personal data: it lives in the session, in memory only, and is never logged.
Error messages name the field and what is wanted, never the text the person typed.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field, fields
from typing import Any

#: The most characters each piece of text may hold (the screens show friendly counters from these).
LIMITS: dict[str, int] = {
    "name": 80,
    "phone": 20,
    "email": 100,
    "town": 60,
    "statement": 600,
    "title": 80,
    "employer": 80,
    "duty": 200,
    "what": 100,
    "where": 80,
    "qualification": 100,
    "detail": 100,
    "skill": 50,
    "interests": 300,
    "references": 300,
}
#: The most entries each list may hold: enough for a long career, few enough for two pages.
MAX_ENTRIES: dict[str, int] = {
    "work": 15,
    "duties": 10,
    "education": 10,
    "qualifications": 15,
    "skills": 30,
}
#: The languages a CV's headings can print in (``kiosk.i18n.LANGUAGES``).
CV_LANGUAGES = ("en", "cy")
#: The looks a CV can be printed in (``kiosk.cv.pdf.LAYOUTS``), here so a screen or the CLI can list them cheaply.
CV_LAYOUTS = ("classic", "modern")
#: Years a month or a year may fall in: catches a typed "224" or "20245" without judging anyone's age.
FIRST_YEAR, LAST_YEAR = 1940, 2100
#: Text that may run over several lines (a new line starts a new paragraph); the rest is one line.
MULTILINE = frozenset({"statement", "interests", "references"})


class CvFormatError(ValueError):
    """A CV that cannot be read; the message names the field and says what is wanted, in plain English."""


@dataclass(order=True)
class YearMonth:
    """A month of a year, as on a CV: "March 2024".

    >>> YearMonth.parse("2024-03"), str(YearMonth(2024, 3))
    (YearMonth(year=2024, month=3), '2024-03')
    """

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def parse(cls, text: str) -> "YearMonth":
        """Read "YYYY-MM".

        :param text: e.g. "2024-03".
        :raises CvFormatError: for anything else (the message says what is wanted; the caller adds the field).
        """
        wanted = 'a month like "2024-03" (year, then month 01 to 12)'
        if not isinstance(text, str) or len(text) != 7 or text[4] != "-":
            raise CvFormatError(wanted)
        year, month = text[:4], text[5:]
        if not (year.isascii() and year.isdigit() and month.isascii() and month.isdigit()):
            raise CvFormatError(wanted)
        result = cls(int(year), int(month))
        if not 1 <= result.month <= 12 or not FIRST_YEAR <= result.year <= LAST_YEAR:
            raise CvFormatError(wanted)
        return result


@dataclass
class Contact:
    """How an employer reaches the person; only the name is required."""

    name: str = ""
    phone: str = ""
    email: str = ""
    town: str = ""


@dataclass
class WorkEntry:
    """One job: what, where, when, and what the person did there."""

    title: str = ""
    employer: str = ""
    start: YearMonth | None = None
    end: YearMonth | None = None
    current: bool = False
    duties: list[str] = field(default_factory=list)


@dataclass
class EducationEntry:
    """A school, college, course or training, with the years it ran."""

    what: str = ""
    where: str = ""
    start_year: int | None = None
    end_year: int | None = None


@dataclass
class Qualification:
    """A qualification, licence or card, e.g. "Full UK driving licence" with detail "Category C+E"."""

    name: str = ""
    detail: str = ""
    year: int | None = None


@dataclass
class CV:
    """A whole CV. ``references`` "" means "available on request", printed in the CV's ``language``."""

    contact: Contact = field(default_factory=Contact)
    statement: str = ""
    work: list[WorkEntry] = field(default_factory=list)
    education: list[EducationEntry] = field(default_factory=list)
    qualifications: list[Qualification] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    interests: str = ""
    references: str = ""
    language: str = "en"

    def job_titles(self) -> list[str]:
        """The job titles of the work history, most recent entry first as entered, each once (for job matching)."""
        titles: list[str] = []
        seen: set[str] = set()
        for entry in self.work:
            title = " ".join(entry.title.split())
            if title and title.casefold() not in seen:
                seen.add(title.casefold())
                titles.append(title)
        return titles

    def is_empty(self) -> bool:
        """True when nothing at all has been filled in (the language alone does not count)."""
        contact = self.contact
        texts = (contact.name, contact.phone, contact.email, contact.town, self.statement, self.interests,
                 self.references)
        return not any(text.strip() for text in texts) and not (
            self.work or self.education or self.qualifications or self.skills)

    def clear(self) -> None:
        """Empty every field in place, so a screen holding this object (or one of its entries) sees nothing.

        The session's wipe calls this. Lists are emptied rather than replaced, entries are blanked before they are
        dropped, and the language goes back to English.
        """
        for entry in self.work:
            entry.duties.clear()
            entry.title = entry.employer = ""
            entry.start = entry.end = None
            entry.current = False
        for item in self.education:
            item.what = item.where = ""
            item.start_year = item.end_year = None
        for qualification in self.qualifications:
            qualification.name = qualification.detail = ""
            qualification.year = None
        for name in ("work", "education", "qualifications", "skills"):
            getattr(self, name).clear()
        self.contact.name = self.contact.phone = self.contact.email = self.contact.town = ""
        self.statement = self.interests = self.references = ""
        self.language = "en"


# --- JSON ----------------------------------------------------------------------------------------------------


def cv_to_json(cv: CV) -> str:
    """The CV as JSON in the documented shape (docs/cv-json.md), months as "YYYY-MM".

    :param cv: the CV.
    """
    return json.dumps(cv_to_dict(cv), ensure_ascii=False, indent=2)


def cv_to_dict(cv: CV) -> dict[str, Any]:
    """The CV as plain dicts and lists, ready for ``json.dumps``.

    :param cv: the CV.
    """
    def plain(value: Any) -> Any:
        if isinstance(value, YearMonth):
            return str(value)
        if isinstance(value, list):
            return [plain(item) for item in value]
        if hasattr(value, "__dataclass_fields__"):
            return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
        return value

    return plain(cv)


def cv_from_json(text: str | bytes) -> CV:
    """Read a CV from JSON in the documented shape. Missing fields take their defaults; unknown ones are refused.

    :param text: the JSON text.
    :raises CvFormatError: bad JSON, a wrong type, an unknown field, text that is too long or a bad month or year;
        the message names the field, e.g. ``work[2].duties[1] is 240 characters long; the most is 200.``
    """
    try:
        # Bytes are read as UTF-8 (a byte-order mark is allowed), never guessed as UTF-16 or 32.
        data = json.loads(text.decode("utf-8-sig") if isinstance(text, bytes) else text)
    except UnicodeDecodeError:
        raise CvFormatError("The file is not text in UTF-8.") from None
    except json.JSONDecodeError as error:
        raise CvFormatError(f"The file is not valid JSON (line {error.lineno}, column {error.colno}).") from None
    except RecursionError:  # a CV is three levels deep; Python's parser gives up on thousands of brackets
        raise CvFormatError("The file is nested too deeply to be a CV.") from None
    return cv_from_dict(data)


def cv_from_dict(data: Any) -> CV:
    """Build a CV from already-parsed JSON (see ``cv_from_json``).

    :param data: a dict in the documented shape.
    """
    obj = _object(data, "The CV", CV)
    contact = _object(obj.get("contact", {}), "contact", Contact)
    language = obj.get("language", "en")
    if language not in CV_LANGUAGES:
        raise CvFormatError(f'language must be one of {", ".join(CV_LANGUAGES)}.')
    return CV(
        contact=Contact(**{name: _text(contact, name, "contact", limit=name) for name in ("name", "phone", "email",
                                                                                              "town")}),
        statement=_text(obj, "statement", "", limit="statement"),
        work=[_work(item, f"work[{n}]") for n, item in _items(obj, "work")],
        education=[_education(item, f"education[{n}]") for n, item in _items(obj, "education")],
        qualifications=[_qualification(item, f"qualifications[{n}]") for n, item in _items(obj, "qualifications")],
        skills=[_string(item, f"skills[{n}]", "skill") for n, item in _items(obj, "skills")],
        interests=_text(obj, "interests", "", limit="interests"),
        references=_text(obj, "references", "", limit="references"),
        language=language,
    )


def _work(data: Any, where: str) -> WorkEntry:
    obj = _object(data, where, WorkEntry)
    current = obj.get("current", False)
    if not isinstance(current, bool):
        raise CvFormatError(f"{where}.current must be true or false.")
    return WorkEntry(
        title=_text(obj, "title", where, limit="title"),
        employer=_text(obj, "employer", where, limit="employer"),
        start=_month(obj, "start", where),
        end=_month(obj, "end", where),
        current=current,
        duties=[_string(item, f"{where}.duties[{n}]", "duty") for n, item in _items(obj, "duties", where)],
    )


def _education(data: Any, where: str) -> EducationEntry:
    obj = _object(data, where, EducationEntry)
    return EducationEntry(what=_text(obj, "what", where, limit="what"), where=_text(obj, "where", where, limit="where"),
                          start_year=_year(obj, "start_year", where), end_year=_year(obj, "end_year", where))


def _qualification(data: Any, where: str) -> Qualification:
    obj = _object(data, where, Qualification)
    return Qualification(name=_text(obj, "name", where, limit="qualification"),
                         detail=_text(obj, "detail", where, limit="detail"), year=_year(obj, "year", where))


def _object(data: Any, where: str, kind: type) -> dict:
    if not isinstance(data, dict):
        raise CvFormatError(f"{where} must be an object ({{ ... }}).")
    known = {f.name for f in fields(kind)}
    unknown = sorted(set(data) - known)
    if unknown:
        inside = "" if where == "The CV" else f" in {where}"
        raise CvFormatError(f'Unknown field "{_shown(unknown[0])}"{inside}: the fields are '
                            f'{", ".join(sorted(known))}.')
    return data


def _shown(name: str, most: int = 40) -> str:
    """A field name from the file, fit to echo in a one-line message: at most ``most`` characters, and any new line,
    control or unpaired surrogate character written as its code, so a hostile name cannot break the line."""
    short = name[:most] + ("..." if len(name) > most else "")
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in short)


def _items(obj: dict, name: str, where: str = "") -> list[tuple[int, Any]]:
    path = f"{where}.{name}" if where else name
    value = obj.get(name, [])
    if not isinstance(value, list):
        raise CvFormatError(f"{path} must be a list ([ ... ]).")
    limit = MAX_ENTRIES[name]
    if len(value) > limit:
        raise CvFormatError(f"{path} has {len(value)} entries; the most is {limit}.")
    # Numbered from 1 in messages, as people count.
    return list(enumerate(value, 1))


def _text(obj: dict, name: str, where: str, limit: str) -> str:
    return _string(obj.get(name, ""), f"{where}.{name}" if where else name, limit)


def _string(value: Any, path: str, limit: str) -> str:
    if not isinstance(value, str):
        raise CvFormatError(f"{path} must be text in quotes.")
    if len(value) > LIMITS[limit]:
        raise CvFormatError(f"{path} is {len(value)} characters long; the most is {LIMITS[limit]}.")
    allowed = "\n" if limit in MULTILINE else ""
    # Control characters would print as boxes or break the page; never echo the text itself.
    # Line and paragraph separators break a line as a new line does.
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") and char not in allowed for char in value):
        what = "a control character" if allowed else "a tab, a new line or a control character"
        raise CvFormatError(f"{path} has {what} in it; use plain text.")
    # JSON's \ud800-style escapes can make half a character, which no file or printer can write.
    if any(unicodedata.category(char) == "Cs" for char in value):
        raise CvFormatError(f"{path} has half a character in it (a lone surrogate escape); use plain text.")
    return value


def _month(obj: dict, name: str, where: str) -> YearMonth | None:
    value = obj.get(name)
    if value is None:
        return None
    try:
        return YearMonth.parse(value)
    except CvFormatError as error:
        raise CvFormatError(f"{where}.{name} must be {error}.") from None


def _year(obj: dict, name: str, where: str) -> int | None:
    value = obj.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not FIRST_YEAR <= value <= LAST_YEAR:
        raise CvFormatError(f"{where}.{name} must be a year like 2019 (a whole number, no quotes), or null.")
    return value

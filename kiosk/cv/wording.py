"""A CV's pieces in words, in the CV's language: dates, years, qualifications, contact details, paragraphs.

    >>> from kiosk.i18n import load_catalogues
    >>> from kiosk.cv.model import WorkEntry, YearMonth
    >>> job = WorkEntry(start=YearMonth(2024, 3), current=True)
    >>> work_dates(load_catalogues()["en"], job), work_dates(load_catalogues()["cy"], job)
    ('March 2024 to now', 'Mawrth 2024 hyd heddiw')
    >>> work_dates(load_catalogues()["cy"], WorkEntry(start=YearMonth(2019, 1), end=YearMonth(2021, 5)))
    'Ionawr 2019 i Fai 2021'

The PDF (``kiosk.cv.pdf``) and the plain text (``kiosk.cv.plain_text``) both use these, so the two read the same.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from kiosk.cv.model import CV, EducationEntry, Qualification, WorkEntry, YearMonth
from kiosk.jobs.wording import LOCALES

#: Welsh month names after "i" ("to") take the soft mutation: "Mawrth 2024 i Fai 2025". Months not listed keep
#: their first letter (Ionawr, Chwefror, Ebrill, Awst, Hydref).
SOFT_MUTATED_MONTHS = {"Mawrth": "Fawrth", "Mai": "Fai", "Mehefin": "Fehefin", "Gorffennaf": "Orffennaf",
                       "Medi": "Fedi", "Tachwedd": "Dachwedd", "Rhagfyr": "Ragfyr"}


def month_text(t, month: YearMonth) -> str:
    """A month as people write it on a CV: "March 2024", "Mawrth 2024".

    :param t: the CV's catalogue (``kiosk.i18n.Catalogue``).
    :param month: the month.
    """
    # "LLLL": the month's name standing on its own, as a CV shows it (not inside a full date).
    return format_date(dt.date(month.year, month.month, 1), "LLLL y", locale=LOCALES.get(t.language, "en_GB"))


def work_dates(t, entry: WorkEntry) -> str:
    """A job's dates: "March 2024 to May 2025", "March 2024 to now", "March 2024", or "" when none are given.

    :param t: the CV's catalogue.
    :param entry: the job.
    """
    start = month_text(t, entry.start) if entry.start else ""
    if entry.current:
        return t.text("cvdoc.date.to_now", start=start) if start else t["cvdoc.date.now"]
    end = month_text(t, entry.end) if entry.end else ""
    if start and end:
        if start == end:
            return start
        if t.language == "cy":
            name, _, year = end.partition(" ")
            end = f"{SOFT_MUTATED_MONTHS.get(name, name)} {year}"
        return t.text("cvdoc.date.range", start=start, end=end)
    return start or end


def education_years(t, item: EducationEntry) -> str:
    """A course's years: "2015 to 2017", "2017", "From 2023", or "".

    :param t: the CV's catalogue.
    :param item: the school, college or course.
    """
    start, end = item.start_year, item.end_year
    if start and end and start != end:
        return t.text("cvdoc.date.range", start=start, end=end)
    if start and not end:
        return t.text("cvdoc.date.from", start=start)
    return str(end or start or "")


def qualification_detail(item: Qualification) -> str:
    """What follows a qualification's name: "Category C+E", or "".

    :param item: the qualification.
    """
    return one_line(item.detail)


def one_line(text: str) -> str:
    """Text for one line: runs of spaces made one, ends trimmed.

    :param text: as typed.
    """
    return " ".join(text.split())


def paragraphs(text: str) -> list[str]:
    """Text split at its new lines into paragraphs, empty ones dropped.

    :param text: a statement, interests or references.
    """
    return [one_line(line) for line in text.splitlines() if line.strip()]


def contact_parts(cv: CV) -> list[str]:
    """The contact details given, in the order a CV shows them: town, phone, email.

    :param cv: the CV.
    """
    contact = cv.contact
    return [part for part in (one_line(contact.town), one_line(contact.phone), contact.email.strip()) if part]


def filled_work(cv: CV) -> list[WorkEntry]:
    """The jobs with anything in them to print."""
    return [e for e in cv.work if one_line(e.title) or one_line(e.employer) or any(d.strip() for d in e.duties)]


def filled_education(cv: CV) -> list[EducationEntry]:
    """The courses with anything in them to print."""
    return [e for e in cv.education if one_line(e.what) or one_line(e.where)]


def filled_qualifications(cv: CV) -> list[Qualification]:
    """The qualifications with anything in them to print."""
    return [q for q in cv.qualifications if one_line(q.name) or one_line(q.detail)]


def filled_skills(cv: CV) -> list[str]:
    """The skills, trimmed, blanks dropped."""
    return [one_line(s) for s in cv.skills if s.strip()]


def duties(entry: WorkEntry) -> list[str]:
    """A job's duties, trimmed, blanks dropped."""
    return [one_line(d) for d in entry.duties if d.strip()]


def references_text(t, cv: CV) -> list[str]:
    """The references as paragraphs, or "References available on request." in the CV's language.

    :param t: the CV's catalogue.
    :param cv: the CV.
    """
    return paragraphs(cv.references) or [t["cvdoc.references_on_request"]]

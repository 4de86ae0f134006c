"""The CV's reading order, written once: its sections in order, each with its heading and what goes under it.

    >>> from kiosk.i18n import load_catalogues
    >>> from kiosk.cv.model import CV, WorkEntry, YearMonth
    >>> cv = CV(statement="Reliable.", work=[WorkEntry(title="Cleaner", employer="Acme", start=YearMonth(2020, 3),
    ...                                                current=True, duties=["Cleaned offices."])])
    >>> [(section.key, section.heading) for section in cv_sections(load_catalogues()["en"], cv)]
    [('statement', 'Personal statement'), ('work', 'Work history'), ('references', 'References')]
    >>> cv_sections(load_catalogues()["en"], cv)[1].items
    (CvItem(title='Cleaner', detail='Acme', when='March 2020 to now', lines=('Cleaned offices.',)),)

The preview on screen (``screens.cv.preview``), the plain text (``kiosk.cv.plain_text``) and the PDF
(``kiosk.cv.pdf``) all lay out these sections; each decides only how a heading, an item or a paragraph looks. The
modern PDF puts some sections in its side column, but reads each section's content from here too. A section with
nothing in it is left out; the references are always there ("References available on request" when none were
given). Text is trimmed to single lines (``kiosk.cv.wording.one_line``) but otherwise exactly as typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.cv.model import CV
from kiosk.cv.wording import (duties, education_years, filled_education, filled_qualifications, filled_skills,
                              filled_work, one_line, paragraphs, qualification_detail, references_text, work_dates)

#: Every section, in the order a CV is read.
SECTION_KEYS = ("statement", "work", "education", "qualifications", "skills", "interests", "references")


@dataclass(frozen=True)
class CvItem:
    """One entry under a heading: a job, a course or a qualification. Any part may be "" when not given."""

    title: str          # the job title, the course, the qualification's name
    detail: str         # the employer, the school or college, the qualification's level ("Category C+E")
    when: str           # the dates in the CV's language ("March 2020 to now", "2015 to 2017"), or the year gained
    lines: tuple[str, ...] = ()   # a job's duties, one a line


@dataclass(frozen=True)
class CvSection:
    """One heading of the CV and what goes under it: paragraphs or skills (``texts``), or entries (``items``)."""

    key: str                        # one of SECTION_KEYS
    heading: str                    # in the CV's language
    texts: tuple[str, ...] = ()     # statement, interests and references: paragraphs; skills: one each
    items: tuple[CvItem, ...] = ()  # work, education and qualifications


def cv_sections(t, cv: CV) -> list[CvSection]:
    """The CV's sections in reading order, leaving out those with nothing in them (never the references).

    :param t: the catalogue of the CV's language, ``kiosk.i18n.load_catalogues()[cv.language]``.
    :param cv: the CV.
    """
    work = tuple(CvItem(one_line(entry.title), one_line(entry.employer), work_dates(t, entry), tuple(duties(entry)))
                 for entry in filled_work(cv))
    education = tuple(CvItem(one_line(entry.what), one_line(entry.where), education_years(t, entry))
                      for entry in filled_education(cv))
    qualifications = tuple(CvItem(one_line(item.name), qualification_detail(item), str(item.year or ""))
                           for item in filled_qualifications(cv))
    contents = {
        "statement": {"texts": tuple(paragraphs(cv.statement))},
        "work": {"items": work},
        "education": {"items": education},
        "qualifications": {"items": qualifications},
        "skills": {"texts": tuple(filled_skills(cv))},
        "interests": {"texts": tuple(paragraphs(cv.interests))},
        "references": {"texts": tuple(references_text(t, cv))},
    }
    return [CvSection(key, t[f"cvdoc.heading.{key}"], **contents[key]) for key in SECTION_KEYS
            if any(contents[key].values())]

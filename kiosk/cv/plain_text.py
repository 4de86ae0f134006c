"""A CV as plain text, in the same order as the classic PDF: for pasting into an online application form.

    from kiosk.i18n import load_catalogues
    text = cv_text(load_catalogues()[cv.language], cv)

Headings are underlined with "=" so they stand out in any text box; duties are "- " lines. Sections with nothing
in them are left out; the references line is always there. Nothing here is logged or written to disk.
"""

from __future__ import annotations

from kiosk.cv.model import CV
from kiosk.cv.wording import (contact_parts, duties, education_years, filled_education, filled_qualifications,
                            filled_skills, filled_work, one_line, paragraphs, qualification_detail, references_text,
                            work_dates)


def _section(lines: list[str], heading: str) -> None:
    if lines:
        lines.append("")
    lines += [heading, "=" * len(heading)]


def cv_text(t, cv: CV) -> str:
    """The CV as plain text, one line per item, ending in a new line.

    :param t: the catalogue of the CV's language, ``kiosk.i18n.load_catalogues()[cv.language]``.
    :param cv: the CV.
    """
    lines: list[str] = []
    name = one_line(cv.contact.name)
    if name:
        lines.append(name)
    if contact_parts(cv):
        lines.append(" | ".join(contact_parts(cv)))
    if paragraphs(cv.statement):
        _section(lines, t["cvdoc.heading.statement"])
        lines += paragraphs(cv.statement)
    if filled_work(cv):
        _section(lines, t["cvdoc.heading.work"])
        for number, entry in enumerate(filled_work(cv)):
            if number:
                lines.append("")
            title, employer = one_line(entry.title), one_line(entry.employer)
            lines.append(", ".join(part for part in (title, employer) if part))
            if work_dates(t, entry):
                lines.append(work_dates(t, entry))
            lines += [f"- {duty}" for duty in duties(entry)]
    if filled_education(cv):
        _section(lines, t["cvdoc.heading.education"])
        for entry in filled_education(cv):
            what = ", ".join(part for part in (one_line(entry.what), one_line(entry.where)) if part)
            years = education_years(t, entry)
            lines.append(f"{what} ({years})" if years else what)
    if filled_qualifications(cv):
        _section(lines, t["cvdoc.heading.qualifications"])
        for item in filled_qualifications(cv):
            name_part = ": ".join(part for part in (one_line(item.name), qualification_detail(item)) if part)
            lines.append(f"{name_part} ({item.year})" if item.year else name_part)
    if filled_skills(cv):
        _section(lines, t["cvdoc.heading.skills"])
        lines += [f"- {skill}" for skill in filled_skills(cv)]
    if paragraphs(cv.interests):
        _section(lines, t["cvdoc.heading.interests"])
        lines += paragraphs(cv.interests)
    _section(lines, t["cvdoc.heading.references"])
    lines += references_text(t, cv)
    return "\n".join(lines) + "\n"

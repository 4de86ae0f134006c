"""A CV as plain text, in the same order as the classic PDF: for pasting into an online application form.

    from kiosk.i18n import load_catalogues
    text = cv_text(load_catalogues()[cv.language], cv)

The sections and their order come from ``kiosk.cv.sections``. Headings are underlined with "=" so they stand out in
any text box; duties and skills are "- " lines. Nothing here is logged or written to disk.
"""

from __future__ import annotations

from kiosk.cv.model import CV
from kiosk.cv.sections import CvSection, cv_sections
from kiosk.cv.wording import contact_parts, one_line


def _joined(separator: str, *parts: str) -> str:
    return separator.join(part for part in parts if part)


def _work(section: CvSection) -> list[str]:
    lines: list[str] = []
    for number, item in enumerate(section.items):
        if number:
            lines.append("")
        lines.append(_joined(", ", item.title, item.detail))
        if item.when:
            lines.append(item.when)
        lines += [f"- {duty}" for duty in item.lines]
    return lines


def _dated(separator: str, section: CvSection) -> list[str]:
    """Education ("GCSEs, Ysgol y Berllan (2010 to 2015)") and qualifications ("Food hygiene: Level 2 (2021)")."""
    lines = []
    for item in section.items:
        what = _joined(separator, item.title, item.detail)
        lines.append(f"{what} ({item.when})" if item.when else what)
    return lines


#: How each section's content is written; the rest are paragraphs as they are.
_WRITERS = {
    "work": _work,
    "education": lambda section: _dated(", ", section),
    "qualifications": lambda section: _dated(": ", section),
    "skills": lambda section: [f"- {skill}" for skill in section.texts],
}


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
    for section in cv_sections(t, cv):
        if lines:
            lines.append("")
        lines += [section.heading, "=" * len(section.heading)]
        lines += _WRITERS.get(section.key, lambda section: list(section.texts))(section)
    return "\n".join(lines) + "\n"

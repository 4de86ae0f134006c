"""The printout of a life event's checklist: the kiosk's nation's steps in order with their deadlines and phone
numbers, in the person's language, a QR code with alt text for each page, and nothing about the person."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.i18n import load_catalogues
from kiosk.life_events.content import all_events
from kiosk.life_events.printout import checklist_pdf
from kiosk.life_events.wording import step_words
from tests.core.test_pdf_tags import headings, structure, write
from tests.cv.test_pdf import page_count, pdf_text

CATALOGUES = load_catalogues()
TODAY = dt.date(2026, 12, 5)


@pytest.mark.thorough  # a PDF read back with poppler: make test, which installs it
@pytest.mark.parametrize(("language", "nation"), [("en", "scotland"), ("cy", "wales")])
def test_the_steps_print_in_order_with_their_deadlines_and_a_described_code_each(tmp_path, language, nation):
    t, event = CATALOGUES[language], all_events()["someone_died"]
    steps = event.steps_for(nation)
    data = checklist_pdf(t, event, nation, today=TODAY)
    path = write(tmp_path, data)
    found = headings(path)
    assert found[0] == ("H1", event.title[language])
    assert [text for kind, text in found if kind == "H3"] == [
        step_words(t, step, number)["title"] for number, step in enumerate(steps, 1)]
    text = pdf_text(path)
    for number, step in enumerate(steps, 1):
        words = step_words(t, step, number)
        for line in ("when", "phone"):
            assert " ".join(words[line].split()) in text
    alts = [alt for _depth, kind, alt in structure(data) if kind == "Figure"]
    assert alts == [t.text("life.print.qr_alt", url=step.link_for(language)) for step in steps]


@pytest.mark.thorough
def test_large_print_has_more_pages_than_standard(tmp_path):
    t, event = CATALOGUES["en"], all_events()["baby"]
    standard = write(tmp_path, checklist_pdf(t, event, "england", today=TODAY))
    large = tmp_path / "large.pdf"
    large.write_bytes(checklist_pdf(t, event, "england", today=TODAY, large_print=True))
    assert page_count(large) > page_count(standard)

"""The CV's way out of the kiosk, driven by touches: the preview shows every part of the CV as plain text, Print
writes a real PDF through the PDF-file printer (which the wipe deletes), "Send to my phone" gives a QR code of a
link to the real central service (or says plainly why not), and "Jobs that match my CV" lists jobs with reasons.

The PDF-file printer keeps each printed file until the wipe (``cancel_all``), like a print queue holding a job
nobody collected; the wipe then deletes it. A real printer's provider (CUPS) is not under test here.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from kivy.uix.label import Label

from kiosk.cv.model import CV, Contact, EducationEntry, Qualification, WorkEntry, YearMonth
from kiosk.display import MIN_TARGET_MM
from sync.usage import UsageCounter
from tests.sizes import LANDSCAPE, PORTRAIT
from tests.screens.helpers import finish_by_touch, touch, touch_targets, widgets_holding, window_box

NAME = "Siân Llewelyn-Ŵyn"
MARKUP_INTEREST = "[b]Walking[/b] in [color=ff0000]Eryri[/color]"


def sample_cv(name: str = NAME) -> CV:
    """A small CV with something in every part; a cleaner, so cleaning jobs match."""
    return CV(
        contact=Contact(name=name, phone="07700 900123", email="sian@example.org", town="Leeds"),
        statement="I am a reliable cleaner who takes pride in a tidy workplace.",
        work=[WorkEntry(title="Cleaner", employer="Tŷ Glân Cyf", start=YearMonth(2020, 3), current=True,
                        duties=["Cleaned offices before opening time."])],
        education=[EducationEntry(what="GCSEs", where="Ysgol y Berllan", start_year=2010, end_year=2015)],
        qualifications=[Qualification(name="Food hygiene", detail="Level 2", year=2021)],
        skills=["Customer service", "Working safely"],
        interests=MARKUP_INTEREST,
    )


def labels(root) -> list[str]:
    """Every label's text under ``root``."""
    return [w.text for w in root.walk(restrict=True) if isinstance(w, Label)]


def showing(screen, widget) -> bool:
    """Whether a widget held aside by ``show_only`` is in the layout."""
    return widget.get_parent_window() is not None


def counted(usage) -> dict[str, int]:
    totals: dict[str, int] = {}
    for (_hour, event), n in usage.pending().items():
        totals[event] = totals.get(event, 0) + n
    return totals


def pdf_text(path, *options: str) -> str:
    """The text of a PDF file, as pdftotext reads it."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def usage(tmp_path):
    return UsageCounter(tmp_path / "usage.sqlite")


@pytest.fixture
def not_enrolled(settings, tmp_path):
    """A kiosk that was never enrolled: no credential file."""
    settings["central.credential_file"] = tmp_path / "no-credential.json"
    return settings


def open_preview(make_app, driver, cv: CV, **kwargs):
    """A kiosk with ``cv`` in the session, on the CV's start page; then See my CV is touched."""
    app = make_app(start_screen="home", **kwargs)
    app.session.cv = cv
    app.nav.go("cv")
    driver.pump(2)
    touch(driver, app.screen.ids.preview)
    assert app.sm.current == "cv_preview"
    return app


def printed_files(settings):
    return sorted((settings["kiosk.data_dir"] / "printed").glob("*.pdf"))


# --- the preview


def test_the_preview_shows_every_part_of_the_cv_as_plain_text(make_app, driver):
    app = open_preview(make_app, driver, sample_cv())
    box = app.screen.ids.cv_box
    texts = labels(box)
    for expected in (NAME, "Leeds  |  07700 900123  |  sian@example.org", "Personal statement",
                     "I am a reliable cleaner who takes pride in a tidy workplace.", "Work history", "Cleaner",
                     "Tŷ Glân Cyf, March 2020 to now", "\u2022 Cleaned offices before opening time.",
                     "GCSEs", "Ysgol y Berllan, 2010 to 2015", "\u2022 Food hygiene: Level 2 (2021)",
                     "\u2022 Customer service", "\u2022 Working safely", MARKUP_INTEREST,
                     "References available on request."):
        assert expected in texts, expected
    # Headings come in the order the CV prints them.
    headings = [w.text for w in reversed(box.children) if w.kind == "heading"]
    assert headings == ["Personal statement", "Work history", "Education and training",
                        "Qualifications and licences", "Skills", "Interests", "References"]
    assert all(not w.markup for w in box.walk(restrict=True) if isinstance(w, Label)), "never markup"

    touch(driver, app.screen.ids.language_cy)  # the headings print in Welsh: the preview follows
    assert app.session.cv.language == "cy"
    texts = labels(app.screen.ids.cv_box)
    assert "Hanes gwaith" in texts and "Work history" not in texts
    assert "Tŷ Glân Cyf, Mawrth 2020 hyd heddiw" in texts


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_preview_reads_in_the_same_order_as_the_plain_text_and_the_pdf(language):
    from kiosk.cv.plain_text import cv_text
    from kiosk.cv.sections import cv_sections
    from kiosk.i18n import load_catalogues
    from screens.cv.preview import cv_lines

    t, cv = load_catalogues()[language], sample_cv()
    headings = [text for kind, text in cv_lines(t, cv) if kind == "heading"]
    assert headings == [section.heading for section in cv_sections(t, cv)]
    # Every line of the preview's text is in the plain text too, in the same order (bullets aside).
    plain = cv_text(t, cv)
    positions = [plain.find(text.removeprefix("\u2022 ")) for kind, text in cv_lines(t, cv) if kind == "text"]
    assert -1 not in positions and positions == sorted(positions)


def test_no_name_says_add_your_name_first_and_prints_nothing(make_app, driver, settings, usage):
    app = open_preview(make_app, driver, sample_cv(name="  "), usage=usage)
    screen = app.screen
    assert showing(screen, screen.ids.name_note)
    assert screen.ids.name_note.text == "Add your name first. An employer needs to know whose CV it is."
    touch(driver, screen.ids.print_cv)
    assert app.shell.overlay is None and printed_files(settings) == []
    touch(driver, screen.ids.phone)
    assert app.shell.overlay is None
    assert not screen.can_print_for_customer()
    assert not {"cv_printed", "cv_made", "cv_sent_to_phone"} & set(counted(usage))
    touch(driver, screen.ids.add_name)
    assert app.sm.current == "cv_contact"


def test_characters_that_cannot_be_printed_are_named_above_the_cv(make_app, driver):
    app = open_preview(make_app, driver, sample_cv(name="Siân Llewelyn 🙂"))
    screen = app.screen
    assert showing(screen, screen.ids.unprintable_note)
    assert screen.ids.unprintable_note.text == (
        "These characters in your CV cannot be printed, so they will be left out: 🙂")
    app.session.cv.contact.name = NAME
    screen.refresh()
    assert not showing(screen, screen.ids.unprintable_note)


def test_an_empty_cv_offers_only_a_way_to_fill_it_in(make_app, driver):
    app = open_preview(make_app, driver, CV())
    ids = app.screen.ids
    assert showing(app.screen, ids.empty_note) and showing(app.screen, ids.change)
    assert not showing(app.screen, ids.print_cv) and not showing(app.screen, ids.phone)
    touch(driver, ids.change)
    assert app.sm.current == "cv"


# --- printing


def test_print_writes_a_real_pdf_and_the_wipe_takes_it_and_the_cv_away(make_app, driver, settings, usage):
    app = open_preview(make_app, driver, sample_cv(), usage=usage)
    touch(driver, app.screen.ids.print_cv)
    panel = app.shell.overlay
    assert panel is app.panels["print"] and panel.ok
    (printed,) = printed_files(settings)
    data = printed.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert "Llewelyn" not in printed.name and b"Llewelyn" not in data.split(b"/Title", 1)[-1][:80], \
        "the print job's title is not the person's name"
    text = pdf_text(printed)
    assert NAME in text, "the name, Welsh letters (â, Ŵ) and all"
    assert "Tŷ Glân Cyf" in text and "Cleaned offices before opening time." in text
    # The tests' printer writes PDF files: a CV was made, but nothing was printed on paper, so none is counted.
    assert counted(usage).get("cv_printed") is None and counted(usage).get("cv_made") == 1
    driver.tap(panel.ids.close)

    touch(driver, app.screen.ids.print_cv)  # printed twice, made once
    driver.tap(app.shell.overlay.ids.close)
    assert counted(usage).get("cv_printed") is None and counted(usage)["cv_made"] == 1

    finish_by_touch(driver, app)
    driver.pump(2)
    assert printed_files(settings) == [], "the wipe deletes what was printed"
    for needle in ("Llewelyn", "Tŷ Glân", "Cleaned offices", "Eryri"):
        assert widgets_holding(app, needle) == [], needle
    assert app.session.cv.is_empty()


def test_the_chosen_look_is_the_one_printed(make_app, driver, settings, tmp_path):
    app = open_preview(make_app, driver, sample_cv())
    screen = app.screen
    assert screen.ids.layout_classic.selected and not screen.ids.layout_modern.selected
    touch(driver, screen.ids.print_cv)
    driver.tap(app.shell.overlay.ids.close)
    touch(driver, screen.ids.layout_modern)
    assert screen.layout == "modern" and screen.ids.layout_modern.selected
    name_line = next(w for w in screen.ids.cv_box.children if w.kind == "name")
    assert name_line.modern, "the preview shows the modern look too"
    touch(driver, screen.ids.print_cv)
    classic, modern = printed_files(settings)
    from kiosk.cv.pdf import cv_pdf
    from kiosk.i18n import load_catalogues
    expected = tmp_path / "modern.pdf"
    expected.write_bytes(cv_pdf(load_catalogues()["en"], sample_cv(), layout="modern"))
    # Laid out as the modern layout lays it out (pdftotext -layout keeps where the text is on the page).
    assert pdf_text(modern, "-layout") == pdf_text(expected, "-layout") != pdf_text(classic, "-layout")


def test_staff_tools_can_print_the_cv(make_app, driver, settings):
    app = open_preview(make_app, driver, sample_cv())
    assert app.screen.can_print_for_customer()
    app.screen.print_for_customer()
    assert app.shell.overlay.ok and len(printed_files(settings)) == 1


# --- send to my phone


def test_send_to_my_phone_when_not_enrolled_says_so_and_offers_print(make_app, driver, not_enrolled, usage):
    app = open_preview(make_app, driver, sample_cv(), usage=usage)
    screen = app.screen
    touch(driver, screen.ids.phone)
    panel = app.shell.overlay
    assert panel is screen.phone_panel
    driver.wait_until(lambda: panel.state != "sending", timeout=20)
    assert panel.state == "failed" and panel.texture is None and panel.message_key == "cvphone.not_enrolled"
    assert "This kiosk cannot send a CV to a phone just now." in " ".join(labels(panel))
    assert not screen.sending and not screen.ids.phone.disabled
    assert not {"cv_sent_to_phone", "cv_made"} & set(counted(usage)), "never a fake success"
    touch(driver, panel.ids.print_instead)
    assert app.shell.overlay is app.panels["print"] and app.panels["print"].ok
    assert counted(usage)["cv_made"] == 1 and "cv_sent_to_phone" not in counted(usage)


@pytest.fixture
def silent_service(settings, tmp_path):
    """An enrolled kiosk whose service takes the connection and never answers, so a send stays under way."""
    import socket

    from sync.credentials import Credential, save_credential
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # connections complete in the backlog; nothing is ever read or written
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    settings["central.credential_file"] = tmp_path / "credential.json"
    save_credential(settings["central.credential_file"], Credential("k1", "leeds", "c" * 43, url))
    settings["sync.timeout_seconds"] = 3
    yield settings
    listener.close()


def test_a_send_still_under_way_at_the_wipe_shows_nothing_to_the_next_person(make_app, driver, silent_service):
    import threading
    app = open_preview(make_app, driver, sample_cv())
    screen = app.screen
    touch(driver, screen.ids.phone)
    assert screen.sending and screen.ids.phone.text == "Sending..."
    app.nav.wipe("timeout")  # the person walked away before the answer came back
    driver.wait_until(lambda: not any(t.name == "cv-handoff" for t in threading.enumerate()), timeout=20)
    driver.pump(3)
    panel = screen.phone_panel
    assert app.shell.overlay is None and panel.parent is None
    assert panel.state == "sending" and panel.message_key == "" and not screen.sending


@pytest.fixture
def central(tmp_path, settings):
    """The real central service on a loopback port, and this kiosk enrolled with it."""
    from dataclasses import replace
    from pathlib import Path

    from sync.central.enrolment import make_token
    from sync.central.settings import CentralSettings
    from sync.central.storage import open_storage
    from sync.credentials import enrol
    from tests.central.conftest import MovableClock, Server
    from tests.central.helpers import add_office

    root = Path(__file__).resolve().parents[3]
    storage = open_storage(f"sqlite:///{tmp_path / 'central.db'}")
    add_office(storage, "leeds")
    server = Server(storage, CentralSettings(public_url="http://127.0.0.1", session_secret="s" * 40,
                                             rates_dir=root / "assets" / "rules"), MovableClock())
    server.app.state.settings = replace(server.settings, public_url=server.url)
    credential = tmp_path / "kiosk" / "credential.json"
    enrol(server.url, make_token(storage, "leeds", 3600, server.clock()), "leeds-1", credential)
    settings["central.url"] = server.url
    settings["central.credential_file"] = credential
    settings["sync.timeout_seconds"] = 10
    yield server
    server.stop()
    storage.close()


def test_send_to_my_phone_gives_a_code_whose_link_opens_the_cv_on_the_real_service(make_app, driver, central,
                                                                                  usage, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image
    app = open_preview(make_app, driver, sample_cv(), usage=usage)
    screen = app.screen
    driver.tap(app.shell.ids.lang_cy)  # used in Welsh, the CV's headings still English: the phone's page is Welsh
    driver.pump(2)
    assert app.session.cv.language == "en"
    touch(driver, screen.ids.phone)
    panel = app.shell.overlay
    assert panel is screen.phone_panel
    driver.wait_until(lambda: panel.state != "sending", timeout=30)
    assert panel.state == "sent", panel.message_key
    driver.pump(3)
    shot = Image.open(driver.screenshot(tmp_path / "cv-phone.png"))
    left, bottom, right, top = window_box(panel.ids.code)
    crop = shot.crop((int(left) - 20, int(shot.height - top) - 20, int(right) + 20, int(shot.height - bottom) + 20))
    (result,) = zxingcpp.read_barcodes(crop)
    link = result.text
    match = re.fullmatch(re.escape(central.url) + r"/h/([A-Za-z0-9_-]{22,})\?lang=cy#([A-Za-z0-9_-]{43})", link)
    assert match, link
    assert "stopio gweithio am" in panel.ids.expires.text
    assert counted(usage).get("cv_sent_to_phone") == 1 and counted(usage).get("cv_made") == 1

    # What the phone does with the link: fetch the ciphertext by id, decrypt with the key from the fragment.
    import requests
    blob = requests.get(f"{central.url}/v1/handoffs/{match.group(1)}", timeout=10).content
    key = base64.urlsafe_b64decode(match.group(2) + "=")
    payload = json.loads(AESGCM(key).decrypt(blob[:12], blob[12:], None))
    assert payload["title"] == f"{NAME}: CV" and NAME in payload["text"]
    assert base64.b64decode(payload["pdf_base64"]).startswith(b"%PDF-")

    driver.tap(panel.ids.close)
    finish_by_touch(driver, app)
    driver.pump(2)
    assert panel.texture is None
    assert widgets_holding(app, match.group(2)) == [] and widgets_holding(app, "Llewelyn") == []


# --- jobs that match my CV


def test_jobs_that_match_a_cleaners_cv_say_why_and_open_the_job(make_app, driver):
    app = open_preview(make_app, driver, sample_cv())
    touch(driver, app.screen.ids.matches)
    assert app.sm.current == "cv_matches"
    screen = app.screen
    rows = list(reversed(screen.ids.rows.children))
    assert rows, "some jobs match"
    cleaner = next(row for row in rows if row.match.title == "Office Cleaner")
    assert rows.index(cleaner) == 0, "a job with the CV's own job title comes first"
    assert cleaner.ids.where.text == "Bright Office Cleaning Ltd, Leeds"
    assert 'Its title matches "Cleaner" on your CV.' in cleaner.ids.why.text
    assert cleaner.ids.gap.text.startswith("This job also asks for: ")

    driver.tap(app.shell.ids.lang_cy)
    driver.pump(2)
    assert 'Mae ei theitl yn cyfateb i "Cleaner" ar eich CV.' in cleaner.ids.why.text
    assert cleaner.ids.gap.text.startswith("Mae'r swydd hon hefyd yn gofyn am: ")

    touch(driver, cleaner)
    assert app.sm.current == "job_detail" and app.screen.vacancy["id"] == "sample-2"


def test_a_cv_with_no_jobs_or_skills_and_a_kiosk_with_no_jobs_get_plain_messages(make_app, driver):
    app = open_preview(make_app, driver, sample_cv())
    app.session.cv.work.clear()
    app.session.cv.skills.clear()
    touch(driver, app.screen.ids.matches)
    screen = app.screen
    assert screen.state == "nothing_yet" and screen.ids.rows.children == []
    assert showing(screen, screen.ids.nothing_yet)
    assert screen.ids.nothing_yet.text.startswith("Your CV has no jobs or skills on it yet")
    touch(driver, screen.ids.add_skills)
    assert app.sm.current == "cv_skills"

    app.session.cv.skills.append("Cleaning")
    app.services.job_search = None
    app.nav.go("cv_matches")
    driver.pump(2)
    assert screen.state == "no_jobs" and showing(screen, screen.ids.no_jobs)
    assert screen.ids.no_jobs.text == "There are no jobs on this kiosk just now. Please ask a member of staff."
    assert not showing(screen, screen.ids.nothing_yet)


# --- sizes


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_every_button_is_big_enough_and_on_the_screen_at_the_largest_text(make_app, driver, size, tmp_path):
    app = make_app(size=size, start_screen="home")
    app.access.set_text_scale(2.0)
    app.session.cv = sample_cv()
    minimum = MIN_TARGET_MM * app.look.px_per_mm - 0.5
    window_width = size[0]
    checked = 0
    for view in ("cv_preview", "cv_matches", "phone_failed"):
        if view == "phone_failed":
            app.nav.go("cv_preview")
            panel = app.screen.phone_panel
            panel.state, panel.message_key = "failed", "cvphone.offline"
            app.shell.show_overlay(panel)
        else:
            app.nav.go(view)
        driver.pump(3)
        paper = app.sm.get_screen("cv_preview").ids.paper
        for target in touch_targets(app.shell.overlay or app.sm.current_screen):
            left, bottom, right, top = window_box(target)
            assert target.width >= minimum and target.height >= minimum, (view, target.text)
            assert left >= -1 and right <= window_width + 1, (view, getattr(target, "text", target))
            if view == "cv_preview":  # nothing drawn over the CV beside it
                p_left, p_bottom, p_right, p_top = window_box(paper)
                assert right <= p_left + 1 or left >= p_right - 1 or top <= p_bottom + 1 or bottom >= p_top - 1, \
                    target.text
            checked += 1
        app.nav.close_overlay()
    assert checked >= 12

"""What a vacancy's own text can do to the screens (nothing), and what leaves the kiosk: the phone's QR code and the
printout, which the wipe takes back."""

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from kivy.uix.label import Label

from kiosk.jobs.phone_link import QUIET_ZONE, job_payload, qr_matrix, qr_png
from screens.jobs.detail import open_job
from screens.tools.sample_jobs import sample_vacancies
from tests.screens.helpers import all_widgets, finish_by_touch, touch, window_box

MARKUP_TITLE = "[b]x[/b] [color=ff0000]Red[/color] Cleaner"
ODD_TEXT = ("[size=300]Big[/size] [i]not italic[/i] [ref=x]link[/ref] &bl; 😀👩🏽‍🔧 "
            "مرحبا بكم في العمل שלום עולם and then plain English again.")
LONG_URL = "https://jobs.example.org/apply?ref=" + "x" * 420


def vacancy(number, **fields):
    """A valid vacancy (the first sample's fields) with some changed."""
    record = dict(sample_vacancies(dt.date.today())[0])
    record.update(id=f"test-{number}", **fields)
    return record


@pytest.fixture
def extra_vacancies():
    """Vacancies with awkward text, a very long advert, and long web addresses."""
    long_description = "\n\n".join(f"Paragraph {n}. " + "The work is steady and the team is kind. " * 12
                                   for n in range(20))
    # One huge paragraph with no breaks at all, as some feeds send.
    long_description += "\n\n" + "word " * 1500 + "THE-END"
    return [
        vacancy("markup", title=MARKUP_TITLE, employer="[u]Acme[/u] 😀", description=ODD_TEXT),
        vacancy("long", title="Long advert", description=long_description),
        *[vacancy(f"url{n}", title=f"Job {n}", apply_url=f"{LONG_URL}{n}") for n in range(3)],
    ]


def labels_showing(root, text):
    return [w for w in root.walk(restrict=True) if isinstance(w, Label) and w.text == text]


def test_markup_emoji_and_right_to_left_text_show_literally(make_app, driver):
    app = make_app(start_screen="home")
    app.session.search_text = "Red Cleaner"
    app.nav.go("jobs_results")
    driver.pump(2)
    results = app.screen
    assert labels_showing(results.ids.rows, MARKUP_TITLE), "the row shows the title exactly as written"

    open_job(app, "test-markup")
    driver.pump(3)
    detail = app.screen
    assert detail.ids.title.text == MARKUP_TITLE
    assert detail.ids.employer.text == "[u]Acme[/u] 😀"
    stored = app.services.job_search.vacancy("test-markup")["description"]  # the cache drops zero-width joiners
    assert "[size=300]Big[/size]" in stored and "مرحبا" in stored and "😀" in stored
    paragraph = labels_showing(detail, stored)
    assert paragraph and paragraph[0].texture is not None and paragraph[0].texture_size[0] > 0
    assert not any(getattr(w, "markup", False) for w in all_widgets(app) if isinstance(w, Label))
    assert not app.recovery.out_of_service


def test_a_very_long_advert_scrolls_in_pieces_the_graphics_card_can_draw(make_app, driver):
    from kivy.graphics.opengl import GL_MAX_TEXTURE_SIZE, glGetIntegerv
    app = make_app(start_screen="home")
    app.access.set_text_scale(2.0)
    open_job(app, "test-long")
    driver.pump(3)
    detail = app.screen
    pieces = detail.ids.description.children
    assert len(pieces) > 25
    largest = glGetIntegerv(GL_MAX_TEXTURE_SIZE)
    largest = largest[0] if isinstance(largest, (list, tuple)) else largest
    assert all(piece.texture_size[1] < largest for piece in pieces)
    page = detail.ids.page
    assert detail.ids.column.height > 10 * page.height
    last = pieces[0]
    assert last.text.endswith("THE-END")
    page.scroll_y = 0
    driver.pump(3)
    _, page_bottom, _, page_top = window_box(page)
    _, bottom, _, _top = window_box(last)
    assert page_bottom - 1 <= bottom <= page_top, "the end of the advert can be scrolled into view"


def test_send_to_my_phone_shows_a_code_holding_the_jobs_web_address(make_app, driver, tmp_path):
    app = make_app(start_screen="home")
    open_job(app, "sample-1")
    driver.pump(2)
    touch(driver, app.screen.ids.phone)
    panel = app.shell.overlay
    assert panel is app.panels["phone"]
    link = "https://www.findajob.example.gov.uk/details/1"
    assert panel.payload == link and panel.ids.payload.text == link
    # The texture, read back module by module, is the code qrcode makes for the link.
    texture = panel.texture
    size = texture.width
    pixels = texture.pixels
    rows = [[pixels[(y * size + x) * 4] < 128 for x in range(size)] for y in reversed(range(size))]
    inner = [row[QUIET_ZONE:size - QUIET_ZONE] for row in rows[QUIET_ZONE:size - QUIET_ZONE]]
    assert inner == qr_matrix(link)
    assert all(not dark for row in rows[:QUIET_ZONE] + rows[-QUIET_ZONE:] for dark in row), "quiet zone"
    assert panel.ids.code.width >= app.look.mm(40), "large enough for a phone to read"


def test_the_code_on_screen_reads_back_as_the_link(make_app, driver, tmp_path):
    """Where a decoder is installed (zxing-cpp), read the code off the screen as a phone would."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image
    app = make_app(start_screen="home")
    open_job(app, "sample-1")
    driver.pump(2)
    touch(driver, app.screen.ids.phone)
    panel = app.shell.overlay
    link = "https://www.findajob.example.gov.uk/details/1"
    shot = Image.open(driver.screenshot(tmp_path / "phone.png"))
    left, bottom, right, top = window_box(panel.ids.code)
    crop = shot.crop((int(left) - 20, int(shot.height - top) - 20, int(right) + 20, int(shot.height - bottom) + 20))
    assert [result.text for result in zxingcpp.read_barcodes(crop)] == [link]


def test_a_job_without_a_web_address_sends_how_to_apply_as_text(make_app, driver):
    app = make_app(start_screen="home")
    open_job(app, "sample-2")
    driver.pump(2)
    touch(driver, app.screen.ids.phone)
    panel = app.shell.overlay
    assert panel.payload == "Office Cleaner\nBright Office Cleaning Ltd\nPhone: 0113 496 0456"
    assert panel.texture is not None and not panel.is_link


def test_all_saved_jobs_go_in_one_code_unless_there_are_too_many(make_app, driver):
    app = make_app(start_screen="home")
    app.session.saved_jobs.extend(["sample-1", "sample-5"])
    app.nav.go("shortlist")
    driver.pump(2)
    touch(driver, app.screen.ids.phone_all)
    panel = app.shell.overlay
    assert not panel.too_long and panel.texture is not None
    assert "Care Worker, Sunrise Home Care\nhttps://" in panel.payload
    assert "Email: jobs@creditunion.example.org.uk" in panel.payload
    app.nav.close_overlay()

    app.session.saved_jobs.extend(["test-url0", "test-url1", "test-url2"])
    app.screen.refresh()
    driver.pump(2)
    touch(driver, app.screen.ids.phone_all)
    assert panel.too_long and panel.texture is None and panel.payload == ""
    texts = {w.text for w in panel.walk() if isinstance(w, Label)}
    assert "Too many jobs for one code" in texts
    assert any(text.startswith("There are too many saved jobs to fit in one code.") for text in texts)


def pdf_title(data: bytes) -> str:
    """The document title from a PDF's info dictionary: UTF-16 hex, or a literal string when it is plain ASCII."""
    match = re.search(rb"/Title (<feff[0-9a-fA-F]*>|\((?:\\.|[^\\)])*\))", data)
    value = match.group(1)
    if value.startswith(b"<"):
        return bytes.fromhex(value[5:-1].decode()).decode("utf-16-be")
    return re.sub(rb"\\(.)", rb"\1", value[1:-1]).decode("latin-1")


def test_print_writes_a_real_pdf_and_the_wipe_takes_it_back(make_app, driver, settings):
    app = make_app(start_screen="home")
    driver.tap(app.shell.ids.lang_cy)
    open_job(app, "sample-7")
    driver.pump(2)
    touch(driver, app.screen.ids.print_job)
    panel = app.shell.overlay
    assert panel is app.panels["print"] and panel.ok
    files = list((settings["kiosk.data_dir"] / "printed").glob("*.pdf"))
    assert len(files) == 1 and "Gweithiwr" not in files[0].name, "no job titles in file names"
    data = files[0].read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert pdf_title(data) == "Gweithiwr Gofal / Care Worker"
    assert b"NotoSans" in data, "the shipped font is embedded"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(files[0]), "-"], capture_output=True, text=True,
                              check=True).stdout
        for words in ("Gweithiwr Gofal / Care Worker", "Gofal Cymru Cyf", "£12.80 yr awr", "Yn cau ar",
                      "pobl hŷn", "Sut i wneud cais", "Tudalen 1 o 1"):
            assert words in text, words

    driver.tap(panel.ids.close)
    finish_by_touch(driver, app)
    assert not files[0].exists() and app.services.printer.files == []


def test_print_all_lists_the_saved_jobs(make_app, driver, settings):
    app = make_app(start_screen="home")
    app.session.saved_jobs.extend(["sample-1", "sample-2", "sample-8"])
    app.nav.go("shortlist")
    driver.pump(2)
    touch(driver, app.screen.ids.print_all)
    assert app.shell.overlay.ok
    (printed,) = (settings["kiosk.data_dir"] / "printed").glob("*.pdf")
    data = printed.read_bytes()
    assert pdf_title(data) == "Your saved jobs"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True).stdout
        for words in ("Care Worker", "Office Cleaner", "Cynorthwyydd Dysgu", "Phone: 0113 496 0456",
                      "Email: swyddi@glantaf.example.cymru"):
            assert words in text, words


def test_a_printer_that_fails_says_so_in_plain_words(make_app, driver):
    from device.printer import Printer

    class PaperOut(Printer):
        name = "test"

        def _status(self):
            return "paper_out"

        def _cancel_all(self):
            return 0

    app = make_app(start_screen="home", printer=PaperOut())
    open_job(app, "sample-1")
    driver.pump(2)
    touch(driver, app.screen.ids.print_job)
    panel = app.shell.overlay
    assert not panel.ok
    texts = {w.text for w in panel.walk() if isinstance(w, Label)}
    assert {"Sorry, we could not print", "The printer has run out of paper. Please ask a member of staff."} <= texts


def test_the_phone_code_can_be_read_back(tmp_path):
    """Without a window: the PNG the code module makes decodes to what went in (when a decoder is installed)."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image
    from kiosk.i18n import load_catalogues
    job = sample_vacancies(dt.date.today())[7]
    payload = job_payload(load_catalogues()["cy"], job)
    assert payload.endswith("E-bost: swyddi@glantaf.example.cymru")
    image = Image.open(io.BytesIO(qr_png(payload)))
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [payload]

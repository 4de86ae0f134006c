"""Large print on paper: what a person gets after choosing the largest text, and "Print it again in large print"."""

import statistics
import subprocess

import pytest
from kivy.uix.label import Label

from device.printer_pdf_file import PrinterPdfFile
from screens.jobs.detail import open_job
from tests.screens.helpers import touch

pytestmark = pytest.mark.skipif(subprocess.run(["which", "pdftotext"], capture_output=True).returncode != 0,
                                reason="poppler-utils (pdftotext) is not installed")


class PaperPrinter(PrinterPdfFile):
    """The file printer, saying its pages reach paper (as CUPS does): the files are what paper would show."""

    name = "paper_test"
    on_paper = True


def word_height(path) -> float:
    """The median height of the words on the first page, in points, read back by poppler."""
    html = subprocess.run(["pdftotext", "-bbox", "-l", "1", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    heights = []
    for line in html.splitlines():
        if "<word " in line:
            attributes = dict(part.split("=", 1) for part in line.split("<word ", 1)[1].split(">", 1)[0].split())
            heights.append(float(attributes["yMax"].strip('"')) - float(attributes["yMin"].strip('"')))
    return statistics.median(heights)


def panel_texts(panel):
    return {w.text for w in panel.walk() if isinstance(w, Label) and w.text}


def print_a_job(app, driver):
    open_job(app, "sample-7")
    driver.pump(2)
    touch(driver, app.screen.ids.print_job)
    return app.shell.overlay


def test_after_a_printout_on_paper_the_same_can_be_printed_again_in_large_print(make_app, driver, tmp_path):
    printer = PaperPrinter(tmp_path / "printed")
    app = make_app(start_screen="home", printer=printer)
    panel = print_a_job(app, driver)
    assert panel is app.panels["print"] and panel.ok
    assert panel.ids.print_large.parent is not None, "offered after a standard printout on paper"
    assert "Print it again in large print" in panel_texts(panel)
    (standard,) = printer.files
    touch(driver, panel.ids.print_large)

    assert app.shell.overlay is panel and panel.ok and panel.large_print
    large = [path for path in printer.files if path != standard]
    assert len(large) == 1
    ratio = word_height(large[0]) / word_height(standard)
    assert 1.8 < ratio < 2.2, f"large print doubles the text (measured {ratio:.2f})"
    assert "This copy is in large print: every word is twice the size." in panel_texts(panel)
    assert panel.ids.print_large.parent is None, "not offered twice"


def test_the_largest_text_on_screen_prints_large_without_asking(make_app, driver, tmp_path):
    printer = PaperPrinter(tmp_path / "printed")
    app = make_app(start_screen="home", printer=printer)
    app.access.set_text_scale(2.0)
    panel = print_a_job(app, driver)
    assert panel.ok and panel.large_print and panel.ids.print_large.parent is None

    app.access.set_text_scale(1.0)
    driver.tap(panel.ids.close)
    standard_panel = print_a_job(app, driver)
    assert not standard_panel.large_print
    first, second = printer.files
    assert word_height(first) / word_height(second) > 1.8


def test_no_large_print_is_offered_where_nothing_reaches_paper(make_app, driver):
    app = make_app(start_screen="home")  # the PDF-file fallback: "this screen cannot print on paper"
    panel = print_a_job(app, driver)
    assert panel.ok and panel.ids.print_large.parent is None
    assert "Print it again in large print" not in panel_texts(panel)


def test_closing_the_panel_lets_go_of_the_document(make_app, driver, tmp_path):
    app = make_app(start_screen="home", printer=PaperPrinter(tmp_path / "printed"))
    panel = print_a_job(app, driver)
    assert panel.again_large is not None
    driver.tap(panel.ids.close)
    assert panel.again_large is None and panel.ids.print_large.parent is None


def test_welsh_offers_large_print_in_welsh(make_app, driver, tmp_path):
    app = make_app(start_screen="home", printer=PaperPrinter(tmp_path / "printed"))
    driver.tap(app.shell.ids.lang_cy)
    panel = print_a_job(app, driver)
    assert "Argraffu eto mewn print bras" in panel_texts(panel)

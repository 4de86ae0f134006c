"""What the fallback fonts cost a CV PDF: build time and size, against the same CV with Noto Sans alone.

    .venv/bin/python bench/pdf_fonts.py [--runs 5]

Two CVs, each in both layouts: the sample (docs/cv-sample.json: English and Welsh letters only, so no fallback font
is added) and one with a name and lines in Arabic, Urdu, Hebrew, Bengali, Gurmukhi, Chinese, Greek and Cyrillic.
Each is built ``--runs`` times with the fallbacks (the kiosk as shipped) and as a baseline with none (the system
fonts hidden: what the kiosk did before, dropping every letter Noto Sans lacks). It prints the median build time,
the PDF's size, and how many characters the PDF could not print. The first build of each process, which reads
the fonts' character maps once, is left out of the timings.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk import pdf_fonts
from kiosk.cv.model import CV, Contact, WorkEntry, YearMonth, cv_from_json
from kiosk.cv.pdf import LAYOUTS, cv_pdf, unprintable_in_cv
from kiosk.i18n import load_catalogues

LINES = ["محمد علی", "میں اردو بولتا ہوں", "שלום עליכם", "রহিম উদ্দিন", "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ", "王小明 陳大文",
         "Ελένη Παπαδοπούλου", "Олена Шевченко"]


def script_cv() -> CV:
    """A CV with a name in Chinese and Arabic, and a line in each script."""
    return CV(contact=Contact(name="王小明 محمد علی"), statement=LINES[3],
              work=[WorkEntry(title="Cleaner", start=YearMonth(2019, 3), duties=list(LINES))])


def measure(t, cv: CV, layout: str, runs: int) -> tuple[float, int]:
    """Median seconds to build the PDF, and its size in bytes."""
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(cv_pdf(t, cv, layout))
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def hide_system_fonts(hidden: bool) -> None:
    """Use the fallback fonts, or (the baseline) none of them."""
    pdf_fonts.SYSTEM_DIRS = () if hidden else SYSTEM_DIRS
    pdf_fonts._fallbacks.cache_clear()
    pdf_fonts._covered.cache_clear()


SYSTEM_DIRS = pdf_fonts.SYSTEM_DIRS


def main() -> None:
    """Print a row for each CV, layout and font set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    t = load_catalogues()["en"]
    cvs = {"sample": cv_from_json((ROOT / "docs" / "cv-sample.json").read_text(encoding="utf-8")),
           "scripts": script_cv()}
    print(f"text shaping: {'on (uharfbuzz)' if pdf_fonts.shaping_available() else 'off (no uharfbuzz)'}")
    print(f"{'cv':8} {'layout':8} {'fonts':10} {'median s':>9} {'bytes':>8} {'unprintable':>12}")
    for fonts in ("baseline", "fallbacks"):
        hide_system_fonts(fonts == "baseline")
        cv_pdf(t, cvs["sample"])  # reads the character maps once
        for name, cv in cvs.items():
            for layout in LAYOUTS:
                seconds, size = measure(t, cv, layout, args.runs)
                missing = len(unprintable_in_cv(t, cv))
                print(f"{name:8} {layout:8} {fonts:10} {seconds:9.2f} {size:8} {missing:12}")
    hide_system_fonts(False)


if __name__ == "__main__":
    main()

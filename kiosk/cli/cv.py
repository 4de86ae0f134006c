"""``kiosk cv-pdf``: make a CV's PDF (and, if asked, its plain text) from a JSON file, with no window.

    kiosk cv-pdf --cv docs/cv-sample.json --out cv.pdf --layout modern --text cv.txt

The JSON shape is in docs/cv-json.md. Headings print in the CV's own ``language``. A file that cannot be read, is
not valid JSON, or has a field of the wrong kind or a problem the kiosk would point out (no name, a phone number
that is not a UK one ...) stops the command with exit status 2 and a message naming the field. Characters no font
can print (most emoji) are left out of the PDF, with a one-sentence warning naming them on stderr. Nothing of the CV is
logged; it is written only to the files named.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.cv.model import CV_LAYOUTS as LAYOUTS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``kiosk cv-pdf``."""
    parser.add_argument("--cv", metavar="FILE.json", required=True, help="the CV as JSON (docs/cv-json.md)")
    parser.add_argument("--out", metavar="FILE.pdf", required=True, help="where to write the PDF")
    parser.add_argument("--layout", choices=LAYOUTS, default=LAYOUTS[0], help="the look of the CV (classic)")
    parser.add_argument("--text", metavar="FILE.txt", help="also write the CV as plain text here")
    parser.add_argument("--large-print", action="store_true", help="the same CV with every text size doubled (200%%)")


def cv_pdf_command(settings: dict, args) -> int:
    """Run ``kiosk cv-pdf``.

    :param settings: the checked config (unused: a CV needs no settings).
    :param args: ``--cv``, ``--out``, ``--layout``, ``--text``.
    :returns: 0 done, 2 bad input or a file that cannot be written.
    """
    from kiosk.cv.model import CvFormatError, cv_from_json
    from kiosk.cv.checks import check_cv
    from kiosk.cv.pdf import cv_pdf, unprintable_in_cv
    from kiosk.cv.plain_text import cv_text
    from kiosk.i18n import load_catalogues

    path = Path(args.cv)
    try:
        data = path.read_bytes()
    except OSError as error:
        return _fail(f"cannot read {path}: {error.strerror or error}")
    try:
        cv = cv_from_json(data)
    except CvFormatError as error:
        return _fail(f"{path}: {error}")
    english = load_catalogues()["en"]
    problems = check_cv(cv)
    if problems:
        # Messages in English for whoever runs the command, each naming the field.
        return _fail(f"{path}: " + " ".join(f"{where}: {english[key]}" for where, key in problems))
    t = load_catalogues()[cv.language]
    outputs = [(Path(args.out), cv_pdf(t, cv, args.layout, large_print=getattr(args, "large_print", False)))]
    if args.text:
        outputs.append((Path(args.text), cv_text(t, cv).encode("utf-8")))
    for out, content in outputs:
        try:
            out.write_bytes(content)
        except OSError as error:
            return _fail(f"cannot write {out}: {error.strerror or error}")
    print(f"Wrote {', '.join(str(out) for out, _ in outputs)}.")
    missing = unprintable_in_cv(t, cv)
    if missing:
        # The PDF is still made (the rest of the CV is worth having), but nothing is left out without a word.
        print(f"kiosk cv-pdf: warning: the PDF leaves out {len(missing)} character{'s' if len(missing) > 1 else ''}"
              f" that no font here can print: {' '.join(missing)}", file=sys.stderr)
    return 0


def _fail(message: str) -> int:
    print(f"kiosk cv-pdf: {message}", file=sys.stderr)
    return 2

"""The fonts every printout uses: the shipped Noto Sans, then Noto fonts for other scripts from the system.

    pdf = FPDF()
    family = add_fonts(pdf, "Zoë 王小明 🙂")       # "NotoSans", with the fallbacks it needs, text shaping on
    missing = unprintable("Zoë 王小明 🙂")          # ["🙂"]: no font here can draw it
    pdf.set_font(family); pdf.multi_cell(0, 5, printable("Zoë 王小明 🙂"))

Jobseekers in Great Britain write their names and lines in Latin with every accent, Greek, Cyrillic, Arabic and
Urdu, Hebrew, Bengali, Gurmukhi, Gujarati, Devanagari, Tamil, Ethiopic, Chinese and more. Noto Sans (shipped in
assets/fonts) draws the first three; the others come from Debian's ``fonts-noto-core`` and ``fonts-noto-cjk``
(installed by the Makefile and deploy/install.sh) as fpdf2 fallback fonts, used only for the characters Noto Sans
lacks and subset into the PDF like it. With ``uharfbuzz`` installed, text is shaped, so Arabic letters join and
Bengali and Gurmukhi vowel signs sit where they belong. A character no font here can draw (most emoji) is left out
of the PDF by ``printable``, and ``unprintable`` names it so the person can be told: never dropped silently.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from fontTools.ttLib import TTCollection, TTFont

from kiosk.assets import ASSETS

if TYPE_CHECKING:  # fpdf2 is imported only where a PDF is made: it costs start-up time most people never need
    from fpdf import FPDF

FAMILY = "NotoSans"
SHIPPED = ASSETS / "fonts"
#: Where Debian's Noto packages put their fonts; a font that is not there is simply not used.
SYSTEM_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/opentype/noto"))
#: Fallback fonts, in the order fpdf2 tries them: (family, regular file, bold file or "", collection number).
#: Arabic is Naskh, the style of printed Arabic and Urdu text; Chinese is the CJK collection's Simplified Chinese
#: face (its glyphs cover Traditional Chinese, Japanese and Korean characters too).
FALLBACKS = (
    ("NotoNaskhArabic", "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf", 0),
    ("NotoSansHebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", 0),
    ("NotoSansBengali", "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf", 0),
    ("NotoSansGurmukhi", "NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf", 0),
    ("NotoSansGujarati", "NotoSansGujarati-Regular.ttf", "NotoSansGujarati-Bold.ttf", 0),
    ("NotoSansDevanagari", "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", 0),
    ("NotoSansTamil", "NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf", 0),
    ("NotoSansEthiopic", "NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf", 0),
    ("NotoSansCJKsc", "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", 2),
    ("NotoSansSymbols", "NotoSansSymbols-Regular.ttf", "NotoSansSymbols-Bold.ttf", 0),
    ("NotoSansSymbols2", "NotoSansSymbols2-Regular.ttf", "", 0),
)


def _find(name: str) -> Path | None:
    for folder in SYSTEM_DIRS:
        if (folder / name).is_file():
            return folder / name
    return None


def _cmap(path: Path, number: int) -> frozenset[int]:
    # lazy: only the cmap table is read, not the glyphs (the CJK collection is 19 MB).
    if path.suffix == ".ttc":
        return frozenset(TTCollection(str(path), lazy=True).fonts[number].getBestCmap())
    return frozenset(TTFont(str(path), lazy=True).getBestCmap())


@lru_cache(maxsize=1)
def _base() -> frozenset[int]:
    """The characters Noto Sans draws (regular and bold cover the same)."""
    return _cmap(SHIPPED / "NotoSans-Regular.ttf", 0)


@lru_cache(maxsize=1)
def _fallbacks() -> tuple[tuple[str, Path, Path | None, int, frozenset[int]], ...]:
    """The fallback fonts found on this machine, each with the characters it draws (looked for once)."""
    found = []
    for family, regular, bold, number in FALLBACKS:
        regular_path = _find(regular)
        if regular_path:
            found.append((family, regular_path, _find(bold) if bold else None, number, _cmap(regular_path, number)))
    return tuple(found)


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    """Every character one of the fonts can draw."""
    covered = set(_base())
    for *_font, cmap in _fallbacks():
        covered |= cmap
    return frozenset(covered)


def unprintable(text: str) -> list[str]:
    """The characters of ``text`` that no font here can draw, each once, in the order they first appear.

    :param text: any text.

        >>> unprintable("Zoë Ōkubo, Ελένη, Олена")
        []
    """
    covered = _covered()
    missing: dict[str, None] = {}
    for char in text:
        if ord(char) not in covered and not char.isspace() and not _invisible(char) and char not in missing:
            missing[char] = None
    return list(missing)


def _invisible(char: str) -> bool:
    # Variation selectors (the U+FE0F after "❤" asks for emoji style) and format characters (joiners, direction
    # marks) draw nothing of their own: naming one to the person would show them an empty space.
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or unicodedata.category(char) == "Cf"


def printable(text: str) -> str:
    """The text without characters no font here can draw (``unprintable`` names them).

    fpdf2 would otherwise log the missing characters, and a CV's text must never reach the log.

    :param text: any text.
    """
    covered = _covered()
    return "".join(char for char in text if ord(char) in covered or char == "\n")


def shaping_available() -> bool:
    """Whether text is shaped (``uharfbuzz`` installed): Arabic joined, Indic vowel signs placed."""
    return importlib.util.find_spec("uharfbuzz") is not None


def add_fonts(pdf: FPDF, text: str) -> str:
    """Add Noto Sans (regular and bold) and the fallback fonts ``text`` needs, and shape text when possible.

    Only the fallbacks needed are added: each one added costs parsing time and some kilobytes in the PDF even
    when no character of it is used.

    :param pdf: a new ``FPDF``.
    :param text: all the text the PDF will print, apart from the kiosk's own wording in English or Welsh.
    :returns: the family to ``set_font``.
    """
    pdf.add_font(FAMILY, "", str(SHIPPED / "NotoSans-Regular.ttf"))
    pdf.add_font(FAMILY, "B", str(SHIPPED / "NotoSans-Bold.ttf"))
    families = []
    # Line breaks are not drawn, but a fallback may map them: they must not pull a font in.
    wanted = {ord(char) for char in text if not char.isspace()} - _base()
    for family, regular, bold, number, cmap in _fallbacks():
        if not wanted & cmap:
            continue
        wanted -= cmap
        pdf.add_font(family, "", str(regular), collection_font_number=number)
        if bold:
            pdf.add_font(family, "B", str(bold), collection_font_number=number)
        families.append(family)
    if families:
        # Not exact: a script with no bold face prints in its regular one rather than not at all.
        pdf.set_fallback_fonts(families, exact_match=False)
    if shaping_available():
        pdf.set_text_shaping(True)
    return FAMILY

"""Job descriptions from feeds are often HTML: reduce them to the plain text the kiosk shows, in linear time.

    >>> html_to_text("<p>We are <b>hiring</b>&nbsp;now.</p><ul><li>Clean floors</li><li>Empty bins</li></ul>")
    'We are hiring now.\\n\\n- Clean floors\\n- Empty bins'
    >>> html_to_text("No markup here.\\nSecond line.")
    'No markup here.\\nSecond line.'
    >>> html_to_text("5 <a 6 <a 7")
    '5 <a 6 <a 7'

Paragraphs and headings become blocks separated by a blank line, list items become ``- `` lines, ``<br>``
becomes a line break, scripts and styles are dropped, entities are decoded, and runs of spaces collapse as a
browser would show them. Text with no tags at all is taken as plain text and left alone. No markup survives:
the kiosk shows text, never HTML.

The standard library's ``html.parser`` was used here until a feed record showed it is quadratic on text that
opens tags it never closes (a 24 KB description of repeated ``<a `` took 16 seconds; CPython fixed some such
cases only in 3.13/3.14). So the tags are found by one regular expression whose every repeat is possessive (no
backtracking) and which stops at the next ``<`` or ``>``: each character is looked at a bounded number of times,
and a ``<`` that starts no complete tag is kept as text, as a browser shows it. A comment or a script runs to its
end marker, found with ``str.find`` from where it starts, or to the end of the text. Callers still cap the input
(``jobposting.MAX_DESCRIPTION_CHARS``): linear is not free.
"""

from __future__ import annotations

import html
import re

_BLOCKS = {"p", "div", "section", "article", "header", "footer", "main", "aside", "h1", "h2", "h3", "h4", "h5",
           "h6", "ul", "ol", "table", "tr", "blockquote", "pre", "hr", "dl", "address", "figure"}
#: Elements whose content is never shown; script and style hold raw text up to their end tag.
_HIDDEN = {"script", "style", "head", "template", "noscript", "title"}
_RAW_TEXT = {"script", "style"}
_TAG = re.compile(r"<[A-Za-z/!]")
#: A start or end tag (name, then anything but < or > up to the >), or the start of a comment, or a declaration
#: or processing instruction. Possessive repeats (``*+``) never give back what they took.
_TOKEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*+)([^<>]*+)>|<!--|<[!?][^<>]*+>")
_SPACES = re.compile(r"\s+")
#: Leading zeros of a character reference, and a reference too long to be a character: html.unescape would hand
#: thousands of digits to int(), which refuses them (and is slow on long ones).
_REF_ZEROS = re.compile(r"&#([xX]?+)0{2,}+")
_LONG_REF = re.compile(r"&#[xX]?+[0-9a-fA-F]{9,}+;?")


class _Reducer:
    """Collects the text parts of a description as tags and text arrive."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.hidden = 0
        self.pre = 0

    def start(self, tag: str, self_closing: bool) -> None:
        if tag in _HIDDEN:
            self.hidden += not self_closing
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
            self.pre += tag == "pre" and not self_closing
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in ("br", "dt", "dd"):
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def end(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
            self.pre = max(0, self.pre - (tag == "pre"))

    def data(self, text: str) -> None:
        if text and not self.hidden:
            if "&#" in text:
                text = _LONG_REF.sub("\ufffd", _REF_ZEROS.sub(r"&#\g<1>0", text))
            text = html.unescape(text)
            self.parts.append(text if self.pre else _SPACES.sub(" ", text))


def _reduce(text: str) -> list[str]:
    reducer = _Reducer()
    lower = text.lower()  # for finding </script> and </style> whatever their case
    position = 0
    while True:
        match = _TOKEN.search(text, position)
        if match is None:
            reducer.data(text[position:])
            return reducer.parts
        reducer.data(text[position:match.start()])
        position = match.end()
        if match.group(0) == "<!--":
            end = text.find("-->", position)
            position = len(text) if end < 0 else end + 3
            continue
        name = match.group(2)
        if name is None:  # <!doctype ...>, <![CDATA[...]>, <?xml ...?>: dropped
            continue
        tag = name.lower()
        if match.group(1):
            reducer.end(tag)
            continue
        self_closing = match.group(3).endswith("/")
        reducer.start(tag, self_closing)
        if tag in _RAW_TEXT and not self_closing:  # its content is not HTML: skip to its end tag
            end = lower.find(f"</{tag}", position)
            if end < 0:
                return reducer.parts
            position = end


# The quick way, for the usual description (paragraphs, lists, line breaks, inline tags: no comment, declaration,
# <pre> or hidden element). One pass of a regular expression replaces each tag by a marker (a control character
# no description holds: one that does takes the full scan), then entities are decoded and spaces collapsed over
# the whole text at once, and last the markers become their line breaks. The markers are neither spaces nor part
# of any entity, so every run of text between two tags is decoded and collapsed on its own, exactly as
# _Reducer.data does, and the tags found are the ones _reduce finds (the same pattern, scanned the same way).
# The same output as _reduce (tests/central/test_html_text.py checks it on generated HTML), several times
# quicker: at 300,000 postings a day, _reduce's call per tag and per run of text was most of the ingest's time.
_BLOCK_MARK, _ITEM_MARK, _BREAK_MARK, _CELL_MARK, _NO_MARK = "\x01", "\x02", "\x03", "\x04", "\x05"
_MARK_OF_TAG = {**dict.fromkeys(_BLOCKS - {"pre"}, _BLOCK_MARK), "li": _ITEM_MARK, "br": _BREAK_MARK, "dt": _BREAK_MARK,
                "dd": _BREAK_MARK, "td": _CELL_MARK, "th": _CELL_MARK}
_MARKS_TO_TEXT = ((_BLOCK_MARK, "\n\n"), (_ITEM_MARK, "\n- "), (_BREAK_MARK, "\n"), (_CELL_MARK, " "), (_NO_MARK, ""))
_ELEMENT_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*+)[^<>]*+>")


class _NeedsTheScan(Exception):
    """The description has an element the quick way does not handle (<pre>, a hidden element)."""


def _mark(match: re.Match) -> str:
    tag = match.group(2).lower()
    mark = _MARK_OF_TAG.get(tag)
    if mark is None:
        if tag in _HIDDEN or tag == "pre":
            raise _NeedsTheScan
        return _NO_MARK
    return _NO_MARK if match.group(1) and mark is not _BLOCK_MARK else mark


def _reduce_quickly(text: str) -> str | None:
    """_reduce's parts joined, or None where the description needs the full scan."""
    if "<!" in text or "<?" in text or any(mark in text for mark, _ in _MARKS_TO_TEXT):
        return None
    try:
        text = _ELEMENT_TAG.sub(_mark, text)
    except _NeedsTheScan:
        return None
    if "&" in text:
        if "&#" in text:
            text = _LONG_REF.sub("\ufffd", _REF_ZEROS.sub(r"&#\g<1>0", text))
        text = html.unescape(text)
    words = text.split()  # the same spaces as _SPACES (str.isspace), in C
    collapsed = " ".join(words)
    if not words:
        collapsed = " " if text else ""
    else:
        collapsed = (" " if text[0].isspace() else "") + collapsed + (" " if text[-1].isspace() else "")
    for mark, replacement in _MARKS_TO_TEXT:
        collapsed = collapsed.replace(mark, replacement)
    return collapsed


def html_to_text(text: str) -> str:
    """Plain text from an HTML (or already plain) description, in time linear in its length.

    :param text: the feed's description.
    """
    if not _TAG.search(text):
        return text.strip()
    joined = _reduce_quickly(text)
    if joined is None:
        joined = "".join(_reduce(text))
    joined = joined.replace("\xa0", " ")
    lines = [line.strip(" \t") for line in joined.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()

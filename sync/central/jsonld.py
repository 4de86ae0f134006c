"""The JobPostings in a web page's JSON-LD: how employers publish vacancies for Google's job search.

    for posting in postings_in_html(page_text):      # dicts, or BadPosting for a block that cannot be read
        ...

A page carries its postings in ``<script type="application/ld+json">`` blocks: one JobPosting, a list of them, or
a ``@graph`` holding them beside the page's other things (its Organization, BreadcrumbList ...). Only JobPostings
are taken; everything else is skipped without a word. The page is read by the standard library's forgiving HTML
parser (a broken page still gives the blocks it has), and everything is bounded: the page's size (``MAX_PAGE_CHARS``),
the blocks in it (``MAX_BLOCKS``), each block's size, and how deep in a block a posting is looked for.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from sync.central.jobposting import BadPosting

#: The longest page read; the rest is not looked at (the largest real job pages are a few hundred KB).
MAX_PAGE_CHARS = 5_000_000
#: JSON-LD blocks read from one page.
MAX_BLOCKS = 50
#: The longest JSON-LD block read; a longer one is refused unread.
MAX_BLOCK_CHARS = 2_000_000
#: Postings taken from one page (a listing page may carry a few dozen).
MAX_POSTINGS_A_PAGE = 200
_JSON_LD = "application/ld+json"


class _Blocks(HTMLParser):
    """Collects the text of each ``<script type="application/ld+json">``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # JSON in a script is raw text: nothing in it is a character reference
        self.blocks: list[str | None] = []  # None: a block too long to read
        self._inside: list[str] | None = None
        self._size = 0

    def handle_starttag(self, tag, attrs):
        if tag == "script" and len(self.blocks) < MAX_BLOCKS:
            kind = next((value or "" for name, value in attrs if name == "type"), "")
            if kind.split(";")[0].strip().lower() == _JSON_LD:
                self._inside, self._size = [], 0

    def handle_data(self, data):
        if self._inside is not None:
            self._size += len(data)
            if self._size <= MAX_BLOCK_CHARS:
                self._inside.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._inside is not None:
            self.blocks.append("".join(self._inside) if self._size <= MAX_BLOCK_CHARS else None)
            self._inside = None


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _is_posting(thing: dict) -> bool:
    kind = thing.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == "JobPosting" for k in kinds)


def _walk(thing: Any, depth: int = 0) -> Iterator[dict]:
    # A block's top level, a list, or a @graph; and one level under an ItemList's items.
    if depth > 3:
        return
    if isinstance(thing, list):
        for item in thing:
            yield from _walk(item, depth + 1)
    elif isinstance(thing, dict):
        if _is_posting(thing):
            yield thing
        elif "@graph" in thing:
            yield from _walk(thing["@graph"], depth + 1)
        elif "itemListElement" in thing:
            yield from _walk(thing["itemListElement"], depth + 1)
        elif isinstance(thing.get("item"), dict):
            yield from _walk(thing["item"], depth + 1)


def postings_in_html(text: str) -> Iterator[dict | BadPosting]:
    """Each JobPosting in the page's JSON-LD, in page order; a BadPosting for each block that cannot be read.

    :param text: the page's HTML.
    """
    parser = _Blocks()
    try:
        parser.feed(text[:MAX_PAGE_CHARS])
        parser.close()
    except (AssertionError, ValueError):  # the parser gives up on some broken markup: keep what it found
        pass
    taken = 0
    for block in parser.blocks:
        if block is None:
            yield BadPosting(f"a JSON-LD block is longer than {MAX_BLOCK_CHARS:,} characters", "unreadable")
            continue
        if not block.strip():
            continue
        try:
            data = json.loads(block, parse_constant=_no_constant)
        except RecursionError:
            yield BadPosting("a JSON-LD block is nested too deeply to be read", "unreadable")
            continue
        except ValueError:
            yield BadPosting("a JSON-LD block is not valid JSON", "unreadable")
            continue
        for posting in _walk(data):
            if taken >= MAX_POSTINGS_A_PAGE:
                return
            taken += 1
            yield posting

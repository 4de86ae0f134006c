"""Job descriptions from feeds are often HTML: reduce them to the plain text the kiosk shows.

    >>> html_to_text("<p>We are <b>hiring</b>&nbsp;now.</p><ul><li>Clean floors</li><li>Empty bins</li></ul>")
    'We are hiring now.\\n\\n- Clean floors\\n- Empty bins'
    >>> html_to_text("No markup here.\\nSecond line.")
    'No markup here.\\nSecond line.'

Paragraphs and headings become blocks separated by a blank line, list items become ``- `` lines, ``<br>``
becomes a line break, scripts and styles are dropped, entities are decoded, and runs of spaces collapse as a
browser would show them. Text with no tags at all is taken as plain text and left alone. No markup survives:
the kiosk shows text, never HTML.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "section", "article", "header", "footer", "main", "aside", "h1", "h2", "h3", "h4", "h5",
           "h6", "ul", "ol", "table", "tr", "blockquote", "pre", "hr", "dl", "address", "figure"}
_HIDDEN = {"script", "style", "head", "template", "noscript", "title"}
_TAG = re.compile(r"<[A-Za-z/!]")


class _Reducer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.pre = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
            self.pre += tag == "pre"
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in ("br", "dt", "dd"):
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _HIDDEN:
            self.hidden -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
            self.pre = max(0, self.pre - (tag == "pre"))

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))


def html_to_text(text: str) -> str:
    """Plain text from an HTML (or already plain) description.

    :param text: the feed's description.
    """
    if not _TAG.search(text):
        return text.strip()
    reducer = _Reducer()
    reducer.feed(text)
    reducer.close()
    joined = "".join(reducer.parts).replace("\xa0", " ")
    lines = [line.strip(" \t") for line in joined.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()

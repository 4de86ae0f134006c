"""Job pages listed in an employer's sitemap, fetched politely and within bounds.

    reader = PageReader()
    for url in sitemap_pages("https://jobs.example.org/sitemap.xml", reader):
        text = reader.text(url)            # raises PageError with a plain reason

A sitemap (sitemaps.org) lists pages in ``<urlset><url><loc>``; a sitemap index lists other sitemaps in
``<sitemapindex><sitemap><loc>``, followed one level down. Either may be gzip-compressed (``.gz``). Everything is
bounded as the sitemaps protocol itself bounds it: 50,000 addresses and 50 MB (uncompressed) a sitemap, and this
reader adds a page size, a time limit on each request, a few redirects and only ``http``/``https``. The XML is read
with ``defusedxml``, so a sitemap cannot expand entities or fetch anything itself.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path

import requests
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

#: The sitemaps protocol's own limits on one sitemap.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
MAX_SITEMAP_URLS = 50_000
#: Sitemaps followed from one sitemap index.
MAX_SITEMAPS = 100
#: Pages listed from one sitemap and the sitemaps its index lists (the national feed is about 300,000 jobs).
MAX_PAGES = 300_000
#: The largest page read.
MAX_PAGE_BYTES = 5 * 1024 * 1024
#: Seconds to connect and to wait between bytes.
TIMEOUT_S = (5, 20)
MAX_REDIRECTS = 5
_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class PageError(Exception):
    """A page or sitemap that could not be fetched or read; the message says why in plain words."""


class PageReader:
    """Fetches pages and sitemaps over HTTP (or from a file, for a sitemap saved to disk), each within bounds."""

    def __init__(self, session: requests.Session | None = None) -> None:
        self.session = session or requests.Session()
        self.session.max_redirects = MAX_REDIRECTS
        self.session.headers.setdefault("User-Agent", "Jobpoint-central (vacancy ingest)")

    def content(self, where: str, limit: int) -> bytes:
        """The bytes at a web address or in a file, at most ``limit`` of them.

        :raises PageError: it cannot be fetched, is larger than ``limit``, or is not http, https or a file.
        """
        if not where.lower().startswith(("https://", "http://")):
            path = Path(where)
            try:
                with path.open("rb") as handle:
                    data = handle.read(limit + 1)
            except OSError as error:
                raise PageError(f"{where} cannot be read: {error.strerror or type(error).__name__}") from None
            if len(data) > limit:
                raise PageError(f"{where} is larger than {limit:,} bytes")
            return data
        try:
            with self.session.get(where, timeout=TIMEOUT_S, stream=True) as response:
                if response.status_code != 200:
                    raise PageError(f"{where} answered {response.status_code}")
                data = io.BytesIO()
                for chunk in response.iter_content(64 * 1024):
                    data.write(chunk)
                    if data.tell() > limit:
                        raise PageError(f"{where} is larger than {limit:,} bytes")
                return data.getvalue()
        except requests.RequestException as error:
            raise PageError(f"{where} could not be fetched ({type(error).__name__})") from None

    def text(self, url: str) -> str:
        """A page's text (UTF-8, with anything undecodable replaced)."""
        return self.content(url, MAX_PAGE_BYTES).decode("utf-8", errors="replace")


def _unzipped(data: bytes, where: str) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(MAX_SITEMAP_BYTES + 1)
    except (OSError, EOFError):
        raise PageError(f"{where} is not a readable gzip file") from None
    if len(out) > MAX_SITEMAP_BYTES:
        raise PageError(f"{where} is larger than {MAX_SITEMAP_BYTES:,} bytes unzipped")
    return out


def _locations(data: bytes, where: str) -> tuple[str, list[str]]:
    # ("urlset" or "sitemapindex", the <loc> addresses in order).
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        raise PageError(f"{where} is not a readable sitemap (XML)") from None
    kind = root.tag.removeprefix(_NS)
    if kind not in ("urlset", "sitemapindex"):
        raise PageError(f"{where} is not a sitemap: it starts with <{kind[:30]}>")
    found = []
    for loc in root.iter(f"{_NS}loc"):
        text = (loc.text or "").strip()
        if text.lower().startswith(("https://", "http://")):
            found.append(text)
        if len(found) >= MAX_SITEMAP_URLS:
            break
    return kind, found


def sitemap_pages(where: str, reader: PageReader, problems: list[str]) -> Iterator[str]:
    """Each page address a sitemap (or a sitemap index's sitemaps) lists, in order, each once.

    :param where: the sitemap's web address, or a file.
    :param reader: fetches the sitemaps.
    :param problems: collects why a sitemap the index lists was skipped.
    :raises PageError: the sitemap given cannot be read.
    """
    kind, found = _locations(_unzipped(reader.content(where, MAX_SITEMAP_BYTES), where), where)
    seen: set[str] = set()
    if kind == "urlset":
        sitemaps, pages = [], found
    else:
        sitemaps, pages = found[:MAX_SITEMAPS], []
    for url in pages:
        if url not in seen:
            seen.add(url)
            yield url
    for sitemap in sitemaps:  # one level only: an index listing indexes is not followed further
        try:
            inner_kind, inner = _locations(_unzipped(reader.content(sitemap, MAX_SITEMAP_BYTES), sitemap), sitemap)
        except PageError as error:
            problems.append(f"{error}; skipped")
            continue
        if inner_kind != "urlset":
            problems.append(f"{sitemap} is a sitemap index inside an index; skipped")
            continue
        for url in inner:
            if len(seen) >= MAX_PAGES:
                problems.append(f"more than {MAX_PAGES:,} pages are listed; the rest were not read")
                return
            if url not in seen:
                seen.add(url)
                yield url

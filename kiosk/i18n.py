"""Message catalogues: every word the kiosk shows, in English and Welsh.

    >>> catalogues = load_catalogues()
    >>> catalogues["cy"]["shell.back"]
    'Yn ôl'
    >>> catalogues["en"].plural("idle.seconds_left", 1)
    'Your details will be cleared in 1 second.'

The catalogues are gettext .po files in ``assets/locale/<lang>/LC_MESSAGES/`` (``jobpoint.po``, and one file per
large feature such as ``cvui.po``, read together as one catalogue) whose msgids are stable keys such as
``home.find_job`` (English is a complete catalogue like any other), so translators use the usual tools and Welsh
plural forms come from the file's own Plural-Forms header. They are compiled in memory at start-up.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from kiosk.assets import ASSETS

log = logging.getLogger(__name__)

LOCALE_DIR = ASSETS / "locale"
DOMAIN = "jobpoint"
#: The languages the kiosk offers, in the order the switch shows them, with each one's own name.
LANGUAGES: dict[str, str] = {"en": "English", "cy": "Cymraeg"}


class Catalogue:
    """One language's messages, looked up by key.

    :param language: "en" or "cy".
    :param translations: the compiled gettext catalogue.
    :param fallback: the English catalogue, used (with a warning) for a key this one lacks.
    """

    def __init__(self, language: str, translations: Translations, keys: frozenset[str],
                 fallback: Catalogue | None = None) -> None:
        self.language = language
        self._translations = translations
        self.keys = keys
        self._fallback = fallback

    def __getitem__(self, key: str) -> str:
        """The message for ``key``; a missing key falls back to English, then to the key itself."""
        if key in self.keys:
            return self._translations.gettext(key)
        return self._missing(key)

    def text(self, key: str, **params: object) -> str:
        """The message for ``key`` with ``{name}`` placeholders filled in.

        :param key: e.g. "idle.title".
        :param params: values for the placeholders.
        """
        return self[key].format(**params)

    def plural(self, key: str, count: int, **params: object) -> str:
        """The message for ``key`` in the plural form that ``count`` needs (Welsh has six).

        :param key: a key with plural forms in the .po file.
        :param count: the number; also available to the message as ``{count}``.
        """
        if key not in self.keys:
            return self._missing(key, count=count, **params)
        return self._translations.ngettext(key, key, count).format(count=count, **params)

    def _missing(self, key: str, count: int | None = None, **params: object) -> str:
        log.warning("message %s missing in %s", key, self.language)
        if self._fallback is not None:
            if count is not None:
                return self._fallback.plural(key, count, **params)
            return self._fallback[key].format(**params) if params else self._fallback[key]
        return key


def read_catalogue(language: str, locale_dir: Path = LOCALE_DIR):
    """Read one language's .po files as one Babel ``Catalog`` (for tests and tools).

    ``jobpoint.po`` comes first and gives the headers (plural forms); every other ``.po`` file in the folder is
    added to it. A key defined in two files is an error: one of them would silently win.

    :param language: "en" or "cy".
    :param locale_dir: the folder holding ``<lang>/LC_MESSAGES/*.po``.
    """
    folder = locale_dir / language / "LC_MESSAGES"
    main = folder / f"{DOMAIN}.po"
    with main.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    for path in sorted(folder.glob("*.po")):
        if path == main:
            continue
        with path.open("rb") as handle:
            extra = read_po(handle, locale=language)
        for message in extra:
            if not message.id:
                continue
            if message.id in catalog:
                raise ValueError(f"{path.name}: message {message.id!r} is already defined in another file")
            catalog[message.id] = message
    return catalog


def _compile(catalog) -> Translations:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def load_catalogues(locale_dir: Path = LOCALE_DIR) -> dict[str, Catalogue]:
    """Load every language in ``LANGUAGES``, English first so the others can fall back to it.

    :param locale_dir: the folder holding the .po files.
    """
    catalogues: dict[str, Catalogue] = {}
    for language in LANGUAGES:
        catalogues[language] = _load(language, locale_dir, fallback=catalogues.get("en"))
    return catalogues


def _load(language: str, locale_dir: Path, fallback: Catalogue | None) -> Catalogue:
    catalog = read_catalogue(language, locale_dir)
    keys = frozenset(str(m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalog if m.id and m.string)
    return Catalogue(language, _compile(catalog), keys, fallback=fallback)


class LazyCatalogues(Mapping):
    """``load_catalogues()``, one language at a time as each is first asked for (English first, as the fallback).

    The kiosk needs only its default language to draw its first screen; reading and compiling the other's .po
    files can wait (``load_all()`` once the screen is up).

    >>> catalogues = LazyCatalogues()
    >>> sorted(catalogues.loaded), catalogues["cy"].language, sorted(catalogues.loaded)
    ([], 'cy', ['cy', 'en'])

    :param locale_dir: the folder holding the .po files.
    """

    def __init__(self, locale_dir: Path = LOCALE_DIR) -> None:
        self._locale_dir = locale_dir
        #: The languages read so far.
        self.loaded: dict[str, Catalogue] = {}

    def __getitem__(self, language: str) -> Catalogue:
        if language not in LANGUAGES:
            raise KeyError(language)
        if language not in self.loaded:
            fallback = self["en"] if language != "en" else None
            self.loaded[language] = _load(language, self._locale_dir, fallback)
        return self.loaded[language]

    def __iter__(self):
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)

    def load_all(self) -> None:
        """Read every language not read yet."""
        for language in LANGUAGES:
            self[language]

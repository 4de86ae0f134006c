"""The page a phone opens from a CV hand-off QR code: it decrypts the CV in the browser, so the service never can.

    page_html("cy")  # the HTML for GET /h/{id}?lang=cy (English or Welsh; the kiosk adds the session's language)
    PAGE_HEADERS     # its Content-Security-Policy and friends

The key travels in the link's ``#fragment``, which browsers never send to a server. The page's script (``SCRIPT``)
reads it, fetches the blob once from ``/v1/handoffs/{id}`` (only when the person taps "Show my CV", so a link
previewer cannot use it up), decrypts it with WebCrypto AES-GCM (the first 12 bytes are the nonce), and shows the
title and text, with the PDF to save when there is one. ``decryptHandoff`` and ``fetchAndDecrypt`` are plain
functions so the tests run the very same script under Node.js. WebCrypto needs a secure page: serve the service
over https (``public_url``).

The words come from the kiosk's catalogues (``phonepage.*``, English and Welsh). The script's own messages are
put in the page as ``data-`` attributes, so one script (and one CSP hash) serves both languages; the link to the
other language keeps the key in its #fragment.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html

from kiosk.i18n import LANGUAGES, Catalogue, load_catalogues

SCRIPT = r"""
"use strict";
function keyFromFragment(text) {
  text = String(text || "").replace(/^#/, "").replace(/-/g, "+").replace(/_/g, "/");
  while (text.length % 4) text += "=";
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  if (bytes.length !== 32) throw new Error("bad key");
  return bytes;
}
async function decryptHandoff(blob, keyText) {
  const data = new Uint8Array(blob);
  const key = await crypto.subtle.importKey("raw", keyFromFragment(keyText), "AES-GCM", false, ["decrypt"]);
  const plain = await crypto.subtle.decrypt({name: "AES-GCM", iv: data.slice(0, 12)}, key, data.slice(12));
  return JSON.parse(new TextDecoder().decode(plain));
}
async function fetchAndDecrypt(url, keyText) {
  const reply = await fetch(url, {cache: "no-store"});
  if (reply.status === 410) return {gone: true};
  if (!reply.ok) throw new Error("status " + reply.status);
  return decryptHandoff(await reply.arrayBuffer(), keyText);
}
if (typeof document !== "undefined") {
  const status = document.getElementById("status");
  const words = status.dataset;
  const say = (text) => { status.textContent = text; };
  const button = document.getElementById("open");
  const other = document.getElementById("other-language");
  other.href = other.getAttribute("href") + location.hash;
  if (!location.hash || location.hash.length < 10) {
    say(words.incomplete);
    button.hidden = true;
  }
  button.addEventListener("click", async () => {
    button.disabled = true;
    say(words.opening);
    const id = location.pathname.split("/").pop();
    try {
      const cv = await fetchAndDecrypt("/v1/handoffs/" + encodeURIComponent(id), location.hash);
      if (cv.gone) {
        say(words.gone);
        return;
      }
      document.getElementById("title").textContent = cv.title || words.defaultTitle;
      document.getElementById("text").textContent = cv.text || "";
      if (cv.pdf_base64) {
        const raw = atob(cv.pdf_base64);
        const bytes = new Uint8Array(raw.length);
        for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
        const link = document.getElementById("pdf");
        link.href = URL.createObjectURL(new Blob([bytes], {type: "application/pdf"}));
        link.hidden = false;
      }
      document.getElementById("cv").hidden = false;
      button.hidden = true;
      say(words.done);
    } catch (error) {
      say(words.failed);
    }
  });
}
"""

STYLE = (
    "body{font:1.15rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#0b0c0c;background:#fff}"
    "main{max-width:40rem;margin:auto}button,a.button{font-size:1.2rem;padding:.8rem 1.2rem;"
    "background:#00703c;color:#fff;border:0;border-radius:4px;text-decoration:none;display:inline-block}"
    "pre{white-space:pre-wrap;font:inherit;border-left:4px solid #b1b4b6;padding-left:1rem}"
    "nav{text-align:right}nav a{color:#1d70b8;font-size:1.2rem;display:inline-block;padding:.6rem 0}"
    # The rules above set display, which would otherwise beat the hidden attribute the script relies on.
    "[hidden]{display:none!important}"
)

_HTML = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<main>
<nav><a id="other-language" href="?lang={other}" lang="{other}" hreflang="{other}">{other_name}</a></nav>
<h1>{title}</h1>
<p id="status" data-incomplete="{incomplete}" data-opening="{opening}" data-gone="{gone}" data-done="{done}"
 data-failed="{failed}" data-default-title="{default_title}">{intro}</p>
<p><button id="open" type="button">{show}</button></p>
<section id="cv" hidden>
<h2 id="title"></h2>
<p><a id="pdf" class="button" hidden download="cv.pdf">{save_pdf}</a></p>
<pre id="text"></pre>
</section>
</main>
<script>{script}</script>
</body>
</html>
"""
#: The catalogue keys the page uses, each as its placeholder in ``_HTML``.
_WORDS = ("title", "intro", "show", "incomplete", "opening", "gone", "done", "failed", "save_pdf", "default_title")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def page_language(asked: str | None, accept_language: str | None) -> str:
    """The page's language: ``?lang=`` if it names one the kiosk offers, else Welsh when the phone prefers it
    (``Accept-Language``), else English.

    :param asked: the ``lang`` query value (the kiosk puts the session's language there).
    :param accept_language: the phone's header, e.g. "cy-GB,cy;q=0.9,en;q=0.8".
    """
    if asked in LANGUAGES:
        return asked
    first = (accept_language or "").split(",")[0].split(";")[0].strip().lower()
    return "cy" if first.split("-")[0] == "cy" else "en"


def page_html(language: str = "en") -> str:
    """The hand-off page in ``language`` (the same for every id: the id and key are read from the address by the
    script).

    :param language: "en" or "cy".
    """
    return _page_html(language if language in LANGUAGES else "en")


@functools.cache
def _page_html(language: str) -> str:
    words = _catalogues()[language]
    other = next(code for code in LANGUAGES if code != language)
    # Every word is escaped for HTML (attributes included): a catalogue can never add markup to the page.
    escaped = {name: html.escape(words[f"phonepage.{name}"]) for name in _WORDS}
    return _HTML.format(style=STYLE, script=SCRIPT, lang=language, other=other,
                        other_name=html.escape(words["phonepage.other_language"]), **escaped)


@functools.cache
def _catalogues() -> dict[str, Catalogue]:
    return load_catalogues()


#: Only this page's own script and style may run, it may only talk to this service, and nothing is cached.
PAGE_HEADERS = {
    "Content-Security-Policy": (f"default-src 'none'; script-src {_hash(SCRIPT)}; style-src {_hash(STYLE)}; "
                                "connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; "
                                "frame-ancestors 'none'"),
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}

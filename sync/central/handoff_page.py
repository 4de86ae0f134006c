"""The page a phone opens from a CV hand-off QR code: it decrypts the CV in the browser, so the service never can.

    page_html()      # the HTML for GET /h/{id}
    PAGE_HEADERS     # its Content-Security-Policy and friends

The key travels in the link's ``#fragment``, which browsers never send to a server. The page's script (``SCRIPT``)
reads it, fetches the blob once from ``/v1/handoffs/{id}`` (only when the person taps "Show my CV", so a link
previewer cannot use it up), decrypts it with WebCrypto AES-GCM (the first 12 bytes are the nonce), and shows the
title and text, with the PDF to save when there is one. ``decryptHandoff`` and ``fetchAndDecrypt`` are plain
functions so the tests run the very same script under Node.js. WebCrypto needs a secure page: serve the service
over https (``public_url``).
"""

from __future__ import annotations

import base64
import hashlib

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
  const say = (text) => { document.getElementById("status").textContent = text; };
  const button = document.getElementById("open");
  if (!location.hash || location.hash.length < 10) {
    say("This link is not complete. Scan the code on the kiosk again.");
    button.hidden = true;
  }
  button.addEventListener("click", async () => {
    button.disabled = true;
    say("Opening your CV...");
    const id = location.pathname.split("/").pop();
    try {
      const cv = await fetchAndDecrypt("/v1/handoffs/" + encodeURIComponent(id), location.hash);
      if (cv.gone) {
        say("This link has already been used, or is more than 24 hours old. Make a new one at the kiosk.");
        return;
      }
      document.getElementById("title").textContent = cv.title || "Your CV";
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
      say("Here is your CV. This link now no longer works, so save the PDF or copy the text now.");
    } catch (error) {
      say("Your CV could not be opened. Scan the code on the kiosk again, or make a new one.");
    }
  });
}
"""

STYLE = (
    "body{font:1.15rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#0b0c0c;background:#fff}"
    "main{max-width:40rem;margin:auto}button,a.button{font-size:1.2rem;padding:.8rem 1.2rem;"
    "background:#00703c;color:#fff;border:0;border-radius:4px;text-decoration:none;display:inline-block}"
    "pre{white-space:pre-wrap;font:inherit;border-left:4px solid #b1b4b6;padding-left:1rem}"
)

_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Your CV from the Jobcentre kiosk</title>
<style>{style}</style>
</head>
<body>
<main>
<h1>Your CV from the Jobcentre kiosk</h1>
<p id="status">This link works once. When your CV opens, save the PDF or copy the text straight away.</p>
<p><button id="open" type="button">Show my CV</button></p>
<section id="cv" hidden>
<h2 id="title"></h2>
<p><a id="pdf" class="button" hidden download="cv.pdf">Save my CV as a PDF</a></p>
<pre id="text"></pre>
</section>
</main>
<script>{script}</script>
</body>
</html>
"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def page_html() -> str:
    """The hand-off page (the same for every id: the id and key are read from the address by the script)."""
    return _HTML.format(style=STYLE, script=SCRIPT)


#: Only this page's own script and style may run, it may only talk to this service, and nothing is cached.
PAGE_HEADERS = {
    "Content-Security-Policy": (f"default-src 'none'; script-src {_hash(SCRIPT)}; style-src {_hash(STYLE)}; "
                                "connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; "
                                "frame-ancestors 'none'"),
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}

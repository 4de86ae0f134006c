""""Send to my phone" for a CV, end to end over real HTTP: the kiosk's sync/cv_handoff.py against the real central
service (uvicorn on a loopback port, SQLite file, a clock the tests move), read back the way a phone does (in
Python, in the page's own script under Node.js, and in headless Chromium opening the QR code's link).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.config import load_config
from sync import cv_handoff
from sync.central.enrolment import make_token, revoke_kiosk
from sync.central.handoffs import MAX_BYTES
from sync.client import CentralClient
from sync.credentials import enrol
from sync.cv_handoff import HandoffUnavailable, key_fragment, send_to_phone
from tests.browser import chromium as open_chromium
from tests.browser import wait_for
from tests.central.conftest import START, loopback_service
from tests.sync.fault_proxy import FaultProxy

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
CV_TEXT = ("Seren Llŷr Ŵyn\nLlanelli · seren@example.org\n\nWarehouse operative, Tŷ Coffi Cyf, 2019 to now: "
           "forklift licence (counterbalance), stock checks, loading bays.\nSkills: teamwork, Welsh (rhugl), "
           "food hygiene level 2.")
TITLE = "Seren Llŷr Ŵyn: CV"


@dataclass(frozen=True)
class Sample:
    """The committed sample CV (docs/cv-sample.json), rendered by the kiosk's own CV printout and text version."""

    title: str
    text: str
    pdf: bytes


@pytest.fixture(scope="module")
def sample() -> Sample:
    from kiosk.cv.model import cv_from_json
    from kiosk.cv.pdf import cv_pdf
    from kiosk.cv.plain_text import cv_text
    from kiosk.i18n import load_catalogues
    cv = cv_from_json((ROOT / "docs" / "cv-sample.json").read_text(encoding="utf-8"))
    t = load_catalogues()[cv.language]
    return Sample(title=cv.contact.name, text=cv_text(t, cv), pdf=cv_pdf(t, cv))


@pytest.fixture
def service(tmp_path):
    """The real central service on a loopback port, its public address its own (as behind a proxy)."""
    with loopback_service(tmp_path) as server:
        yield server


@pytest.fixture
def kiosk_settings(tmp_path, service):
    """A kiosk enrolled with a one-time token, and its settings read from a real config file."""
    credential_file = tmp_path / "kiosk" / "credential.json"
    enrol(service.url, make_token(service.storage, "leeds", 3600, service.clock()), "leeds-1", credential_file)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n[central]\nurl = "{service.url}"\n'
                      f'credential_file = "{credential_file}"\n[sync]\ntimeout_seconds = 5\n')
    return load_config(config)


def key_of(link) -> bytes:
    fragment = link.url.split("#", 1)[1]
    return base64.urlsafe_b64decode(fragment + "=" * (-len(fragment) % 4))


def download(service, link) -> requests.Response:
    """What the phone's page fetches: the blob, by the id in the link's path (the fragment stays on the phone)."""
    return requests.get(f"{service.url}/v1/handoffs/{link.handoff_id}", timeout=10)


def stored_rows(service) -> list[tuple]:
    with service.storage.read() as conn:
        return [tuple(row) for row in conn.exec_driver_sql("SELECT handoff_id, kiosk_id, blob FROM handoffs")]


# --- the round trip


def test_cv_round_trips_through_the_real_service_and_decrypts_with_the_key_from_the_fragment(service,
                                                                                            kiosk_settings, sample):
    link = send_to_phone(kiosk_settings, text=sample.text, pdf=sample.pdf, title=sample.title)
    assert re.fullmatch(re.escape(service.url) + r"/h/[A-Za-z0-9_-]{22,}\?lang=en#[A-Za-z0-9_-]{43}", link.url)
    assert link.url.split("?")[0].endswith("/" + link.handoff_id)
    assert link.expires_at == START.replace(tzinfo=dt.UTC) + dt.timedelta(hours=24)
    blob = download(service, link)
    assert blob.status_code == 200 and blob.headers["content-type"] == "application/octet-stream"
    data = blob.content
    plain = AESGCM(key_of(link)).decrypt(data[:12], data[12:], None)
    cv = json.loads(plain.decode("utf-8"))
    assert cv == {"kind": "cv", "title": sample.title, "text": sample.text,
                  "pdf_base64": base64.b64encode(sample.pdf).decode()}
    assert base64.b64decode(cv["pdf_base64"]).startswith(b"%PDF-")


def test_text_only_cv_round_trips_without_a_pdf(service, kiosk_settings):
    link = send_to_phone(kiosk_settings, text=CV_TEXT)
    data = download(service, link).content
    cv = json.loads(AESGCM(key_of(link)).decrypt(data[:12], data[12:], None))
    assert cv == {"kind": "cv", "title": "", "text": CV_TEXT}


def test_the_service_holds_only_ciphertext_never_the_cv_or_the_key(service, kiosk_settings, tmp_path, sample):
    link = send_to_phone(kiosk_settings, text=sample.text, pdf=sample.pdf, title=sample.title)
    key = key_of(link)
    [(handoff_id, _kiosk_id, blob)] = stored_rows(service)
    assert handoff_id == link.handoff_id
    # What is stored is the real thing (so the scan below looks at it): it decrypts with the phone's key.
    assert json.loads(AESGCM(key).decrypt(blob[:12], blob[12:], None))["text"] == sample.text
    # Every byte the database keeps (main file and write-ahead log) holds neither the CV nor the key in any form.
    stored = b"".join(path.read_bytes() for path in tmp_path.glob("central.db*"))
    assert len(stored) > len(blob)
    words = [line for line in sample.text.splitlines() if len(line) > 12]
    assert len(words) > 10
    for secret in ([sample.title.encode(), sample.text.encode(), *(line.encode() for line in words),
                    base64.b64encode(sample.pdf)[:40], sample.pdf[:200], sample.pdf[-200:],
                    key, key_fragment(key).encode(), base64.b64encode(key).rstrip(b"="), key.hex().encode()]):
        assert secret not in stored


def test_the_link_with_its_key_fits_a_qr_code_a_phone_reads_back_whole(service, kiosk_settings):
    zxingcpp = pytest.importorskip("zxingcpp", reason="pip zxing-cpp is not installed")
    import io

    from PIL import Image

    from kiosk.jobs.phone_link import qr_matrix, qr_png
    link = send_to_phone(kiosk_settings, text=CV_TEXT)
    # A real service's https address is longer than this loopback one: the code must still be coarse.
    long_public = "https://jobs-kiosk.example.gov.uk" + link.url[len(service.url):]
    assert len(qr_matrix(long_public)) <= 49  # version 8 or lower: readable at arm's length
    read = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(link.url))))
    assert [result.text for result in read] == [link.url]


def test_each_cv_gets_a_fresh_key_and_nonce(service, kiosk_settings):
    first = send_to_phone(kiosk_settings, text=CV_TEXT)
    second = send_to_phone(kiosk_settings, text=CV_TEXT)
    assert key_of(first) != key_of(second) and first.handoff_id != second.handoff_id
    blobs = [download(service, link).content for link in (first, second)]
    assert blobs[0][:12] != blobs[1][:12] and blobs[0][12:] != blobs[1][12:]


def test_a_second_download_is_refused(service, kiosk_settings):
    link = send_to_phone(kiosk_settings, text=CV_TEXT)
    assert download(service, link).status_code == 200
    again = download(service, link)
    assert again.status_code == 410 and again.json()["error"] == "gone"
    assert stored_rows(service) == []


def test_an_unopened_cv_is_gone_24_hours_after_upload(service, kiosk_settings):
    early, late = (send_to_phone(kiosk_settings, text=CV_TEXT) for _ in range(2))
    service.clock.advance(hours=23, minutes=59)
    assert download(service, early).status_code == 200
    service.clock.advance(minutes=1)
    assert download(service, late).status_code == 410


def test_nothing_of_the_cv_the_key_or_the_link_is_logged(service, kiosk_settings, caplog):
    caplog.set_level(logging.DEBUG)
    link = send_to_phone(kiosk_settings, text=CV_TEXT, pdf=b"%PDF-1.4 Seren forklift", title=TITLE)
    logged = caplog.text + repr(link)
    assert "ciphertext" in caplog.text  # the success is logged, so this test looks at a real log
    for secret in ("Seren", "forklift", key_fragment(key_of(link)), link.handoff_id):
        assert secret not in logged


# --- failures say why, and never pretend


def test_service_down_is_offline(service, kiosk_settings):
    service.stop()
    with pytest.raises(HandoffUnavailable) as failure:
        send_to_phone(kiosk_settings, text=CV_TEXT)
    assert failure.value.reason == "offline" and failure.value.message_key == "cvphone.offline"
    assert "Seren" not in str(failure.value)


#: How long the proxy's "slow" fault waits before it answers.
SLOW_S = 12.0


@pytest.fixture
def proxy(service):
    # "slow" answers well after the clients' timeout below, which is itself long enough for a loaded machine.
    fault_proxy = FaultProxy(service.port, slow_s=SLOW_S)
    yield fault_proxy
    fault_proxy.close()


def proxied_client(proxy, kiosk_settings, timeout: float = 5.0) -> CentralClient:
    credential = json.loads(Path(kiosk_settings["central.credential_file"]).read_text())["credential"]
    return CentralClient(proxy.url, credential, timeout=timeout)


@pytest.mark.parametrize("fault, reason", [("slow", "offline"), ("drop", "offline"), ("cut", "offline"),
                                           ("error500", "server_error"), ("corrupt_json", "server_error")])
def test_network_and_service_faults_give_a_plain_reason(service, proxy, kiosk_settings, fault, reason):
    # Not 1 s: the upload after the fault, with the same client, once missed 1 s on a loaded CI machine.
    client = proxied_client(proxy, kiosk_settings, timeout=SLOW_S / 3)
    proxy.inject(fault)
    with pytest.raises(HandoffUnavailable) as failure:
        send_to_phone(client, text=CV_TEXT)
    assert failure.value.reason == reason
    # The same client works again once the fault has passed: nothing is left half-done on the kiosk.
    assert download(service, send_to_phone(client, text=CV_TEXT)).status_code == 200
    client.close()


def test_a_kiosk_that_never_enrolled_is_told_so(service, tmp_path):
    settings = {"central.credential_file": tmp_path / "nowhere" / "credential.json", "sync.timeout_seconds": 5}
    with pytest.raises(HandoffUnavailable) as failure:
        send_to_phone(settings, text=CV_TEXT)
    assert failure.value.reason == "not_enrolled" and failure.value.message_key == "cvphone.not_enrolled"
    assert stored_rows(service) == []


def test_a_damaged_credential_file_is_not_enrolled(service, kiosk_settings):
    Path(kiosk_settings["central.credential_file"]).write_text("{not json")
    with pytest.raises(HandoffUnavailable) as failure:
        send_to_phone(kiosk_settings, text=CV_TEXT)
    assert failure.value.reason == "not_enrolled" and "enrol the kiosk again" in str(failure.value)


def test_a_revoked_kiosk_is_not_enrolled_and_nothing_is_stored(service, kiosk_settings):
    kiosk_id = json.loads(Path(kiosk_settings["central.credential_file"]).read_text())["kiosk_id"]
    revoke_kiosk(service.storage, kiosk_id, service.clock())
    with pytest.raises(HandoffUnavailable) as failure:
        send_to_phone(kiosk_settings, text=CV_TEXT)
    assert failure.value.reason == "not_enrolled"
    assert stored_rows(service) == []


def test_a_cv_over_the_limit_is_refused_on_the_kiosk_before_upload(service, kiosk_settings):
    assert cv_handoff.MAX_UPLOAD_BYTES == MAX_BYTES  # the kiosk's limit is the service's
    with pytest.raises(HandoffUnavailable) as failure:
        send_to_phone(kiosk_settings, text=CV_TEXT, pdf=os.urandom(800_000))
    assert failure.value.reason == "too_large" and failure.value.message_key == "cvphone.too_large"
    assert stored_rows(service) == []


def test_the_services_own_size_refusal_is_too_large(service, kiosk_settings, monkeypatch):
    # Lift the kiosk's own check, so the upload reaches the service's 413.
    monkeypatch.setattr(cv_handoff, "MAX_UPLOAD_BYTES", 4 * MAX_BYTES)
    with pytest.raises(HandoffUnavailable) as failure:
        send_to_phone(kiosk_settings, text=CV_TEXT, pdf=os.urandom(900_000))
    assert failure.value.reason == "too_large"
    assert stored_rows(service) == []


def test_an_empty_cv_is_not_sent(service, kiosk_settings):
    with pytest.raises(HandoffUnavailable) as failure:
        send_to_phone(kiosk_settings, text="   \n")
    assert failure.value.reason == "empty"
    assert stored_rows(service) == []


def test_the_link_opens_the_page_in_the_language_the_kiosk_was_used_in(service, kiosk_settings):
    for language, heading in (("cy", "Eich CV o'r ciosg yn y Ganolfan Byd Gwaith"),
                              ("en", "Your CV from the Jobcentre kiosk")):
        link = send_to_phone(kiosk_settings, text=CV_TEXT, language=language)
        assert f"?lang={language}#" in link.url
        page = requests.get(link.url.split("#")[0], timeout=10)
        assert page.headers["Content-Language"] == language
        assert f'<html lang="{language}">' in page.text and f"<h1>{html.escape(heading)}</h1>" in page.text
        # Same script and style in both languages, so the page's CSP hashes hold for both.
        assert page.headers["Content-Security-Policy"] == requests.get(
            f"{service.url}/h/{link.handoff_id}", timeout=10).headers["Content-Security-Policy"]
    with pytest.raises(ValueError):
        send_to_phone(kiosk_settings, text=CV_TEXT, language="fr")


@pytest.mark.parametrize("lang, accept, expected", [
    ("cy", None, "cy"), ("en", "cy-GB,cy;q=0.9", "en"), (None, "cy-GB,cy;q=0.9,en;q=0.8", "cy"),
    ("fr", "cy", "cy"), ("<b>", None, "en"), (None, "en-GB,cy;q=0.5", "en"), (None, None, "en")])
def test_the_page_language_is_the_links_then_the_phones_then_english(service, lang, accept, expected):
    page = requests.get(f"{service.url}/h/someid", params={"lang": lang} if lang else None,
                        headers={"Accept-Language": accept} if accept else {}, timeout=10)
    assert page.headers["Content-Language"] == expected
    assert f'<html lang="{expected}">' in page.text and "<b>" not in page.text


def test_the_kiosk_names_the_phone_pages_button_as_the_page_does():
    from kiosk.i18n import load_catalogues
    for language, words in load_catalogues().items():
        assert f'"{words["phonepage.show"]}"' in words["cvphone.body"], language


def test_every_reason_has_a_message_in_english_and_welsh():
    from kiosk.i18n import load_catalogues
    catalogues = load_catalogues()
    for reason in cv_handoff.REASONS:
        for language in ("en", "cy"):
            text = catalogues[language][f"cvphone.{reason}"]
            assert text and text != f"cvphone.{reason}"


# --- the phone's page decrypts what this kiosk made


def page_script(service, link) -> str:
    page = requests.get(link.url.split("#")[0], timeout=10)  # what a phone asks for: never the fragment
    assert page.status_code == 200
    return re.search(r"<script>(.*)</script>", page.text, re.S).group(1)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed (apt-get install nodejs)")
def test_the_pages_own_script_decrypts_this_kiosks_cv_under_node(service, kiosk_settings, tmp_path, sample):
    link = send_to_phone(kiosk_settings, text=sample.text, pdf=sample.pdf, title=sample.title)
    fragment = "#" + link.url.split("#", 1)[1]
    runner = tmp_path / "run.mjs"
    runner.write_text(page_script(service, link) +
                      f"\nfetchAndDecrypt({json.dumps(f'{service.url}/v1/handoffs/{link.handoff_id}')}, "
                      f"{json.dumps(fragment)}).then(r => console.log(JSON.stringify(r)));\n")
    out = subprocess.run(["node", str(runner)], capture_output=True, text=True, timeout=60)
    assert json.loads(out.stdout) == {"kind": "cv", "title": sample.title, "text": sample.text,
                                      "pdf_base64": base64.b64encode(sample.pdf).decode()}, out.stderr
    out = subprocess.run(["node", str(runner)], capture_output=True, text=True, timeout=60)
    assert json.loads(out.stdout) == {"gone": True}


@pytest.fixture
def chromium(tmp_path):
    """Headless Chromium that saves downloads into the test's folder; skips when it cannot run here."""
    downloads = tmp_path / "phone-downloads"
    downloads.mkdir()
    with open_chromium("412,915", downloads) as driver:
        yield driver


def test_the_qr_link_opens_the_cv_in_chromium_and_offers_the_pdf_once(service, kiosk_settings, chromium, sample):
    from selenium.webdriver.common.by import By
    pdf = sample.pdf
    link = send_to_phone(kiosk_settings, text=sample.text, pdf=pdf, title=sample.title)
    chromium.get(link.url)
    chromium.find_element(By.ID, "open").click()
    wait_for(lambda: chromium.find_element(By.ID, "cv").is_displayed())
    assert chromium.find_element(By.ID, "title").text == sample.title
    assert chromium.find_element(By.ID, "text").get_attribute("textContent") == sample.text
    assert "Here is your CV" in chromium.find_element(By.ID, "status").text
    save = chromium.find_element(By.ID, "pdf")
    assert save.is_displayed() and save.text == "Save my CV as a PDF"
    save.click()
    saved = wait_for(lambda: [p for p in chromium.downloads.glob("*.pdf")
                              if not p.name.endswith(".crdownload") and p.stat().st_size == len(pdf)])
    assert saved[0].read_bytes() == pdf
    # The link works once: opening it again (say, from the phone's history) says so plainly.
    chromium.get(link.url)
    chromium.refresh()
    chromium.find_element(By.ID, "open").click()
    wait_for(lambda: "already been used" in chromium.find_element(By.ID, "status").text)
    assert not chromium.find_element(By.ID, "cv").is_displayed()


def test_the_welsh_page_opens_the_cv_and_its_english_link_keeps_the_key(service, kiosk_settings, chromium, sample):
    from selenium.webdriver.common.by import By
    link = send_to_phone(kiosk_settings, text=sample.text, pdf=sample.pdf, title="", language="cy")
    chromium.get(link.url)
    assert chromium.find_element(By.TAG_NAME, "html").get_attribute("lang") == "cy"
    assert chromium.find_element(By.ID, "open").text == "Dangos fy CV"
    assert chromium.find_element(By.ID, "status").text.startswith("Mae'r ddolen hon yn gweithio unwaith.")
    assert not any(chromium.find_element(By.ID, name).is_displayed() for name in ("pdf", "cv"))
    other = chromium.find_element(By.ID, "other-language")
    assert other.text == "English"
    assert other.get_attribute("href").endswith("?lang=en#" + link.url.split("#")[1])
    other.click()  # the person would rather read it in English: the key comes along, the CV is not used up
    wait_for(lambda: chromium.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert chromium.find_element(By.ID, "other-language").text == "Cymraeg"
    chromium.find_element(By.ID, "other-language").click()
    wait_for(lambda: chromium.find_element(By.TAG_NAME, "html").get_attribute("lang") == "cy")
    chromium.find_element(By.ID, "open").click()
    wait_for(lambda: chromium.find_element(By.ID, "cv").is_displayed())
    assert chromium.find_element(By.ID, "title").text == "Eich CV"  # no title sent: the Welsh default
    assert chromium.find_element(By.ID, "text").get_attribute("textContent") == sample.text
    assert chromium.find_element(By.ID, "pdf").text == "Cadw fy CV fel PDF"
    assert chromium.find_element(By.ID, "status").text.startswith("Dyma eich CV.")
    assert not chromium.find_element(By.ID, "open").is_displayed()  # used up: the button goes
    chromium.get(link.url)
    chromium.refresh()
    chromium.find_element(By.ID, "open").click()
    wait_for(lambda: "wedi cael ei defnyddio" in chromium.find_element(By.ID, "status").text)

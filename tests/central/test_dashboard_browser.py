"""The fleet dashboard in a real headless Chromium, over the real service (uvicorn on loopback).

The fleet is made the way a real one is: offices set up, kiosks enrolled with one-time tokens, then heartbeats and
usage counts sent over HTTP with each kiosk's credential. The service's clock is moved on between beats, so one
kiosk has missed three beats and is offline. The browser signs in through the form and reads the page as a
person would (visible text, headings, tables); no test looks at the HTML source alone.

Needs Debian's ``chromium`` and ``chromium-driver`` and pip's ``selenium``; Selenium is pointed at
/usr/bin/chromedriver so it never downloads a driver. Without them these tests skip and say why.
Set ``JOBPOINT_DASHBOARD_SCREENSHOT=docs/dashboard.png`` to keep the screenshot the last test takes.
"""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import os
import shutil
import struct
import tempfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import update

from sync.central.enrolment import make_token
from sync.central.passwords import add_user
from sync.central.schema import kiosks
from sync.central.settings import CentralSettings
from sync.central.storage import open_storage
from tests.central.conftest import START, MovableClock, Server
from tests.central.helpers import add_office

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
USER, PASSWORD = "alex", "correct horse battery"
HOSTILE_NAME = "<script>alert(1)</script>"

pytestmark = pytest.mark.browser
webdriver = pytest.importorskip("selenium.webdriver", reason="pip selenium is not installed")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
    pytest.skip("Chromium is not installed (apt-get install chromium chromium-driver)", allow_module_level=True)


# --- the fleet, made over HTTP


def _enrol(server: Server, office: str, name: str) -> dict:
    token = make_token(server.storage, office, 3600, server.clock())
    reply = server.post("/v1/enrol", json={"token": token, "kiosk_name": name})
    assert reply.status_code == 201, reply.text
    return reply.json()


def _beat(server: Server, kiosk: dict, **changes) -> None:
    synced = server.clock() - dt.timedelta(seconds=240)
    body = {"app_version": "0.2.0", "config_version": "1", "uptime_s": 3600,
            "last_sync_at": synced.isoformat() + "Z", "cache_vacancies": 28431, "cache_age_s": 240,
            "disk_free_bytes": 40 * 10**9, "last_crash_at": None, "last_crash_kind": None,
            "devices": [{"device": "card", "provider": "pcsc", "health": "present", "detail": "ACS ACR39U"},
                        {"device": "printer", "provider": "cups", "health": "ready", "detail": "queue kiosk: idle"},
                        {"device": "speech", "provider": "espeak", "health": "available", "detail": ""}],
            **changes}
    reply = server.post(f"/v1/kiosks/{kiosk['kiosk_id']}/heartbeat", kiosk["credential"], json=body)
    assert reply.status_code == 200, reply.text


def _usage(server: Server, kiosk: dict, per_day: dict[str, int]) -> None:
    counts = [{"hour": f"{day}T09:00Z", "event": "session_started", "n": n} for day, n in per_day.items()]
    reply = server.post(f"/v1/kiosks/{kiosk['kiosk_id']}/usage", kiosk["credential"],
                        json={"batch_id": str(uuid.uuid4()), "counts": counts})
    assert reply.status_code == 200 and reply.json()["status"] == "accepted", reply.text


def _days_before(last: str, count: int) -> list[str]:
    end = dt.date.fromisoformat(last)
    return [(end - dt.timedelta(days=i)).isoformat() for i in range(count)][::-1]


# What Leeds' two working kiosks count per day, and what the page may publish for the office (the sum, with
# the 10-5 rule). Each kiosk alone is below 10 on some of these days; the office's sum decides.
LEEDS_2 = {"2026-11-18": 6, "2026-11-19": 6, "2026-11-20": 30, "2026-11-21": 8, "2026-11-22": 13}
LEEDS_3 = {"2026-11-18": 6, "2026-11-19": 3, "2026-11-20": 7}
PUBLISHED = {"2026-11-18": "10", "2026-11-19": "hidden", "2026-11-20": "35", "2026-11-21": "hidden",
             "2026-11-22": "15"}


def _build_fleet(server: Server) -> dict:
    add_office(server.storage, "leeds", "Leeds Jobcentre")
    add_office(server.storage, "york", "York Jobcentre")
    kiosk = {name: _enrol(server, office, name) for office, name in (
        ("leeds", "leeds-1"), ("leeds", "leeds-2"), ("leeds", "leeds-3"),
        ("york", "york-1"), ("york", "york-2"), ("york", "york-3"))}
    _beat(server, kiosk["leeds-1"])
    server.clock.advance(minutes=10)  # leeds-1 has now missed more than 3 beats of 90 s
    _beat(server, kiosk["leeds-2"], devices=[
        {"device": "card", "provider": "pcsc", "health": "present", "detail": "ACS ACR39U"},
        {"device": "printer", "provider": "cups", "health": "paper_out",
         "detail": "queue kiosk: out of paper (media-empty-error)"}])
    _beat(server, kiosk["leeds-3"])
    _beat(server, kiosk["york-1"], cache_age_s=2 * 86400 + 600, last_sync_at="2026-11-20T09:55:00Z",
          last_crash_at="2026-11-22T09:40:00Z", last_crash_kind="OSError", devices=[
              {"device": "card", "provider": "pcsc", "health": "absent", "detail": "no card reader is plugged in"},
              {"device": "printer", "provider": "cups", "health": "ready", "detail": ""}])
    _beat(server, kiosk["york-2"], app_version="0.1.0", last_rollback_at="2026-11-22T08:00:00Z",
          last_rollback_from="0.2.0")
    # york-3 has enrolled but never sent a beat.
    _usage(server, kiosk["leeds-2"], LEEDS_2)
    _usage(server, kiosk["leeds-3"], LEEDS_3)
    # Busier days earlier in the month, so the chart has a shape (all 10 or more once summed).
    _usage(server, kiosk["leeds-3"], {day: 18 + (i * 7) % 23 for i, day in enumerate(_days_before("2026-11-17", 23))})
    _usage(server, kiosk["york-1"], {day: (i * 11) % 31 for i, day in enumerate(_days_before("2026-11-22", 28))})
    add_user(server.storage, USER, PASSWORD, server.clock())
    return kiosk


def _settings(**changes) -> CentralSettings:
    # Plain http on loopback: the session cookie must not be Secure, or the browser would not send it back.
    # The fleet is looked at straight after each change to it: nothing kept between pages (dashboard_cache_s).
    return CentralSettings(**{"public_url": "http://127.0.0.1", "session_secret": "s" * 40,
                              "rates_dir": ROOT / "assets" / "rules", "dashboard_cache_s": 0, **changes})


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    """The real service with a small fleet of two offices and six kiosks."""
    storage = open_storage(f"sqlite:///{tmp_path_factory.mktemp('dashboard') / 'central.db'}")
    server = Server(storage, _settings(), MovableClock(START))
    server.kiosks = _build_fleet(server)
    yield server
    server.stop()
    storage.close()


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module, with a fresh profile."""
    from selenium.webdriver.chrome.service import Service
    profile = tempfile.mkdtemp(prefix="jobpoint-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}", "--window-size=1280,1000", "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def sign_in(driver, server: Server, password: str = PASSWORD) -> None:
    """Sign in through the real form, starting signed out."""
    driver.delete_all_cookies()
    driver.get(server.url + "/login")
    driver.find_element(By.ID, "name").send_keys(USER)
    driver.find_element(By.ID, "password").send_keys(password)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[type=submit]"))


def open_dashboard(driver, server: Server, query: str = "") -> None:
    """Sign in and open the dashboard with its automatic reload off, so the page cannot change under a test."""
    sign_in(driver, server)
    driver.get(f"{server.url}/dashboard?refresh=off{query}")


def click_and_wait(driver, element) -> None:
    """Click something that loads a new page, and wait until the new page has loaded.

    The old page gets a mark; a new document starts without it. (Waiting for the clicked element to go stale is
    not enough: while the page changes, chromedriver can answer with other errors.)
    """
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.wait import WebDriverWait

    def loaded(d) -> bool:
        try:
            return d.execute_script("return !window.oldPage && document.readyState === 'complete'")
        except WebDriverException:
            return False

    driver.execute_script("window.oldPage = true")
    element.click()
    WebDriverWait(driver, 20).until(loaded)


def kiosk_row(driver, name: str) -> dict[str, str]:
    """A kiosk's row as column header → visible cell text."""
    for table in driver.find_elements(By.CSS_SELECTOR, "table.kiosks"):
        # textContent: on a narrow window the header row is there for screen readers only.
        headers = [th.get_attribute("textContent") for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
        for row in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
            cells = row.find_elements(By.CSS_SELECTOR, "th, td")
            if cells[0].text == name:
                return dict(zip(headers, (cell.text for cell in cells)))
    raise AssertionError(f"no row for {name!r}")


def alert_texts(driver) -> list[str]:
    return [item.text for item in driver.find_elements(By.CSS_SELECTOR, "#alerts + ul li")]


# --- signing in and out


def test_without_a_login_the_dashboard_sends_the_browser_to_the_sign_in_page(browser, fleet):
    browser.delete_all_cookies()
    browser.get(fleet.url + "/dashboard")
    assert browser.current_url == fleet.url + "/login"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sign in to the Jobpoint fleet dashboard"


def test_sign_in_refuses_a_wrong_password(browser, fleet):
    sign_in(browser, fleet, password="wrong horse battery")
    assert browser.current_url == fleet.url + "/login"
    assert browser.find_element(By.CSS_SELECTOR, "[role=alert]").text == "That user name and password do not match."
    assert [cookie["name"] for cookie in browser.get_cookies()] == ["jobpoint_signin"], "the form's own, no session"
    browser.get(fleet.url + "/dashboard")
    assert browser.current_url == fleet.url + "/login"


def test_signing_out_ends_the_session(browser, fleet):
    sign_in(browser, fleet)
    assert browser.current_url == fleet.url + "/dashboard"
    assert "Signed in as alex" in browser.find_element(By.CSS_SELECTOR, ".banner").text
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Sign out']"))
    assert browser.current_url == fleet.url + "/login"
    browser.get(fleet.url + "/dashboard")
    assert browser.current_url == fleet.url + "/login"


# --- what the page shows


def test_dashboard_lists_offices_and_their_kiosks(browser, fleet):
    open_dashboard(browser, fleet)
    offices = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "section.office h3")]
    assert offices == ["Leeds Jobcentre", "York Jobcentre"]
    for office, names in (("Leeds Jobcentre", ["leeds-1", "leeds-2", "leeds-3"]),
                          ("York Jobcentre", ["york-1", "york-2", "york-3"])):
        table = browser.find_element(By.XPATH, f"//table[caption='Kiosks at {office}']")
        assert [th.text for th in table.find_elements(By.CSS_SELECTOR, "tbody th")] == names
    totals = browser.find_element(By.CSS_SELECTOR, ".totals").text.split("\n")
    assert totals == ["6 kiosks", "4 online", "2 offline", "7 alerts"]


@pytest.mark.parametrize("name, status, detail", [
    ("leeds-1", "Offline", "no heartbeat for 10 minutes"),
    ("leeds-2", "Online", "last heartbeat just now"),
    ("york-3", "Never seen", "enrolled, but no heartbeat yet"),
])
def test_each_kiosk_says_whether_it_is_online_in_words(browser, fleet, name, status, detail):
    open_dashboard(browser, fleet)
    assert kiosk_row(browser, name)["Status"].split("\n") == [status, detail]


def test_kiosk_row_shows_version_last_sync_cache_age_and_devices(browser, fleet):
    open_dashboard(browser, fleet)
    row = kiosk_row(browser, "leeds-3")
    # The beat came at 10:10 UTC, 4 minutes after the sync; in November UK time is UTC.
    assert row == {"Kiosk": "leeds-3", "Status": "Online\nlast heartbeat just now",
                   "App version": "0.2.0\noffice config 1", "Last sync": "10:06\n4 minutes ago",
                   "Vacancy cache": "4 minutes old\n28,431 vacancies", "Devices": "All working"}


def test_offline_kiosk_says_its_cache_age_is_from_its_last_heartbeat(browser, fleet):
    open_dashboard(browser, fleet)
    assert kiosk_row(browser, "leeds-1")["Vacancy cache"] == "4 minutes old at its last heartbeat\n28,431 vacancies"


def test_printer_out_of_paper_from_the_heartbeat_shows_on_the_kiosk_and_in_the_alerts(browser, fleet):
    open_dashboard(browser, fleet)
    assert kiosk_row(browser, "leeds-2")["Devices"] == (
        "Problem Printer out of paper\nqueue kiosk: out of paper (media-empty-error)")
    assert "Problem Leeds Jobcentre: leeds-2: printer out of paper." in alert_texts(browser)


@pytest.mark.parametrize("expected", [
    "Problem Leeds Jobcentre: leeds-1 has sent no heartbeat for 10 minutes.",
    "Problem York Jobcentre: york-1: card reader missing.",
    "Warning York Jobcentre: york-1 has not had new vacancies for 48 hours.",
    "Warning York Jobcentre: york-1 had an error (OSError) 30 minutes ago.",
    "Warning York Jobcentre: york-2 went back from app version 0.2.0 to 0.1.0 2 hours ago.",
    "Warning York Jobcentre: york-3 has enrolled but never sent a heartbeat.",
])
def test_alerts_list_offline_kiosks_device_problems_stale_cache_crashes_and_rollbacks(browser, fleet, expected):
    open_dashboard(browser, fleet)
    assert expected in alert_texts(browser)


def test_problems_are_listed_before_warnings(browser, fleet):
    open_dashboard(browser, fleet)
    words = [text.split(" ")[0] for text in alert_texts(browser)]
    assert words == sorted(words, key=lambda word: word != "Problem") and words.count("Problem") == 3


# --- usage


def _usage_marks(driver, office_heading: str) -> dict[str, str]:
    section = driver.find_element(By.XPATH, f"//section[@class='office-usage'][h3='{office_heading}']")
    return {mark.get_attribute("data-day"): mark.get_attribute("data-n")
            for mark in section.find_elements(By.CSS_SELECTOR, "svg rect")}


def test_usage_chart_hides_days_below_10_and_rounds_the_rest_to_5(browser, fleet):
    open_dashboard(browser, fleet)
    marks = _usage_marks(browser, "Leeds Jobcentre")
    assert len(marks) == 28 and {day: marks[day] for day in PUBLISHED} == PUBLISHED
    section = browser.find_element(By.XPATH, "//section[@class='office-usage'][h3='Leeds Jobcentre']")
    heights = {rect.get_attribute("data-day"): rect.rect["height"]
               for rect in section.find_elements(By.CSS_SELECTOR, "rect.bar")}
    assert heights["2026-11-20"] > heights["2026-11-22"] > heights["2026-11-18"] > 0  # 35 > 15 > 10
    assert "2026-11-21" not in heights  # hidden days draw no bar, only a hollow mark


def test_usage_never_shows_a_raw_count(browser, fleet):
    open_dashboard(browser, fleet)
    usage = browser.find_element(By.XPATH, "//section[h2='Usage']")
    for details in usage.find_elements(By.TAG_NAME, "summary"):
        details.click()  # open every table, so their text is visible
    # Every figure in the tables (visible text) and in the bars' tooltips, read in one go.
    figures = browser.execute_script(
        "const u = arguments[0]; return [...u.querySelectorAll('table.figures td')].map(td => td.innerText)"
        ".concat([...u.querySelectorAll('rect title')].map(t => t.textContent.split(': ')[1]))", usage)
    assert len(figures) == 2 * 2 * 28
    assert all(text == "fewer than 10" or (int(text) >= 10 and int(text) % 5 == 0) for text in figures), figures
    rows = usage.find_elements(By.XPATH, ".//table[caption='Sessions started per day at Leeds Jobcentre']/tbody/tr")
    cells = {row.find_element(By.TAG_NAME, "th").text: row.find_element(By.TAG_NAME, "td").text for row in rows}
    assert cells["21 Nov 2026"] == "fewer than 10" and cells["20 Nov 2026"] == "35"


def test_usage_form_changes_the_event_and_period(browser, fleet):
    open_dashboard(browser, fleet)
    from selenium.webdriver.support.select import Select
    Select(browser.find_element(By.ID, "event")).select_by_visible_text("Job searches")
    Select(browser.find_element(By.ID, "days")).select_by_visible_text("the last 7 days")
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Show usage']"))
    marks = _usage_marks(browser, "Leeds Jobcentre")
    assert len(marks) == 7 and set(marks.values()) == {"hidden"}  # no searches were counted
    assert browser.find_element(By.CSS_SELECTOR, "figcaption").text.startswith(
        "Job searches per day at Leeds Jobcentre, 16 Nov 2026 to 22 Nov 2026. Every day had fewer than 10")


# --- safety


@pytest.fixture
def hostile(tmp_path, fleet):
    """A second service whose only kiosk sends markup in every text it can."""
    storage = open_storage(f"sqlite:///{tmp_path / 'central.db'}")
    server = Server(storage, _settings(), MovableClock(START))
    add_office(storage, "leeds", "Leeds <b>Jobcentre</b>")
    kiosk = _enrol(server, "leeds", "leeds-9")
    # Enrolment refuses such a name, so put it straight into the database: the page must be safe even if one
    # ever got there (an old database, a future change to the rules).
    with storage.write() as conn:
        conn.execute(update(kiosks).where(kiosks.c.kiosk_id == kiosk["kiosk_id"]).values(name=HOSTILE_NAME))
    _beat(server, kiosk, app_version="<img src=x onerror=alert(2)>", last_crash_at="2026-11-22T09:50:00Z",
          last_crash_kind="<i>x</i>", devices=[
              {"device": "printer", "provider": "cups", "health": "<b>jammed</b>",
               "detail": "<script>alert(3)</script>"}])
    add_user(storage, USER, PASSWORD, server.clock())
    yield server
    server.stop()
    storage.close()


def test_markup_from_a_kiosk_is_shown_as_text_and_never_run(browser, hostile):
    open_dashboard(browser, hostile)
    with pytest.raises(NoAlertPresentException):
        _ = browser.switch_to.alert.text  # reading an alert that is not there raises
    row = kiosk_row(browser, HOSTILE_NAME)
    assert row["App version"].startswith("<img src=x onerror=alert(2)>")
    assert row["Devices"] == "Problem Printer <b>jammed</b>\n<script>alert(3)</script>"
    assert f"{HOSTILE_NAME} had an error (<i>x</i>) 10 minutes ago." in "\n".join(alert_texts(browser))
    assert browser.find_element(By.CSS_SELECTOR, "section.office h3").text == "Leeds <b>Jobcentre</b>"
    # Nothing the kiosk sent became an element: no image, bold or italic at all, and the only script is the
    # service's own help requests script (docs/adr/021).
    assert browser.execute_script(
        "return document.querySelectorAll('img, b, i, iframe, [onerror]').length") == 0
    assert browser.execute_script("return [...document.scripts].map(s => s.getAttribute('src'))") == [
        "/dashboard-help.js"]


def test_page_loads_nothing_from_anywhere_else(browser, fleet):
    open_dashboard(browser, fleet)
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources == [fleet.url + "/dashboard.css", fleet.url + "/dashboard-help.js"]
    assert browser.execute_script("return [...document.scripts].map(s => s.src)") == [
        fleet.url + "/dashboard-help.js"]
    # The stylesheet really applied: the banner is GOV.UK black.
    assert browser.find_element(By.CSS_SELECTOR, ".banner").value_of_css_property("background-color") in (
        "rgba(11, 12, 12, 1)", "rgb(11, 12, 12)")


def test_page_reloads_every_minute_unless_the_user_stops_it(browser, fleet):
    sign_in(browser, fleet)
    refresh = browser.find_elements(By.CSS_SELECTOR, "meta[http-equiv=refresh]")
    assert [meta.get_attribute("content") for meta in refresh] == ["60"]
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Stop automatic updates"))
    assert browser.current_url == fleet.url + "/dashboard?refresh=off"
    assert browser.find_elements(By.CSS_SELECTOR, "meta[http-equiv=refresh]") == []
    assert browser.find_element(By.LINK_TEXT, "Turn automatic updates on")


# --- accessibility


def test_headings_go_down_one_level_at_a_time_and_tables_have_scoped_headers(browser, fleet):
    open_dashboard(browser, fleet)
    levels = [int(h.tag_name[1]) for h in browser.find_elements(By.CSS_SELECTOR, "h1, h2, h3, h4, h5, h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels))
    scopes = browser.execute_script(
        "return [...document.querySelectorAll('th')].map(th => "
        "(th.closest('thead') ? 'col' : 'row') + '=' + th.getAttribute('scope'))")
    assert scopes and all(pair in ("col=col", "row=row") for pair in scopes)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"


# Walks every element with its own visible text and compares its colour with the background behind it
# (the nearest ancestor with a background colour), as WCAG 2 defines contrast.
_CONTRAST = """
const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => {
  v = v / 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const opaque = c => !/rgba\\(.*, 0\\)$/.test(c) && c !== 'transparent';
const failures = []; let checked = 0;
for (const el of document.querySelectorAll('body *')) {
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own || !el.getClientRects().length) continue;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden') continue;
  const inSvg = el instanceof SVGElement;
  const fg = inSvg ? style.fill : style.color;
  let bg = 'rgb(255, 255, 255)';
  for (let p = inSvg ? el.closest('svg').parentElement : el; p; p = p.parentElement) {
    const c = getComputedStyle(p).backgroundColor; if (opaque(c)) { bg = c; break; } }
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  const ratio = (a + 0.05) / (b + 0.05); checked++;
  if (ratio < 4.5) failures.push(el.tagName + ' "' + el.textContent.trim().slice(0, 30) + '" ' + fg + ' on ' + bg
                                  + ' = ' + ratio.toFixed(2));
}
return [checked, failures];
"""


@pytest.mark.parametrize("path, texts", [("/dashboard", 200), ("/login", 5)])
def test_every_text_has_contrast_of_at_least_4_5_to_1(browser, fleet, path, texts):
    sign_in(browser, fleet)
    browser.get(fleet.url + path)
    for summary in browser.find_elements(By.TAG_NAME, "summary"):
        summary.click()
    checked, failures = browser.execute_script(_CONTRAST)
    assert checked >= texts and failures == []


def test_page_fits_the_width_at_200_percent_zoom(browser, fleet):
    sign_in(browser, fleet)
    try:
        # 200 % zoom of a 1280-pixel-wide window leaves a 640 CSS-pixel viewport: the same layout.
        browser.set_window_size(640, 1000)
        browser.get(fleet.url + "/dashboard?refresh=off")
        width = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1] <= 640
        # Each kiosk is stacked, every cell labelled with its column's name...
        labels = browser.execute_script("return Array.from(document.querySelectorAll('table.kiosks tbody tr')[1]"
                                        ".querySelectorAll('td'), td => getComputedStyle(td, '::before').content)")
        assert labels == ['"Status"', '"App version"', '"Last sync"', '"Vacancy cache"', '"Devices"']
        assert kiosk_row(browser, "leeds-2")["Devices"].startswith("Problem Printer out of paper")
        # ...and a screen reader still gets tables with row and column headers (Chrome's accessibility tree).
        roles = [node.get("role", {}).get("value")
                 for node in browser.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]]
        # The app versions table (3 versions), the offices table (2 offices) and the two offices' kiosk tables.
        assert (roles.count("table"), roles.count("rowheader"), roles.count("columnheader")) == (4, 11, 20)
    finally:
        browser.set_window_size(1280, 1000)


def test_screenshot(browser, fleet, tmp_path):
    sign_in(browser, fleet)
    browser.get(fleet.url + "/dashboard?refresh=off")
    size = browser.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    width, height = int(size["width"]), int(size["height"])
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    png = base64.b64decode(shot["data"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1280, height) and height > 1000
    keep = os.environ.get("JOBPOINT_DASHBOARD_SCREENSHOT")
    (Path(keep) if keep else tmp_path / "dashboard.png").write_bytes(png)

"""Small builders shared by the central service tests."""

from __future__ import annotations

import datetime as dt
import re

import requests
from requests.adapters import HTTPAdapter

from kiosk.jobs.vacancies import check_vacancy
from sync.central.enrolment import enrol, make_token
from sync.central.offices import check_office_config, set_office

NOW = dt.datetime(2026, 11, 22, 10, 0, 0)


def vacancy(ident: str, title: str = "Cleaner", closes: str = "2026-12-31", **changes) -> dict:
    """A checked vacancy in the kiosk's shape."""
    raw = {"id": ident, "version": 1, "title": title, "employer": "Acme Cleaning", "description": "Clean offices.",
           "town": "Leeds", "postcode_district": "LS1", "easting": 430000, "northing": 433000, "salary_min": 12.71,
           "salary_max": 13.5, "salary_period": "hour", "working_pattern": "part_time", "hours_per_week": 20,
           "contract": "permanent", "workplace": "on_site", "posted": "2026-11-01", "closes": closes,
           "disability_confident": True, "apply_url": "https://example.org/1", "apply_phone": None,
           "apply_email": None, "occupation_code": "9233", **changes}
    return check_vacancy(raw)


def add_office(storage, office_id: str = "leeds", name: str = "Leeds Jobcentre", now=NOW, **lha) -> int:
    """Set up an office with optional LHA figures."""
    _name, config = check_office_config({"name": name, "lha": lha, "local_help": [
        {"name": "Leeds Citizens Advice", "phone": "0113 000 0000", "url": "https://example.org/ca"}]})
    return set_office(storage, office_id, name, config, now)


def add_kiosk(storage, office_id: str = "leeds", name: str = "leeds-1", now=NOW):
    """An office (if missing) and an enrolled kiosk in it; returns the ``Enrolled``."""
    add_office(storage, office_id, now=now)
    return enrol(storage, make_token(storage, office_id, 3600, now), name, now)


PASSWORD = "correct horse battery"


class _FromAddress(HTTPAdapter):
    """Connect from a chosen loopback address (127.0.0.2 ...), so the service sees a different client."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def client(address: str = "127.0.0.1") -> requests.Session:
    """A requests session whose connections come from ``address`` (any 127.x.y.z works on Linux loopback)."""
    session = requests.Session()
    session.mount("http://", _FromAddress(address))
    return session


def signin_form(url: str, http: requests.Session | None = None) -> tuple[str, str]:
    """Open the sign-in form as a browser would: its cookie's value and the token in its hidden field.

    Cookies are carried by hand throughout: with an https ``public_url`` they are Secure, and the tests talk plain
    http on loopback.
    """
    reply = (http or requests).get(f"{url}/login", timeout=30)
    assert reply.status_code == 200
    return reply.cookies["jobpoint_signin"], re.search(r'name="csrf" value="([^"]+)"', reply.text).group(1)


def sign_in(url: str, name: str = "alex", password: str = PASSWORD, http: requests.Session | None = None,
            headers: dict | None = None) -> requests.Response:
    """Post the sign-in form as a browser would (its own cookie and token); the reply, redirects not followed."""
    nonce, token = signin_form(url, http)
    return (http or requests).post(f"{url}/login", data={"name": name, "password": password, "csrf": token},
                                   cookies={"jobpoint_signin": nonce}, headers=headers or {},
                                   allow_redirects=False, timeout=30)


def signed_in(url: str, name: str = "alex", password: str = PASSWORD) -> requests.Session:
    """A requests session carrying a fresh dashboard session cookie."""
    reply = sign_in(url, name, password)
    assert reply.status_code == 303 and reply.headers["Location"] == "/dashboard", reply.text
    session = requests.Session()
    session.cookies.set("jobpoint_session", reply.cookies["jobpoint_session"])
    return session

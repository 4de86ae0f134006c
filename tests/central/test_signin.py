"""Signing in to the dashboard as OWASP ASVS 4.0.3 level 2 asks, over real HTTP to the real app under uvicorn:
anti-forgery tokens on sign-in and sign-out, sessions that sign-out and a new password end, growing waits instead
of a lock, and no third-party scripts."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
import requests

from sync.central.login_throttle import ADDRESS_FREE, NAME_CAP_S, NAME_FREE, attempt_succeeded, begin_attempt
from sync.central.passwords import add_user
from sync.central.sessions import end_session, find_session, start_session
from tests.central.conftest import START
from tests.central.helpers import PASSWORD, client, sign_in, signed_in, signin_form

EVIL = "https://evil.example"


@pytest.fixture
def alex(server):
    add_user(server.storage, "alex", PASSWORD, server.clock())
    return server


def works(server, cookie: str) -> bool:
    """Whether a session cookie still opens the dashboard (JSON: 200, or 401 login_required)."""
    reply = requests.get(f"{server.url}/dashboard", cookies={"jobpoint_session": cookie}, timeout=30)
    assert reply.status_code in (200, 401)
    return reply.status_code == 200


def session_cookie(reply: requests.Response) -> str:
    assert reply.status_code == 303, reply.text
    return reply.cookies["jobpoint_session"]


# --- anti-forgery tokens


@pytest.mark.parametrize("how", ["no token", "another browser's token", "no cookie", "Origin of another site",
                                 "Sec-Fetch-Site cross-site", "opaque Origin"])
def test_a_cross_site_sign_in_is_refused(alex, how):
    nonce, token = signin_form(alex.url)
    _other_nonce, other_token = signin_form(alex.url)
    data, cookies, headers = {"name": "alex", "password": PASSWORD, "csrf": token}, {"jobpoint_signin": nonce}, {}
    if how == "no token":
        del data["csrf"]
    elif how == "another browser's token":
        data["csrf"] = other_token
    elif how == "no cookie":
        cookies = {}
    elif how == "Origin of another site":
        headers = {"Origin": EVIL}
    elif how == "Sec-Fetch-Site cross-site":
        headers = {"Sec-Fetch-Site": "cross-site"}
    else:
        headers = {"Origin": "null"}
    reply = requests.post(f"{alex.url}/login", data=data, cookies=cookies, headers=headers, allow_redirects=False,
                          timeout=30)
    assert reply.status_code == 403 and "another site" in reply.text
    assert "jobpoint_session" not in reply.cookies
    # The form it answers with works, from this site.
    assert session_cookie(sign_in(alex.url, headers={"Origin": "https://kiosks.example.gov.uk",
                                                     "Sec-Fetch-Site": "same-origin"}))


def test_the_sign_in_form_carries_a_token_bound_to_its_own_cookie(alex):
    first = requests.get(f"{alex.url}/login", timeout=30)
    again = requests.get(f"{alex.url}/login", cookies={"jobpoint_signin": first.cookies["jobpoint_signin"]},
                         timeout=30)
    token = re.search(r'name="csrf" value="([^"]+)"', first.text).group(1)
    assert token in again.text and "jobpoint_signin" not in again.cookies, "same cookie, same token"
    cookie = first.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" in cookie


@pytest.mark.parametrize("how", ["no token", "a wrong token", "Origin of another site"])
def test_a_cross_site_sign_out_is_refused_and_the_session_goes_on(alex, how):
    cookie = session_cookie(sign_in(alex.url))
    page = requests.get(f"{alex.url}/dashboard", cookies={"jobpoint_session": cookie},
                        headers={"Accept": "text/html"}, timeout=30)
    token = re.search(r'action="/logout".*?name="csrf" value="([^"]+)"', page.text).group(1)
    data, headers = {"csrf": token}, {}
    if how == "no token":
        data = {}
    elif how == "a wrong token":
        data = {"csrf": token[:-1] + ("A" if token[-1] != "A" else "B")}
    else:
        headers = {"Origin": EVIL}
    reply = requests.post(f"{alex.url}/logout", data=data, cookies={"jobpoint_session": cookie}, headers=headers,
                          allow_redirects=False, timeout=30)
    assert reply.status_code == 403 and "Not signed out" in reply.text
    assert works(alex, cookie)


# --- sessions kept on the server


def test_signing_out_ends_the_session_for_good(alex):
    cookie = session_cookie(sign_in(alex.url))
    page = requests.get(f"{alex.url}/dashboard", cookies={"jobpoint_session": cookie},
                        headers={"Accept": "text/html"}, timeout=30)
    token = re.search(r'action="/logout".*?name="csrf" value="([^"]+)"', page.text).group(1)
    reply = requests.post(f"{alex.url}/logout", data={"csrf": token}, cookies={"jobpoint_session": cookie},
                          allow_redirects=False, timeout=30)
    assert reply.status_code == 303 and reply.headers["Location"] == "/login"
    assert not works(alex, cookie), "a copy of the cookie kept from before the sign-out is refused"


def test_a_new_password_ends_every_session_of_that_user_only(alex):
    add_user(alex.storage, "sam", "another long pass phrase", alex.clock())
    laptop, desktop = session_cookie(sign_in(alex.url)), session_cookie(sign_in(alex.url))
    sams = session_cookie(sign_in(alex.url, "sam", "another long pass phrase"))
    add_user(alex.storage, "alex", "a brand new pass phrase", alex.clock())
    assert not works(alex, laptop) and not works(alex, desktop)
    assert works(alex, sams)
    assert sign_in(alex.url).status_code == 401
    assert works(alex, session_cookie(sign_in(alex.url, password="a brand new pass phrase")))


def test_each_sign_in_gets_a_new_session_and_ends_the_one_the_browser_had(alex):
    before = session_cookie(sign_in(alex.url))
    nonce, token = signin_form(alex.url)
    reply = requests.post(f"{alex.url}/login", data={"name": "alex", "password": PASSWORD, "csrf": token},
                          cookies={"jobpoint_signin": nonce, "jobpoint_session": before}, allow_redirects=False,
                          timeout=30)
    after = session_cookie(reply)
    assert after != before and works(alex, after) and not works(alex, before)


def test_a_session_ends_after_session_hours(alex):
    cookie = session_cookie(sign_in(alex.url))
    alex.clock.advance(hours=alex.settings.session_hours, seconds=-1)
    assert works(alex, cookie)
    alex.clock.advance(seconds=1)
    assert not works(alex, cookie)


# --- growing waits, never a lock


def retry_after(reply: requests.Response) -> int:
    assert reply.status_code == 429 and "Wait" in reply.text, reply.text
    return int(reply.headers["Retry-After"])


@pytest.mark.thorough
def test_the_owner_still_signs_in_after_someone_else_tried_to_lock_them_out(alex):
    attacker, owner = client("127.0.0.1"), client("127.0.0.2")
    wrong = 0
    while wrong < 3 * NAME_FREE:  # wait out each delay, as a patient attacker would
        reply = sign_in(alex.url, password=f"guess number {wrong:04}", http=attacker)
        if reply.status_code == 401:
            wrong += 1
        else:
            alex.clock.advance(seconds=retry_after(reply))
    for n in range(20):  # hammering during the wait is refused unchecked, and does not make it longer
        assert retry_after(sign_in(alex.url, password=f"hammer {n:04}", http=attacker)) <= NAME_CAP_S
    wait = retry_after(sign_in(alex.url, http=owner))
    assert wait <= NAME_CAP_S, "at most a minute for the owner, however many guesses others made"
    alex.clock.advance(seconds=wait)
    assert works(alex, session_cookie(sign_in(alex.url, http=owner)))


@pytest.mark.thorough
def test_one_password_tried_across_many_names_is_slowed_by_address(alex):
    guesser, colleague = client("127.0.0.1"), client("127.0.0.3")
    answers = [sign_in(alex.url, f"user{n:02}", PASSWORD, http=guesser).status_code for n in range(40)]
    assert answers == [401] * ADDRESS_FREE + [429] * (40 - ADDRESS_FREE)
    assert session_cookie(sign_in(alex.url, http=colleague)), "another address is not held up"
    # An hour of guessing, each wait waited out: how many passwords were checked at all?
    checked, elapsed, n = ADDRESS_FREE, 0, 40
    while elapsed < 3600:
        reply = sign_in(alex.url, f"user{n:02}", PASSWORD, http=guesser)
        n += 1
        if reply.status_code == 401:
            checked += 1
        else:
            wait = retry_after(reply)
            alex.clock.advance(seconds=wait)
            elapsed += wait
    print(f"\none address, one password, many names: {checked} passwords checked in an hour")
    assert checked <= 30


def test_parallel_guesses_cannot_slip_in_under_the_count(alex):
    answers: list[int] = []

    def guess(n: int) -> None:
        answers.append(sign_in(alex.url, password=f"parallel guess {n:04}").status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(set(answers)) == [401, 429] and answers.count(401) == NAME_FREE


# --- API docs


def test_api_docs_are_off_by_default_and_no_page_loads_a_script_from_elsewhere(alex):
    assert [alex.get(path).status_code for path in ("/docs", "/redoc")] == [404, 404]
    assert alex.get("/openapi.json").status_code == 200
    assert "<script" not in alex.get("/login").text.lower()
    dashboard = signed_in(alex.url).get(f"{alex.url}/dashboard", timeout=30, headers={"Accept": "text/html"}).text
    # Only the service's own help requests script (docs/adr/021), never an inline one or one from elsewhere.
    assert re.findall(r"<script[^>]*>(.*?)</script>", dashboard, flags=re.S | re.I) == [""]
    assert re.findall(r"<script[^>]*>", dashboard, flags=re.I) == ['<script src="/dashboard-help.js">']


def test_api_docs_can_be_turned_on(make_server, sqlite_storage):
    server = make_server(sqlite_storage, api_docs=True)
    assert [server.get(path).status_code for path in ("/docs", "/redoc")] == [200, 200]


# --- the same rules on each database (PostgreSQL too), without HTTP


def test_waits_grow_per_name_and_a_success_starts_the_name_afresh(storage):
    now, answers = START, []
    for n in range(12):  # each from another address, so only the name's count matters
        answers.append(begin_attempt(storage, "alex", f"198.51.100.{n}", now))
        now += dt.timedelta(seconds=answers[-1])  # wait it out: the next try is checked (and counted) again
    assert answers == [0, 0, 0, 0, 0, 1, 0, 2, 0, 4, 0, 8]
    now += dt.timedelta(seconds=8)
    assert begin_attempt(storage, "alex", "198.51.100.99", now) == 0
    attempt_succeeded(storage, "alex", "198.51.100.99", now)
    assert begin_attempt(storage, "alex", "198.51.100.100", now) == 0, "the owner's sign-in cleared the name's waits"


def test_sessions_end_on_each_database(storage):
    add_user(storage, "alex", PASSWORD, START)
    first, second = (start_session(storage, "alex", START, hours=8) for _ in range(2))
    assert find_session(storage, first, START).user == "alex"
    end_session(storage, first)
    assert find_session(storage, first, START) is None and find_session(storage, second, START) is not None
    add_user(storage, "alex", "a brand new pass phrase", START)
    assert find_session(storage, second, START) is None


def test_a_user_keeps_at_most_max_sessions_and_the_newest_always_works(storage):
    from sync.central.sessions import MAX_SESSIONS
    tokens = [start_session(storage, "alex", START, hours=8) for _ in range(MAX_SESSIONS + 5)]  # all in one instant
    alive = [token for token in tokens if find_session(storage, token, START) is not None]
    assert len(alive) == MAX_SESSIONS and tokens[-1] in alive

"""The dashboard's "Help near you" page over real HTTP: a signed-in member of office IT sees an office's list, adds
an entry with the form (checked as the CLI and office files are; refused with the reason and the form kept) and
removes one; every form needs the session's token and this site; what the office wrote is escaped; the kiosk gets
the new list with a new config version."""

from __future__ import annotations

import re

from tests.central.helpers import add_office
from tests.central.test_help_requests import csrf_of
from tests.central.test_http import logged_in

PAGE = "/dashboard/offices/leeds/local-help"


def page(server, staff):
    return staff.get(server.url + PAGE, headers={"Accept": "text/html"}, timeout=30)


def config_of(server) -> dict:
    from sync.central.offices import office_config
    return office_config(server.storage, "leeds")


def test_the_dashboard_links_each_office_to_its_list_which_needs_a_login(server):
    add_office(server.storage)
    staff = logged_in(server)
    dashboard = staff.get(server.url + "/dashboard", headers={"Accept": "text/html"}, timeout=30).text
    assert f'href="{PAGE}"' in dashboard
    shown = page(server, staff)
    assert shown.status_code == 200 and "Help near you: Leeds Jobcentre" in shown.text
    assert "Leeds Citizens Advice" in shown.text and "Content-Security-Policy" in shown.headers
    assert server.get(PAGE, allow_redirects=False).status_code in (303, 401)
    assert staff.get(server.url + "/dashboard/offices/york/local-help", timeout=30).status_code == 404


def test_an_entry_added_with_the_form_reaches_the_kiosks_config(server):
    add_office(server.storage)
    staff = logged_in(server)
    version = config_of(server)["config_version"]
    token = csrf_of(server, staff)
    added = staff.post(server.url + PAGE, data={
        "csrf": token, "name": "Leeds Food Bank <b>", "category": "food", "phone": "0113 496 0200",
        "about_en": "Emergency food.", "about_cy": "Bwyd brys.", "opening_en": "Monday, 11am to 2pm",
        "opening_cy": "Dydd Llun, 11yb i 2yp"}, allow_redirects=False, timeout=30)
    assert added.status_code == 303 and added.headers["Location"] == PAGE + "?done=added"
    config = config_of(server)
    assert int(config["config_version"]) == int(version) + 1
    assert config["local_help"][-1] == {"name": "Leeds Food Bank <b>", "phone": "0113 496 0200", "url": "",
                                        "about_en": "Emergency food.", "about_cy": "Bwyd brys.", "category": "food",
                                        "opening_en": "Monday, 11am to 2pm", "opening_cy": "Dydd Llun, 11yb i 2yp"}
    shown = staff.get(server.url + added.headers["Location"], timeout=30).text
    assert "The organisation was added." in shown
    assert "Leeds Food Bank &lt;b&gt;" in shown and "Leeds Food Bank <b>" not in shown, "escaped, never markup"


def test_a_refused_entry_says_why_keeps_what_was_typed_and_changes_nothing(server):
    add_office(server.storage)
    staff = logged_in(server)
    before = config_of(server)
    refused = staff.post(server.url + PAGE, data={"csrf": csrf_of(server, staff), "name": "Shelter",
                                                  "url": "england.shelter.org.uk", "about_cy": "Cyngor ar dai"},
                         allow_redirects=False, timeout=30)
    assert refused.status_code == 422
    assert "There is a problem" in refused.text and "Entry 2: the url must start https://" in refused.text
    assert 'value="england.shelter.org.uk"' in refused.text and ">Cyngor ar dai</textarea>" in refused.text
    assert config_of(server) == before


def test_removing_by_the_button_takes_that_entry_off(server):
    add_office(server.storage)
    staff = logged_in(server)
    shown = page(server, staff).text
    token = re.search(r'name="csrf" value="([^"]+)"', shown).group(1)
    assert 'name="number" value="1"' in shown
    removed = staff.post(server.url + PAGE + "/remove", data={"csrf": token, "number": "1"}, allow_redirects=False,
                         timeout=30)
    assert removed.status_code == 303 and config_of(server)["local_help"] == []
    assert "The list is empty" in staff.get(server.url + removed.headers["Location"], timeout=30).text
    again = staff.post(server.url + PAGE + "/remove", data={"csrf": token, "number": "1"}, timeout=30)
    assert again.status_code == 422 and "There is no entry number 1" in again.text


def test_every_form_needs_the_sessions_token_and_this_site(server):
    add_office(server.storage)
    staff = logged_in(server)
    before = config_of(server)
    forged = staff.post(server.url + PAGE, data={"csrf": "forged", "name": "Bank"}, allow_redirects=False, timeout=30)
    assert forged.status_code == 403
    token = csrf_of(server, staff)
    elsewhere = staff.post(server.url + PAGE + "/remove", data={"csrf": token, "number": "1"},
                           headers={"Origin": "https://evil.example"}, allow_redirects=False, timeout=30)
    assert elsewhere.status_code == 403
    too_long = staff.post(server.url + PAGE, data={"csrf": token, "name": "x" * 5000}, allow_redirects=False,
                          timeout=30)
    assert too_long.status_code == 422
    assert config_of(server) == before


def test_a_full_list_says_to_remove_one_first(server):
    from sync.central.local_help_edit import replace_local_help
    from sync.central.offices import MAX_LOCAL_HELP
    add_office(server.storage)
    replace_local_help(server.storage, "leeds", [{"name": f"Help {n}"} for n in range(MAX_LOCAL_HELP)],
                       server.clock())
    staff = logged_in(server)
    refused = staff.post(server.url + PAGE, data={"csrf": csrf_of(server, staff), "name": "One more"}, timeout=30)
    assert refused.status_code == 422 and "holds the most it can (30 organisations): remove one first" in refused.text
    assert len(config_of(server)["local_help"]) == MAX_LOCAL_HELP

"""``kiosk-central local-help``: office IT lists, adds, removes and imports an office's "Help near you" entries,
each change checked as an office file is, size-bounded, with plain messages and no traceback; the kiosk's copy
of the office's config follows."""

from __future__ import annotations

import tomllib

import pytest

from kiosk.local_help import DEMO_OFFICE
from sync.central.cli import main
from sync.central.offices import MAX_LOCAL_HELP, check_office_config, office_config
from sync.central.storage import open_storage
from sync.office import check_office_config as kiosk_check


@pytest.fixture
def central(tmp_path, monkeypatch, capsys):
    """Run ``kiosk-central`` in this process: ``central("local-help", "list", "leeds")`` -> (status, out, err)."""
    database = f"sqlite:///{tmp_path / 'c.db'}"
    monkeypatch.setenv("JOBPOINT_CENTRAL_DATABASE_URL", database)
    monkeypatch.delenv("JOBPOINT_CENTRAL_CONFIG", raising=False)

    def run(*args):
        try:
            status = main(list(args))
        except SystemExit as stop:  # argparse refuses bad arguments this way
            status = stop.code
        out, err = capsys.readouterr()
        return status, out, err

    run.database = database
    return run


@pytest.fixture
def leeds(central, tmp_path):
    path = tmp_path / "leeds.toml"
    path.write_text('name = "Leeds Jobcentre"\n[[local_help]]\nname = "Leeds Citizens Advice"\n'
                    'phone = "0800 144 8848"\ncategory = "money"\n', encoding="utf-8")
    assert central("office-set", "leeds", "--config", str(path))[0] == 0
    return central


def stored(central, office="leeds") -> dict:
    storage = open_storage(central.database)
    try:
        return office_config(storage, office)
    finally:
        storage.close()


def test_an_entry_added_from_the_command_line_reaches_the_kiosk_with_a_new_version(leeds):
    status, out, err = leeds("local-help", "add", "leeds", "--name", "Leeds Food Bank", "--category", "food",
                             "--phone", "0113 496 0200", "--about-en", "Emergency food.", "--about-cy", "Bwyd brys.",
                             "--opening-en", "Monday, 11am to 2pm", "--opening-cy", "Dydd Llun, 11yb i 2yp")
    assert (status, err) == (0, "") and "config version 2" in out
    config = stored(leeds)
    assert config["local_help"][-1] == {"name": "Leeds Food Bank", "phone": "0113 496 0200", "url": "",
                                        "about_en": "Emergency food.", "about_cy": "Bwyd brys.", "category": "food",
                                        "opening_en": "Monday, 11am to 2pm", "opening_cy": "Dydd Llun, 11yb i 2yp"}
    # What the kiosk fetches passes the kiosk's own checks, with the new fields kept.
    assert kiosk_check(config).local_help[-1]["opening_cy"] == "Dydd Llun, 11yb i 2yp"
    status, out, _err = leeds("local-help", "list", "leeds")
    assert out.splitlines()[1:] == ["1. Leeds Citizens Advice [money] 0800 144 8848",
                                    "2. Leeds Food Bank [food] 0113 496 0200"]


def test_removing_by_the_number_list_shows(leeds):
    leeds("local-help", "add", "leeds", "--name", "Leeds Food Bank")
    status, out, _err = leeds("local-help", "remove", "leeds", "1")
    assert status == 0 and "Removed Leeds Citizens Advice." in out
    assert [entry["name"] for entry in stored(leeds)["local_help"]] == ["Leeds Food Bank"]


@pytest.mark.parametrize("args, status, words", [
    (("add", "leeds", "--name", "Bank", "--url", "www.example.org"), 1, "url must start https://"),
    (("add", "leeds", "--name", "Bank", "--opening-en", "x" * 301), 1, "opening_en is longer than 300"),
    (("add", "leeds", "--name", "Bank", "--phone", "0" * 41), 1, "phone must be text of at most 40"),
    (("add", "leeds", "--name", " "), 1, "name is missing"),
    (("add", "leeds"), 2, "needs --name"),
    (("add", "leeds", "--name", "Bank", "--category", "pets"), 2, "invalid choice: 'pets'"),
    (("remove", "leeds", "7"), 1, "there is no entry number 7: the list has 1"),
    (("remove", "leeds", "first"), 2, "needs the entry's number"),
    (("list", "york"), 1, "there is no office called york; add it first"),
    (("add", "york", "--name", "Bank"), 1, "there is no office called york"),
])
def test_a_refused_change_says_why_in_plain_words_and_changes_nothing(leeds, args, status, words):
    before = stored(leeds)
    done, out, err = leeds("local-help", *args)
    assert done == status and words in err and "Traceback" not in err and out == ""
    assert stored(leeds) == before


def test_importing_a_file_replaces_the_list_or_adds_to_it(leeds, tmp_path):
    path = tmp_path / "help.toml"
    path.write_text('[[local_help]]\nname = "Shelter"\nphone = "0808 800 4444"\ncategory = "housing"\n',
                    encoding="utf-8")
    assert leeds("local-help", "import", "leeds", str(path), "--append")[0] == 0
    assert [entry["name"] for entry in stored(leeds)["local_help"]] == ["Leeds Citizens Advice", "Shelter"]
    status, out, _err = leeds("local-help", "import", "leeds", str(path))
    assert status == 0 and "1 entry now make the list" in out
    assert [entry["name"] for entry in stored(leeds)["local_help"]] == ["Shelter"]


def test_the_demo_office_file_imports_whole(leeds):
    status, out, _err = leeds("local-help", "import", "leeds", str(DEMO_OFFICE))
    demo = tomllib.loads(DEMO_OFFICE.read_text(encoding="utf-8"))["local_help"]
    assert status == 0 and f"{len(demo)} entries now make the list" in out
    assert [entry["name"] for entry in stored(leeds)["local_help"]] == [entry["name"] for entry in demo]


@pytest.mark.parametrize("text, status, words", [
    ("", 1, "the file has no [[local_help]] entries"),
    ("[[local_help]\n", 2, "is not valid TOML"),
    ("".join(f'[[local_help]]\nname = "Help {n}"\n' for n in range(MAX_LOCAL_HELP + 1)), 1,
     f"local_help must be up to {MAX_LOCAL_HELP}"),
    ("# " + "x" * 300_000, 1, "larger than 256 KB"),
    ('[[local_help]]\nname = "A"\nemail = "a@example.org"\n', 1, "local_help entry 1 may only have"),
])
def test_a_file_that_cannot_be_imported_is_refused_whole(leeds, tmp_path, text, status, words):
    path = tmp_path / "help.toml"
    path.write_text(text, encoding="utf-8")
    before = stored(leeds)
    done, _out, err = leeds("local-help", "import", "leeds", str(path))
    assert done == status and words in err and "Traceback" not in err
    assert stored(leeds) == before
    assert leeds("local-help", "import", "leeds", str(tmp_path / "missing.toml"))[0] == 2


def test_a_full_list_takes_no_more(leeds):
    for number in range(MAX_LOCAL_HELP - 1):
        assert leeds("local-help", "add", "leeds", "--name", f"Help {number}")[0] == 0
    status, _out, err = leeds("local-help", "add", "leeds", "--name", "One too many")
    assert status == 1 and f"up to {MAX_LOCAL_HELP}" in err
    assert len(stored(leeds)["local_help"]) == MAX_LOCAL_HELP


def test_the_demo_office_passes_the_central_services_checks():
    name, config = check_office_config(tomllib.loads(DEMO_OFFICE.read_text(encoding="utf-8")))
    assert "demo" in name.lower() and len(config["local_help"]) <= MAX_LOCAL_HELP

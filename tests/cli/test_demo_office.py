"""``kiosk demo-data`` (so ``make run``) gives a kiosk with no office config the demo office's "Help near you", and
never replaces an office's own config."""

from __future__ import annotations

import argparse

from kiosk.cli.jobs import demo_data
from kiosk.local_help import demo_local_help
from sync.office import OFFICE_FILE, read_office_config


def test_demo_data_adds_the_demo_office_once_and_keeps_an_offices_own(settings, tmp_path, capsys):
    settings["kiosk.data_dir"] = tmp_path
    args = argparse.Namespace(vacancies=20, seed=1, cache=None)
    assert demo_data(settings, args) == 0
    assert "demo office" in capsys.readouterr().out
    office = read_office_config(tmp_path)
    assert office is not None and [e["name"] for e in office.local_help] == [e["name"] for e in demo_local_help()]
    (tmp_path / OFFICE_FILE).write_text((tmp_path / OFFICE_FILE).read_text().replace(
        "Riverside Jobcentre (demo office)", "Leeds Jobcentre"), encoding="utf-8")
    assert demo_data(settings, args) == 0  # the same vacancies again: nothing to do, and the office stays
    assert "demo office" not in capsys.readouterr().out
    assert read_office_config(tmp_path).name == "Leeds Jobcentre"

"""deploy/install.sh refuses bad input with a plain message before it changes anything."""

from __future__ import annotations

import hashlib
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.deploy.conftest import DEPLOY

INSTALL = DEPLOY / "install.sh"


def bundle(folder: Path, version: str = "1.2.3", program: bool = True) -> Path:
    """A small .tar.gz shaped like make dist's, with or without the kiosk program."""
    top = folder / f"jobpoint-{version}"
    top.mkdir(parents=True)
    (top / ("kiosk" if program else "README")).write_text("#!/bin/sh\nexit 0\n")
    path = folder / f"jobpoint-{version}.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        tar.add(top, arcname=top.name)
    return path


@pytest.fixture
def not_a_system(tmp_path) -> Path:
    """A root folder that looks like Debian at first sight, so only the check under test can stop the run."""
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "etc" / "debian_version").write_text("12.0\n")
    return root


def install(*args) -> subprocess.CompletedProcess:
    return subprocess.run([str(INSTALL), *map(str, args)], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("args, status, message", [
    ([], 64, "say which build to install with --bundle"),
    (["--bundle", "/nonexistent/jobpoint-1.tar.gz"], 1, "does not exist"),
    (["--bundle"], 64, "--bundle needs a value"),
    (["--colour", "red"], 64, 'unknown option "--colour"'),
])
def test_bad_arguments_are_refused(args, status, message):
    result = install(*args)
    assert result.returncode == status
    assert message in result.stderr


@pytest.mark.parametrize("extra, message", [
    (["--enrol", "ABC"], "--enrol needs --central URL"),
    (["--central", "ftp://central"], "must be a web address starting http:// or https://"),
    (["--central", 'http://central"\nid = "x'], "must be a web address starting http:// or https://"),
    (["--office-window", "25:00-05:00"], "two times on the 24-hour clock, like 02:00-05:00"),
    (["--office-window", "02:00-02:10"], "at least 15 minutes long"),
    (["--name", "leeds 1; rm -rf /"], "--name must be letters, digits"),
])
def test_bad_options_are_refused_before_any_change(tmp_path, not_a_system, extra, message):
    result = install("--bundle", bundle(tmp_path), "--root", not_a_system, *extra)
    assert result.returncode in (1, 64)
    assert message in result.stderr
    assert sorted(p.name for p in not_a_system.iterdir()) == ["etc"]


def test_bundle_with_the_wrong_name_is_refused(tmp_path, not_a_system):
    path = bundle(tmp_path)
    renamed = path.rename(tmp_path / "kiosk-latest.tar.gz")
    result = install("--bundle", renamed, "--root", not_a_system)
    assert result.returncode == 1
    assert "must be called jobpoint-<version>.tar.gz" in result.stderr


def test_bundle_without_the_kiosk_program_is_refused(tmp_path, not_a_system):
    result = install("--bundle", bundle(tmp_path, program=False), "--root", not_a_system)
    assert result.returncode == 1
    assert "has no jobpoint-1.2.3/kiosk program" in result.stderr
    assert sorted(p.name for p in not_a_system.iterdir()) == ["etc"]


def test_bundle_that_does_not_match_its_checksum_is_refused(tmp_path, not_a_system):
    path = bundle(tmp_path)
    wrong = hashlib.sha256(b"something else").hexdigest()
    Path(f"{path}.sha256").write_text(f"{wrong}  {path.name}\n")
    result = install("--bundle", path, "--root", not_a_system)
    assert result.returncode == 1
    assert "does not match" in result.stderr


def test_root_that_is_not_a_debian_system_is_refused(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = install("--bundle", bundle(tmp_path), "--root", empty)
    assert result.returncode == 1
    assert "is not a Debian system" in result.stderr
    assert not any(empty.iterdir())

"""The credential file: written atomically, mode 0600 from the first byte, refused when others can read it."""

import json
import os
import stat

import pytest

from sync.credentials import Credential, CredentialError, load_credential, save_credential

CREDENTIAL = Credential(kiosk_id="k-1", office_id="leeds", credential="secret-abc", url="http://127.0.0.1:1")


def test_saved_credential_reads_back(tmp_path):
    save_credential(tmp_path / "c.json", CREDENTIAL)
    assert load_credential(tmp_path / "c.json") == CREDENTIAL


def test_no_file_means_not_enrolled(tmp_path):
    assert load_credential(tmp_path / "missing.json") is None


def test_the_file_is_owner_only_even_with_an_open_umask_and_before_the_rename(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def watching_replace(source, target):  # records the temporary file's mode at the moment it is renamed
        seen.append(stat.S_IMODE(os.stat(source).st_mode))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", watching_replace)
    old = os.umask(0)
    try:
        save_credential(tmp_path / "sub" / "c.json", CREDENTIAL)
    finally:
        os.umask(old)
    assert seen == [0o600]
    assert stat.S_IMODE((tmp_path / "sub" / "c.json").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "sub").stat().st_mode) & 0o077 == 0
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["c.json"]  # no temporary file left behind


def test_a_file_others_can_read_is_refused_with_the_fix(tmp_path):
    path = tmp_path / "c.json"
    save_credential(path, CREDENTIAL)
    path.chmod(0o644)
    with pytest.raises(CredentialError, match="chmod 600"):
        load_credential(path)


@pytest.mark.parametrize("text", ["{not json", json.dumps({"kiosk_id": "k"}), json.dumps([1]),
                                  json.dumps({"kiosk_id": "", "office_id": "o", "credential": "c", "url": "u"})])
def test_a_damaged_file_says_enrol_again(tmp_path, text):
    path = tmp_path / "c.json"
    path.write_text(text)
    path.chmod(0o600)
    with pytest.raises(CredentialError, match="enrol the kiosk again"):
        load_credential(path)


def test_a_failed_write_keeps_the_old_credential(tmp_path, monkeypatch):
    path = tmp_path / "c.json"
    save_credential(path, CREDENTIAL)

    def failing_fsync(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        save_credential(path, Credential("k-2", "york", "other", "http://x"))
    monkeypatch.undo()
    assert load_credential(path) == CREDENTIAL
    assert [p.name for p in tmp_path.iterdir()] == ["c.json"]

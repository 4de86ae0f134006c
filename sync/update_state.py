"""The update state file shared with the bash guard: ``<kiosk.data_dir>/update-state.json``.

    state = read_update_state(path)          # {"state": "idle", ...} when the file is missing or unreadable
    write_update_state(path, {**state, "state": "healthy"})
    last_rollback(path)                      # ("2026-11-22T02:14:00Z", "0.2.0") or (None, None)

The fields are those of /tmp/handoff/deploy-contract.md, kept in docs/updates.md: ``state`` ("idle", "switched",
"healthy", "rolled_back"), ``version``, ``previous``, ``switched_at``, ``starts``, ``rolled_back_from``,
``rolled_back_at`` and ``reason``. The guard (not Python: a broken version cannot be trusted to roll itself back)
counts ``starts`` and writes "rolled_back"; this side writes "switched" and "healthy". Writes go to a temporary
file that replaces the old one, so the guard never reads half a file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

STATE_FILE = "update-state.json"
STATES = ("idle", "switched", "healthy", "rolled_back")
_EMPTY = {"state": "idle", "version": None, "previous": None, "switched_at": None, "starts": 0,
          "rolled_back_from": None, "rolled_back_at": None, "reason": None}


def read_update_state(path: Path) -> dict:
    """The state file's fields, with every field present; an idle state when it is missing or damaged.

    :param path: the state file.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return dict(_EMPTY)
    if not isinstance(data, dict) or data.get("state") not in STATES:
        return dict(_EMPTY)
    return {**_EMPTY, **{key: data[key] for key in _EMPTY if key in data}}


def write_update_state(path: Path, state: dict) -> None:
    """Replace the state file in one step (write a temporary file, flush it to disk, rename it over).

    :param path: the state file.
    :param state: the fields (see the module docstring).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".update-state-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({**_EMPTY, **state}, out, indent=1, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def last_rollback(path: Path) -> tuple[str | None, str | None]:
    """When the kiosk last went back to its previous version, and from which version (for the heartbeat).

    :param path: the state file.
    """
    state = read_update_state(path)
    at, source = state["rolled_back_at"], state["rolled_back_from"]
    if not isinstance(at, str) or not isinstance(source, str):
        return None, None
    try:  # the service refuses a beat whose time has no zone, and a refused beat would hide the rollback
        if dt.datetime.fromisoformat(at.strip().replace("Z", "+00:00")).tzinfo is None:
            return None, None
    except ValueError:
        return None, None
    return at.strip(), source[:40]

"""The update state file shared with the bash guard: ``<kiosk.data_dir>/update-state.json``.

    state = read_update_state(path)          # {"state": "idle", ...} when the file is missing or unreadable
    write_update_state(path, {**state, "state": "healthy"})
    last_rollback(path)                      # ("2026-11-22T02:14:00Z", "0.2.0") or (None, None)

The fields are those of /tmp/handoff/deploy-contract.md, kept in docs/updates.md: ``state`` ("idle", "switched",
"healthy", "rolled_back"), ``version``, ``previous``, ``switched_at``, ``starts``, ``rolled_back_from``,
``rolled_back_at`` and ``reason``. The guard (not Python: a broken version cannot be trusted to roll itself back)
counts ``starts`` and writes "rolled_back"; this side writes "switched" and "healthy". Writes go to a temporary
file that replaces the old one, so the guard never reads half a file; a change that reads, then writes, holds
``state_lock`` (flock on ``update-state.lock``, the lock the guard takes), so the two never overwrite each other.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import time
from pathlib import Path

from sync.files import write_atomically

log = logging.getLogger(__name__)

STATE_FILE = "update-state.json"
LOCK_FILE = "update-state.lock"
STATES = ("idle", "switched", "healthy", "rolled_back")
_EMPTY = {"state": "idle", "version": None, "previous": None, "switched_at": None, "starts": 0,
          "rolled_back_from": None, "rolled_back_at": None, "reason": None}


@contextlib.contextmanager
def state_lock(path: Path, wait_s: float = 30.0):
    """Hold the lock the guard holds (``flock`` on ``update-state.lock`` beside the state file) while inside.

    The guard (root) may have made the lock file; if this user cannot open it, the change goes ahead unlocked
    with a warning: each write is still whole, and a missed healthy mark only means a rollback, never a breakage.

    :param path: the state file.
    :param wait_s: how long to wait for the guard before going ahead anyway.
    """
    lock = Path(path).with_name(LOCK_FILE)
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError:
        try:
            handle = os.open(lock, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError as error:
            log.warning("cannot open %s (%s); changing the update state without it", lock, type(error).__name__)
            yield
            return
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    log.warning("waited %.0f s for %s; going ahead", wait_s, lock)
                    break
                time.sleep(0.1)
        yield
    finally:
        os.close(handle)


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
    write_atomically(Path(path), json.dumps({**_EMPTY, **state}, indent=1, sort_keys=True).encode(), mode=0o644)


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

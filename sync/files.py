"""Replacing a small file in one step, so a reader (or a power cut) sees the old file or the new one, never half.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomically(folder / "state.json", b'{"state": "idle"}', mode=0o644)
    >>> (folder / "state.json").read_bytes(), oct((folder / "state.json").stat().st_mode & 0o777)
    (b'{"state": "idle"}', '0o644')

The kiosk's credential, office config, rates pointer, crash note and update state all go through here.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, set its mode, and rename it over.

    :param path: the file; its folder is made if missing.
    :param data: the new content.
    :param mode: the file's permissions (the default, 0600, is what the temporary file is made with: a file is
        never readable by others, even for a moment, unless asked for).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

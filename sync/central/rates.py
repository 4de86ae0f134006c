"""The benefit rates files served to kiosks at ``GET /v1/rates``, with a version that changes when any file does.

    RatesFolder(Path("assets/rules")).current()
    # {"version": "9f2c...", "files": {"rates-2025-26.toml": "...", "rates-2026-27.toml": "..."}}

Every ``rates-*.toml`` in the folder is served as text. The version is the SHA-256 of the file names and
contents, so a kiosk can tell whether it has the latest; the kiosk checks each file with its own loader before
using it. The folder is read again only when a file's size or modification time changes.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path


class RatesFolder:
    """A folder of rates files, read lazily and cached until one changes."""

    PATTERN = "rates-*.toml"

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._stamp: tuple | None = None
        self._current: dict | None = None
        self._lock = threading.Lock()

    def _signature(self) -> tuple:
        return tuple((path.name, path.stat().st_size, path.stat().st_mtime_ns)
                     for path in sorted(self.folder.glob(self.PATTERN)))

    def current(self) -> dict:
        """``{"version", "files"}`` for the folder as it is now (empty ``files`` if it has none)."""
        with self._lock:
            stamp = self._signature()
            if stamp != self._stamp:
                files = {path.name: path.read_text(encoding="utf-8")
                         for path in sorted(self.folder.glob(self.PATTERN))}
                digest = hashlib.sha256()
                for name, text in files.items():
                    digest.update(f"{name}\0{len(text.encode())}\0".encode() + text.encode())
                self._stamp, self._current = stamp, {"version": digest.hexdigest(), "files": files}
            return self._current

"""Where the shipped files are: fonts, message catalogues, keyboard layouts.

    >>> (ASSETS / "fonts" / "NotoSans-Regular.ttf").exists()
    True

``assets/`` sits beside the packages in a checkout and in the PyInstaller build alike.
"""

import gzip
import json
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def read_generated(path: Path, expected_format: int) -> dict:
    """Read one of the files ``python -m kiosk.assets_build`` makes (gzipped JSON with a "format" number).

    :param path: the file.
    :param expected_format: the layout this code reads; another means the file is from another version.
    :raises FileNotFoundError: if it has not been built, saying how to build it.
    :raises ValueError: if it is from another version, saying how to rebuild it.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: build it with `python -m kiosk.assets_build`.")
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        data = json.load(stream)
    if data.get("format") != expected_format:
        raise ValueError(f"{path} is from another version: rebuild it with `python -m kiosk.assets_build`.")
    return data

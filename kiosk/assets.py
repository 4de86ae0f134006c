"""Where the shipped files are: fonts, message catalogues, keyboard layouts.

    >>> (ASSETS / "fonts" / "NotoSans-Regular.ttf").exists()
    True

``assets/`` sits beside the packages in a checkout and in the PyInstaller build alike.
"""

from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"

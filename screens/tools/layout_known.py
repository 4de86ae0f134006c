"""The layout problems known when the layout check (``layout_check.py``) was written: a list to burn down.

Each entry is an fnmatch pattern of ``Problem.key`` ("<view> <kind> <widget>") with why the problem is still there.
``kiosk tour`` counts these problems rather than printing them, and ``--strict`` fails on any other. Fix one, then
take its entries out; never add one (tests/screens/test_layout_check.py holds the list to its size).
"""

#: Problems known when the check was written, as fnmatch patterns of ``Problem.key`` ("<view> <kind> <widget>"),
#: each with why it is still there. Burn it down; never add to it (tests/screens/test_layout_check.py).
KNOWN: dict[str, str] = {
    # Empty since 2026-12-05: the last entry ("cv_preview_*-*-landscape-reach clipped CvLine") was a real bug (the CV
    # 0 wide after text went back from 200 %), fixed in screens/cv/preview.kv.
}

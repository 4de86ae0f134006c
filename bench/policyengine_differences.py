"""Known classes of difference between the kiosk and PolicyEngine UK, each recognised by a function.

Each class is a function ``(amount, household, year, results, pe, ours, theirs) -> bool`` that recognises a
household whose difference in ``amount`` it explains; ``classify`` returns the name of the first that does.
docs/benefits-differences.md lists the classes with the regulation that decides each.
"""

from __future__ import annotations

CLASSES: list = []


def classify(amount, household, year, results, pe, ours, theirs) -> str:
    """The name of the first known class of difference that explains this one, or ""."""
    for check in CLASSES:
        if check(amount, household, year, results, pe, ours, theirs):
            return check.__name__
    return ""

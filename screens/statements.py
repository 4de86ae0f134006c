"""The two statements a public service shows: "Privacy: what happens to your details" and its accessibility
statement. Plain pages of headings and paragraphs, read aloud part by part by "Read this page aloud"; with
read-aloud on, the whole page is read as it opens, not only its heading (``read_on_open``).
"""

from __future__ import annotations

from screens.base import KioskScreen


class StatementScreen(KioskScreen):
    """A page of text the person came to read: read aloud in full, in the order it is shown."""


class PrivacyScreen(StatementScreen):
    """What the kiosk keeps (nothing), what it counts, and what happens to a CV or job sent to a phone."""


class AccessibilityStatementScreen(StatementScreen):
    """The accessibility statement, in the shape of GOV.UK's: what works, what does not yet, help, enforcement."""

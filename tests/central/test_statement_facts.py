"""What the privacy page tells people about a CV sent to a phone matches what the central service does."""

from kiosk.i18n import load_catalogues
from sync.central.handoffs import LIFETIME


def test_the_privacy_page_gives_the_real_life_of_a_cv_link_in_both_languages():
    hours = int(LIFETIME.total_seconds() // 3600)
    catalogues = load_catalogues()
    assert f"{hours} hours" in catalogues["en"]["privacy.cv_body"]
    assert f"{hours} awr" in catalogues["cy"]["privacy.cv_body"]

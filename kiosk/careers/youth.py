"""The young people's path (16 to 24): which careers service and which offers a person is pointed to, by nation.

Careers advice is devolved: the National Careers Service in England, Careers Wales and My World of Work (Skills
Development Scotland) in Scotland. The kiosk's nation is ``ui.nation``; the words are catalogue keys, so the
screens say them in English or Welsh.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CareersService:
    """A nation's careers service: the catalogue key of what it offers (with its address) and its web address
    (shown as a QR code)."""

    words_key: str
    url: str


#: The careers service of each nation (``ui.nation`` values).
CAREERS_SERVICES = {
    "ENGLAND": CareersService("careers.young.adviser.england", "https://nationalcareers.service.gov.uk/"),
    "WALES": CareersService("careers.young.adviser.wales", "https://careerswales.gov.wales/"),
    "SCOTLAND": CareersService("careers.young.adviser.scotland", "https://www.myworldofwork.co.uk/"),
}


def careers_service(nation: str) -> CareersService:
    """The careers service for the kiosk's nation; England's for a nation it does not know.

    >>> careers_service("WALES").url
    'https://careerswales.gov.wales/'

    :param nation: "ENGLAND", "WALES" or "SCOTLAND" (any case).
    """
    return CAREERS_SERVICES.get(nation.upper(), CAREERS_SERVICES["ENGLAND"])


def young_people_keys(nation: str) -> list[str]:
    """The catalogue keys of the young people's page's paragraphs for a nation: apprenticeships, then the nation's
    guarantee or offer for young people, then where to find an apprenticeship.

    :param nation: "ENGLAND", "WALES" or "SCOTLAND" (any case; England's for one it does not know).
    """
    name = nation.lower() if nation.upper() in CAREERS_SERVICES else "england"
    return ["careers.young.apprenticeship", f"careers.young.guarantee.{name}", f"careers.young.find.{name}"]

"""The household a benefits check is about: adults, children, home, savings, benefits already received.

    >>> household = household_from_json({"country": "WALES", "adults": [{"age": 30}], "rent_monthly": 450,
    ...                                  "tenure": "RENT_FROM_HA"})
    >>> household.country, household.adults[0].age, household.rent_monthly, household.is_couple
    ('WALES', 30, Decimal('450'), False)
    >>> household_from_json({"country": "FRANCE", "adults": [{"age": 30}]})
    Traceback (most recent call last):
    ...
    kiosk.benefits.household.HouseholdError: country must be one of ENGLAND, WALES, SCOTLAND, not 'FRANCE'.

The same ``Household`` comes from the kiosk's questionnaire (``kiosk.benefits.answers``) and from the JSON that
``kiosk benefits`` reads, whose shape is in README.md. It is personal: it lives only in the session and is never
logged. Error messages name the field and say what is wanted; they repeat a value only for a fixed choice (a country
or a tenure), never a number someone typed.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

NATIONS = ("ENGLAND", "WALES", "SCOTLAND")
TENURES = ("RENT_PRIVATELY", "RENT_FROM_COUNCIL", "RENT_FROM_HA", "OWNED_OUTRIGHT", "OWNED_WITH_MORTGAGE",
           "NO_RENT")
SOCIAL_TENURES = ("RENT_FROM_COUNCIL", "RENT_FROM_HA")
PIP_RATES = ("NONE", "STANDARD", "ENHANCED")
DLA_CARE_RATES = ("NONE", "LOWER", "MIDDLE", "HIGHER")
DLA_MOBILITY_RATES = ("NONE", "LOWER", "HIGHER")
AA_RATES = ("NONE", "LOWER", "HIGHER")
SEXES = ("MALE", "FEMALE")
#: Whom a carer looks after: their partner, a child of the household, or someone who lives elsewhere.
CARES_FOR = ("PARTNER", "CHILD", "SOMEONE_ELSE")
COUNCIL_TAX_BANDS = ("A", "B", "C", "D", "E", "F", "G", "H", "I")
LHA_SIZES = ("shared", "1", "2", "3", "4")
#: Benefits a household may say it already gets (ids from assets/rules/benefits.toml, and two not in it).
RECEIVED = ("universal_credit", "new_style_jsa", "new_style_esa", "carers_allowance", "pip_adp", "dla_cdp",
            "child_benefit", "housing_benefit", "pension_credit", "maternity_allowance")
MAX_MONEY = Decimal(10_000_000)


class HouseholdError(ValueError):
    """A household that cannot be checked; the message names the field and says what is wanted."""


@dataclass(frozen=True)
class Adult:
    """One adult: the person at the kiosk or their partner.

    ``take_home_monthly`` (from the questionnaire) wins over ``employment_income_annual`` (gross, from the CLI) for
    Universal Credit; each is estimated from the other when missing.
    """

    age: int
    employment_income_annual: Decimal = Decimal(0)
    take_home_monthly: Decimal | None = None
    hours_worked_weekly: Decimal = Decimal(0)
    is_disabled: bool = False
    health_limits_work: bool = False
    cannot_work: bool = False
    off_sick: bool = False
    is_carer: bool = False
    caring_hours_weekly: Decimal | None = None
    has_lcwra: bool = False
    lcwra_new_claimant: bool | None = None
    pip_daily_living: str = "NONE"
    pip_mobility: str = "NONE"
    birth_date: dt.date | None = None
    state_pension_annual: Decimal = Decimal(0)
    private_pension_annual: Decimal = Decimal(0)
    self_employment_income_annual: Decimal = Decimal(0)
    self_employed_start_up: bool = False
    attendance_allowance: str = "NONE"
    cares_for: str | None = None

    @property
    def pension_income_annual(self) -> Decimal:
        """State Pension and other pensions together, £ a year (unearned income for every means test)."""
        return self.state_pension_annual + self.private_pension_annual

    @property
    def in_work(self) -> bool:
        """Has paid work: hours or earnings."""
        return (self.hours_worked_weekly > 0 or self.employment_income_annual > 0 or bool(self.take_home_monthly)
                or self.self_employment_income_annual > 0)

    @property
    def gets_pip(self) -> bool:
        """Gets either part of PIP (or Adult Disability Payment)."""
        return self.pip_daily_living != "NONE" or self.pip_mobility != "NONE"


@dataclass(frozen=True)
class Child:
    """One child or young person (under 20) living with the household."""

    age: int
    is_disabled: bool = False
    birth_date: dt.date | None = None
    born_before_april_2017: bool | None = None
    dla_care: str = "NONE"
    in_education: bool = True
    sex: str | None = None
    dla_mobility: str = "NONE"


@dataclass(frozen=True)
class Household:
    """Everyone the check is about, and their money and home. Amounts are £; rents and costs a month."""

    country: str
    adults: tuple[Adult, ...]
    children: tuple[Child, ...] = ()
    id: str = ""
    region: str = ""
    rent_monthly: Decimal = Decimal(0)
    tenure: str = "NO_RENT"
    council_tax_band: str | None = None
    savings: Decimal = Decimal(0)
    childcare_monthly: Decimal = Decimal(0)
    lha_monthly: dict[str, Decimal] | None = None
    lha_weekly: dict[str, Decimal] | None = None
    other_income_monthly: Decimal = Decimal(0)
    benefits_received: frozenset[str] = frozenset()
    expecting_baby: bool = False
    bereaved: bool = False
    council_tax_annual: Decimal | None = None
    year: int | None = None
    partners_care_for_same_person: bool | None = None
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_couple(self) -> bool:
        """Two adults claiming together."""
        return len(self.adults) == 2

    @property
    def in_london(self) -> bool:
        """Lives in Greater London (for the benefit cap)."""
        return self.region.upper() in ("LONDON", "GREATER_LONDON")

    @property
    def rents(self) -> bool:
        """Pays rent to a landlord."""
        return self.tenure in ("RENT_PRIVATELY",) + SOCIAL_TENURES and self.rent_monthly > 0


# --- reading JSON -------------------------------------------------------------------------------------------


def _money(value: Any, where: str, default: Decimal = Decimal(0)) -> Decimal:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise HouseholdError(f"{where} must be an amount in pounds, like 250 or 250.50.")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise HouseholdError(f"{where} must be an amount in pounds, like 250 or 250.50.") from None
    if not amount.is_finite() or amount < 0 or amount > MAX_MONEY:
        raise HouseholdError(f"{where} must be an amount from 0 to 10,000,000 pounds.")
    return amount


def _whole(value: Any, where: str, low: int, high: int) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise HouseholdError(f"{where} must be a whole number from {low} to {high}.")
    return value


def _number(value: Any, where: str, low: float, high: float) -> Decimal:
    if value is None:
        return Decimal(0)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise HouseholdError(f"{where} must be a number from {low:g} to {high:g}.")
    return Decimal(str(value))


def _flag(value: Any, where: str, default: bool | None = False) -> bool | None:
    if value is None:
        return default
    if not isinstance(value, bool):
        raise HouseholdError(f"{where} must be true or false.")
    return value


_Default = TypeVar("_Default", str, None)  # _choice returns a str when its default is one


def _choice(value: Any, where: str, choices: tuple[str, ...], default: _Default) -> str | _Default:
    if value is None:
        return default
    if not isinstance(value, str) or value.upper() not in [c.upper() for c in choices]:
        raise HouseholdError(f"{where} must be one of {', '.join(choices)}, not {value!r}.")
    return next(c for c in choices if c.upper() == value.upper())


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise HouseholdError(f"{where} must be a date like 2017-04-06.") from None


def _object(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise HouseholdError(f"{where} must be an object with named fields.")
    return value


def _lha(data: dict, key: str) -> dict[str, Decimal] | None:
    """Local Housing Allowance rates by size ("shared", "1" .. "4"), or None when not given."""
    lha = data.get(key)
    if lha is None:
        return None
    lha = _object(lha, key)
    unknown = set(lha) - set(LHA_SIZES)
    if unknown:
        raise HouseholdError(f"{key} has {', '.join(sorted(unknown))}: use shared, 1, 2, 3 and 4.")
    return {size: _money(value, f"{key}.{size}") for size, value in lha.items()}


#: The keys each object of the CLI's household JSON may have (docs/benefits-cli.md says what each means).
HOUSEHOLD_KEYS = ("id", "year", "country", "region", "adults", "children", "rent_monthly", "tenure",
                  "council_tax_band", "council_tax_annual", "savings", "childcare_monthly", "lha_monthly",
                  "lha_weekly", "other_income_monthly", "benefits_received", "expecting_baby", "lcwra_new_claimant",
                  "partners_care_for_same_person")
ADULT_KEYS = ("age", "birth_date", "employment_income_annual", "self_employment_income_annual",
              "self_employed_start_up",
              "state_pension_annual", "private_pension_annual", "hours_worked_weekly", "is_disabled", "is_carer",
              "caring_hours_weekly", "cares_for", "has_lcwra", "lcwra_new_claimant", "pip_daily_living",
              "pip_mobility", "attendance_allowance")
CHILD_KEYS = ("age", "birth_date", "sex", "is_disabled", "dla_care", "dla_mobility", "in_education")


def _known_keys(data: dict, known: tuple[str, ...], where: str) -> None:
    """Refuse a key we do not know, naming the nearest known one: a misspelt "childern" must not silently give a
    childless answer."""
    for key in data:
        if key not in known:
            # a key that contains what was typed ("rent" -> "rent_monthly") beats one merely spelt alike ("region")
            typed = str(key).lower()
            near = (sorted((k for k in known if len(typed) > 2 and typed in k), key=len)[:1]
                    or difflib.get_close_matches(typed, known, n=1, cutoff=0.5))
            hint = f" Did you mean {near[0]!r}?" if near else f" Known keys: {', '.join(known)}."
            raise HouseholdError(f"{where}{'.' if where else ''}{str(key)[:40]!r} is not a key we know.{hint}")


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Whole years from ``birth_date`` to ``day``."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def mid_year(on_date: dt.date) -> dt.date:
    """6 October of the tax year that ``on_date`` falls in: the day a bare ``age`` is taken to be on (the mid-year
    convention PolicyEngine UK uses, so the two can be compared)."""
    start_year = on_date.year if (on_date.month, on_date.day) >= (4, 6) else on_date.year - 1
    return dt.date(start_year, 10, 6)


def _age(data: dict, where: str, low: int, high: int, on_date: dt.date | None) -> tuple[int, dt.date | None]:
    """The age and birth date: a ``birth_date`` wins over an ``age`` (its age is on 6 October of the tax year)."""
    born = _date(data.get("birth_date"), f"{where}.birth_date")
    if born is not None:
        day = mid_year(on_date or dt.date.today())
        if born > day:
            raise HouseholdError(f"{where}.birth_date must be before 6 October of the tax year checked.")
        return _whole(age_on(born, day), f"{where}'s age from birth_date", low, high), born
    if "age" not in data:
        raise HouseholdError(f"{where}.age is missing (or give birth_date).")
    return _whole(data["age"], f"{where}.age", low, high), None


def adult_from_json(data: Any, where: str = "adults[0]", on_date: dt.date | None = None,
                    lcwra_new_claimant: bool | None = None) -> Adult:
    """Read one adult from the CLI's JSON shape.

    :param data: the adult's object.
    :param where: its place in the file, for messages.
    :param on_date: the date checked on, for an age from ``birth_date``.
    :param lcwra_new_claimant: the household's answer, for an adult who gives none.
    """
    data = _object(data, where)
    _known_keys(data, ADULT_KEYS, where)
    age, born = _age(data, where, 16, 120, on_date)
    disabled = bool(_flag(data.get("is_disabled"), f"{where}.is_disabled"))
    lcwra = bool(_flag(data.get("has_lcwra"), f"{where}.has_lcwra"))
    hours = data.get("caring_hours_weekly")
    cares_for = data.get("cares_for")
    return Adult(
        age=age,
        birth_date=born,
        employment_income_annual=_money(data.get("employment_income_annual"), f"{where}.employment_income_annual"),
        self_employment_income_annual=_money(data.get("self_employment_income_annual"),
                                             f"{where}.self_employment_income_annual"),
        self_employed_start_up=bool(_flag(data.get("self_employed_start_up"), f"{where}.self_employed_start_up")),
        state_pension_annual=_money(data.get("state_pension_annual"), f"{where}.state_pension_annual"),
        private_pension_annual=_money(data.get("private_pension_annual"), f"{where}.private_pension_annual"),
        hours_worked_weekly=_number(data.get("hours_worked_weekly"), f"{where}.hours_worked_weekly", 0, 168),
        is_disabled=disabled,
        health_limits_work=disabled or lcwra,
        cannot_work=lcwra,
        is_carer=bool(_flag(data.get("is_carer"), f"{where}.is_carer")) or hours is not None,
        caring_hours_weekly=None if hours is None else _number(hours, f"{where}.caring_hours_weekly", 0, 168),
        cares_for=None if cares_for is None else _choice(cares_for, f"{where}.cares_for", CARES_FOR, None),
        has_lcwra=lcwra,
        lcwra_new_claimant=_flag(data.get("lcwra_new_claimant"), f"{where}.lcwra_new_claimant",
                                 lcwra_new_claimant),
        pip_daily_living=_choice(data.get("pip_daily_living"), f"{where}.pip_daily_living", PIP_RATES, "NONE"),
        pip_mobility=_choice(data.get("pip_mobility"), f"{where}.pip_mobility", PIP_RATES, "NONE"),
        attendance_allowance=_choice(data.get("attendance_allowance"), f"{where}.attendance_allowance", AA_RATES,
                                     "NONE"),
    )


def child_from_json(data: Any, where: str = "children[0]", on_date: dt.date | None = None) -> Child:
    """Read one child from the CLI's JSON shape.

    :param data: the child's object.
    :param where: its place in the file, for messages.
    :param on_date: the date checked on, for an age from ``birth_date``.
    """
    data = _object(data, where)
    _known_keys(data, CHILD_KEYS, where)
    age, born = _age(data, where, 0, 19, on_date)
    sex = data.get("sex")
    return Child(
        age=age,
        birth_date=born,
        sex=None if sex is None else _choice(sex, f"{where}.sex", SEXES, None),
        is_disabled=bool(_flag(data.get("is_disabled"), f"{where}.is_disabled")),
        dla_care=_choice(data.get("dla_care"), f"{where}.dla_care", DLA_CARE_RATES, "NONE"),
        dla_mobility=_choice(data.get("dla_mobility"), f"{where}.dla_mobility", DLA_MOBILITY_RATES, "NONE"),
        in_education=bool(_flag(data.get("in_education"), f"{where}.in_education", True)),
    )


def household_from_json(data: Any, where: str = "", on_date: dt.date | None = None) -> Household:
    """Read a household in the shape ``kiosk benefits --household`` takes (docs/benefits-cli.md).

    :param data: the parsed JSON object.
    :param where: a prefix for messages, e.g. "household 2: ".
    :param on_date: the date checked on: an age from a ``birth_date`` is the age on 6 October of its tax year.
    :raises HouseholdError: naming the first field that is wrong, or a key we do not know.
    """
    data = _object(data, where.rstrip(": ") or "the household")
    try:
        _known_keys(data, HOUSEHOLD_KEYS, "")
        country = _choice(data.get("country"), "country", NATIONS, None)
        if country is None:
            raise HouseholdError("country is missing: ENGLAND, WALES or SCOTLAND.")
        adults_data = data.get("adults")
        if not isinstance(adults_data, list) or not 1 <= len(adults_data) <= 2:
            raise HouseholdError("adults must be a list of 1 or 2 adults (the person and any partner).")
        children_data = data.get("children") or []
        if not isinstance(children_data, list) or len(children_data) > 20:
            raise HouseholdError("children must be a list of up to 20 children.")
        lha, lha_weekly = _lha(data, "lha_monthly"), _lha(data, "lha_weekly")
        year = data.get("year")
        if year is not None:
            year = _whole(year, "year", 2000, 2100)
        identifier = data.get("id", "")
        if not isinstance(identifier, (str, int)) or isinstance(identifier, bool):
            raise HouseholdError("id must be text.")
        band = data.get("council_tax_band")
        bill = data.get("council_tax_annual")
        received = data.get("benefits_received") or []
        if not isinstance(received, list) or any(r not in RECEIVED for r in received):
            raise HouseholdError(f"benefits_received must be a list of: {', '.join(RECEIVED)}.")
        new_claimant = _flag(data.get("lcwra_new_claimant"), "lcwra_new_claimant", None)
        return Household(
            id=str(identifier),
            year=year,
            country=country,
            region=str(data.get("region") or ""),
            adults=tuple(adult_from_json(a, f"adults[{i}]", on_date, new_claimant)
                         for i, a in enumerate(adults_data)),
            children=tuple(child_from_json(c, f"children[{i}]", on_date) for i, c in enumerate(children_data)),
            rent_monthly=_money(data.get("rent_monthly"), "rent_monthly"),
            tenure=_choice(data.get("tenure"), "tenure", TENURES[:-1], "NO_RENT"),
            council_tax_band=None if band is None else _choice(band, "council_tax_band", COUNCIL_TAX_BANDS, None),
            council_tax_annual=None if bill is None else _money(bill, "council_tax_annual"),
            savings=_money(data.get("savings"), "savings"),
            childcare_monthly=_money(data.get("childcare_monthly"), "childcare_monthly"),
            other_income_monthly=_money(data.get("other_income_monthly"), "other_income_monthly"),
            benefits_received=frozenset(received),
            expecting_baby=bool(_flag(data.get("expecting_baby"), "expecting_baby")),
            partners_care_for_same_person=_flag(data.get("partners_care_for_same_person"),
                                                "partners_care_for_same_person", None),
            lha_monthly=lha,
            lha_weekly=lha_weekly,
        )
    except HouseholdError as error:
        raise HouseholdError(f"{where}{error}") from None

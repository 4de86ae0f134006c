"""A dozen realistic vacancies and the few places they are in, for the tour and the UI tests.

    db = open_cache(":memory:")
    store_vacancies(db, sample_vacancies(date.today()))
    search = JobSearch(db, places=sample_places())

The real kiosk gets its vacancies from the sync (or ``kiosk demo-data``) and its places from
``kiosk.jobs.places.load_places()``; these are only so every job screen can be seen and tested with something on it.
Dates are counted from ``today``, so the jobs are always open.
"""

from __future__ import annotations

import datetime as dt

from kiosk.jobs.cache import open_cache, store_vacancies
from kiosk.jobs.search import JobSearch

#: Postcode districts (British National Grid easting, northing) and towns, in kiosk.jobs.places' data layout.
PLACES_DATA = {
    "format": 1,
    "districts": {"LS1": [429995, 433402], "LS2": [429780, 434260], "LS6": [428000, 436500],
                  "LS11": [429700, 431200], "BD1": [416300, 433200], "CF10": [318450, 175950],
                  "CF24": [319800, 177000], "SA1": [265800, 193000], "M1": [384300, 398000]},
    "towns": [["Leeds", "ENG", 536280, 429921, 433632, "LS1", []],
              ["Manchester", "ENG", 395515, 384300, 398000, "M1", []],
              ["Bradford", "ENG", 299310, 416300, 433200, "BD1", []],
              ["Cardiff", "WLS", 372089, 318046, 176492, "CF10", ["Caerdydd"]],
              ["Swansea", "WLS", 179485, 265800, 193000, "SA1", ["Abertawe"]]],
}

_PLACES = {"LS1": ("Leeds", 429995, 433402), "LS2": ("Leeds", 429780, 434260), "LS6": ("Leeds", 428000, 436500),
           "LS11": ("Leeds", 429700, 431200), "BD1": ("Bradford", 416300, 433200),
           "CF10": ("Cardiff", 318450, 175950), "CF24": ("Cardiff", 319800, 177000),
           "SA1": ("Swansea", 265800, 193000), "M1": ("Manchester", 384300, 398000)}

_CARE = """Sunrise Home Care helps older people in north Leeds to live well in their own homes. We are looking for kind, reliable care workers to join our friendly team.

What you will do:
- visit people in their homes and help them get up, wash, dress and eat
- help with medicines, shopping and light housework
- have a chat and a cup of tea: for many of the people we visit, you are the best part of their day

You do not need any experience. We give you two weeks of paid training, a uniform and a phone. You will need to be able to get around north Leeds; we pay 30p a mile if you drive.

We offer guaranteed hours, paid travel time between visits, 28 days of holiday and a pension. We are a Disability Confident employer: if you have a disability and meet the basic needs of the job, you will be offered an interview."""

_TEACHING = """Mae Ysgol Gymraeg Glan Taf yn chwilio am gynorthwyydd dysgu i weithio gyda phlant 7 i 11 oed. Byddwch chi'n helpu plant i ddarllen, ysgrifennu a chyfrif, yn Gymraeg a Saesneg.

Rhaid i chi siarad Cymraeg yn rhugl. Bydd angen gwiriad DBS.

Glan Taf Welsh-medium school is looking for a teaching assistant to work with children aged 7 to 11. You must speak Welsh fluently. Term time only, 32.5 hours a week."""

_WAREHOUSE = """Picking and packing parcels in our warehouse near Leeds city centre. Shifts are 6am to 2pm or 2pm to 10pm, Monday to Friday, and you will be told your shifts a week ahead.

No experience is needed: you will be trained on the first day. Safety boots and hi-vis are provided. This is a 12-week temporary job, with the chance of a permanent job after that."""


def _job(number, title, employer, district, pay, period, pattern, hours, contract, workplace, posted, closes,
         description, confident=False, url=None, phone=None, email=None, code="9260"):
    town, easting, northing = _PLACES[district]
    low, high = pay if isinstance(pay, tuple) else (pay, pay)
    return {"id": f"sample-{number}", "version": 1, "title": title, "employer": employer, "description": description,
            "town": town, "postcode_district": district, "easting": easting, "northing": northing,
            "salary_min": low, "salary_max": high, "salary_period": period, "working_pattern": pattern,
            "hours_per_week": hours, "contract": contract, "workplace": workplace, "posted": posted,
            "closes": closes, "disability_confident": confident, "apply_url": url, "apply_phone": phone,
            "apply_email": email, "occupation_code": code}


def sample_vacancies(today: dt.date) -> list[dict]:
    """Twelve open vacancies around Leeds, Bradford, Manchester, Cardiff and Swansea.

    :param today: the kiosk's date; every job was posted on or before it and closes after it.
    """
    def day(offset: int) -> str:
        return (today + dt.timedelta(days=offset)).isoformat()

    return [
        _job(1, "Care Worker", "Sunrise Home Care", "LS6", (12.71, 13.5), "hour", "part_time", 24, "permanent",
             "on_site", day(-2), day(26), _CARE, confident=True,
             url="https://www.findajob.example.gov.uk/details/1", phone="0113 496 0123"),
        _job(2, "Office Cleaner", "Bright Office Cleaning Ltd", "LS1", 12.21, "hour", "part_time", 15, "permanent",
             "on_site", day(0), day(20),
             "Cleaning offices in Leeds city centre, Monday to Friday, 6pm to 9pm. All cleaning products and "
             "training are provided.", phone="0113 496 0456"),
        _job(3, "Warehouse Operative", "Northern Parcels", "LS11", (24500, 26000), "year", "full_time", 40,
             "temporary", "on_site", day(-6), day(8), _WAREHOUSE,
             url="https://www.findajob.example.gov.uk/details/3"),
        _job(4, "Delivery Driver", "Yorkshire Fresh Foods", "BD1", 13, "hour", "full_time", 37.5, "contract",
             "on_site", day(-1), day(30),
             "Delivering fresh food to shops and cafes across West Yorkshire in a 3.5-tonne van. You need a full "
             "UK driving licence.", url="https://www.findajob.example.gov.uk/details/4"),
        _job(5, "Customer Service Adviser", "Leeds City Credit Union", "LS2", 23000, "year", "full_time", 37.5,
             "permanent", "hybrid", day(-3), day(18),
             "Answering calls and emails from members about their savings and loans. Three days a week in our "
             "Leeds office and two at home.", confident=True, email="jobs@creditunion.example.org.uk"),
        _job(6, "Apprentice Chef", "The Corn Exchange Kitchen", "LS1", 7.55, "hour", "full_time", 30,
             "apprenticeship", "on_site", day(-10), day(12),
             "Learn to cook in a busy city-centre kitchen while you study for a Level 2 qualification. One day "
             "a week at college.", url="https://www.findajob.example.gov.uk/details/6"),
        _job(7, "Gweithiwr Gofal / Care Worker", "Gofal Cymru Cyf", "CF24", 12.8, "hour", "part_time", 20,
             "permanent", "on_site", day(-4), day(25),
             "Helpu pobl hŷn yn eu cartrefi yng Nghaerdydd. Helping older people in their homes in Cardiff. "
             "Welsh speakers are welcome.", confident=True, url="https://www.findajob.example.gov.uk/details/7"),
        _job(8, "Cynorthwyydd Dysgu / Teaching Assistant", "Ysgol Gymraeg Glan Taf", "CF10", (21000, 23500),
             "year", "part_time", 32.5, "permanent", "on_site", day(-5), day(15), _TEACHING,
             email="swyddi@glantaf.example.cymru"),
        _job(9, "Dental Receptionist", "Swansea Bay Dental Practice", "SA1", 11.9, "hour", "part_time", 20,
             "permanent", "on_site", day(-8), day(9),
             "Greeting patients, booking appointments and answering the phone.", phone="01792 496 789"),
        _job(10, "Kitchen Porter", "Piccadilly Hotel", "M1", 12.21, "hour", "full_time", 40, "temporary",
             "on_site", day(-1), day(14), "Washing up and keeping the hotel kitchen clean. Meals on shift.",
             url="https://www.findajob.example.gov.uk/details/10"),
        _job(11, "Data Entry Clerk", "Remote Records Ltd", "LS2", 22000, "year", "part_time", 25, "contract",
             "remote", day(-2), day(21), "Typing paper records into our system, from home. Laptop provided.",
             url="https://www.findajob.example.gov.uk/details/11"),
        _job(12, "Security Officer", "Safeguard Security", "LS1", (12.5, 14), "hour", "full_time", 42,
             "permanent", "on_site", day(-12), day(6),
             "Keeping shoppers and staff safe at a Leeds shopping centre. You need an SIA licence, or we can help "
             "you get one.", confident=True, url="https://www.findajob.example.gov.uk/details/12"),
    ]


def sample_places():
    """The places the sample vacancies are in, as ``kiosk.jobs.places.Places``."""
    from kiosk.jobs.places import Places
    return Places.from_data(PLACES_DATA)


def sample_job_search(today: dt.date | None = None, places=None, extra: list[dict] = ()) -> JobSearch:
    """A JobSearch over an in-memory cache holding the sample vacancies (and any ``extra`` ones).

    :param today: the kiosk's date (default: today).
    :param places: places to search by (default: ``sample_places()``).
    :param extra: more vacancy dicts to store.
    """
    today = today or dt.date.today()
    db = open_cache(":memory:")
    store_vacancies(db, [*sample_vacancies(today), *extra])
    return JobSearch(db, places=places if places is not None else sample_places(), today=lambda: today)

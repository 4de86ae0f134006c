"""Made-up but realistic vacancies for demos, tests and benchmarks: the same seed always gives the same jobs.

    >>> import datetime
    >>> from kiosk.jobs.places import Places, Town
    >>> places = Places({"LS1": (429644, 433573)}, [Town("Leeds", "ENG", 536280, 429881, 433448, "LS1", ())])
    >>> titles = [("Care assistant", "614"), ("Kitchen porter", "927")]
    >>> jobs = list(generate_vacancies(3, seed=7, places=places, titles=titles, today=datetime.date(2026, 3, 2)))
    >>> [job["id"] for job in jobs], jobs[0]["town"], jobs[0]["postcode_district"]
    (['demo-000001', 'demo-000002', 'demo-000003'], 'Leeds', 'LS1')
    >>> tuple(jobs[0]) == VACANCY_KEYS
    True
    >>> jobs == list(generate_vacancies(3, 7, places, titles, datetime.date(2026, 3, 2)))
    True

Each vacancy is a plain dict with exactly ``VACANCY_KEYS``, the record the vacancy cache stores. Everything is
fictional: employers are invented, web and email addresses are on example.org and example.com, and phone numbers
come from the ranges Ofcom keeps for drama. Common jobs (care assistant, warehouse operative, cleaner, driver...)
come up far more often than rare ones, as on a real jobs board. 300,000 take well under a minute.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import math
import random
import re
from dataclasses import dataclass
from typing import Iterator

from kiosk.jobs.places import Places

#: Adults' minimum hourly pay from April 2026 (the National Living Wage), in pounds.
NATIONAL_LIVING_WAGE = 12.71

#: The keys of every vacancy, in order.
VACANCY_KEYS = ("id", "version", "title", "employer", "description", "town", "postcode_district", "easting",
                "northing", "salary_min", "salary_max", "salary_period", "working_pattern", "hours_per_week",
                "contract", "workplace", "posted", "closes", "disability_confident", "apply_url", "apply_phone",
                "apply_email", "occupation_code")

WEEKS_PER_YEAR = 52.143


@dataclass(frozen=True)
class _Sector:
    words: tuple[str, ...]     # endings for invented employer names
    about: str                 # what the employer does; {town} is filled in
    duties: tuple[str, ...]    # as bullet lines, "- Clean floors..."
    needs: tuple[str, ...]
    pay: tuple[float, float]   # usual hourly rates, pounds
    part_time: float           # share of part-time jobs
    hourly: float              # share of adverts quoting an hourly rate
    office: bool = False       # hybrid and remote work are possible


def _bullets(items: str) -> tuple[str, ...]:
    return tuple(f"- {item[0].upper()}{item[1:]}" for item in items.split("|"))


def _s(words, about, duties, needs, pay, part_time, hourly, office=False) -> _Sector:
    return _Sector(tuple(words.split("|")), about, _bullets(duties), _bullets(needs), pay, part_time, hourly, office)


SECTORS = {
    "care": _s(
        "Care|Home Care|Healthcare|Care Services|Support Services|Care Homes",
        "We provide home care and supported living for older and disabled people in {town} and the villages around "
        "it.",
        "Help people with washing, dressing and personal care, always protecting their dignity|Prepare simple meals "
        "and drinks, and help people to eat where needed|Support people to take their medication as prescribed|Write "
        "clear notes after each visit or shift|Notice changes in someone's health or mood and report them|Help with "
        "light housework, shopping and getting out and about|Build good relationships with the people we support and "
        "their families|Use the moving and handling methods you are trained in",
        "a caring, patient nature|no experience, as full training is given, though care experience is welcome|a "
        "driving licence and a car for community visits is an advantage|willingness to have a background check, "
        "which we pay for|be able to work some evenings and weekends",
        (12.71, 15.20), 0.40, 0.85),
    "childcare": _s(
        "Nurseries|Childcare|Day Nursery|Early Years",
        "We run day nurseries and out-of-school clubs in {town} for children from birth to eleven.",
        "Plan and lead play activities that help children learn and develop|Look after children's care needs, "
        "including meals, nappy changing and sleep times|Keep records of children's progress and share them with "
        "parents|Keep the setting clean, safe and welcoming|Follow safeguarding policies and report any "
        "concerns|Talk with parents and carers at drop-off and collection",
        "a childcare qualification at level 2 or 3, or willingness to work towards one|a warm, patient way with "
        "young children|willingness to have a background check|good communication with parents and colleagues",
        (12.71, 15.00), 0.40, 0.55),
    "cleaning": _s(
        "Cleaning Services|Cleaning|Facilities|Property Services|Hygiene",
        "We clean offices, schools, shops and surgeries across {town} and the wider area.",
        "Clean floors, desks, kitchens and washrooms to a high standard|Empty bins and take waste and recycling to "
        "the right place|Use cleaning machines such as floor scrubbers safely|Restock toilet rolls, soap and paper "
        "towels|Follow the cleaning schedule and sign it off when complete|Report damage, repairs and safety "
        "problems to your supervisor|Store and use cleaning chemicals as you are trained",
        "good attention to detail|reliability, because our customers count on us|no experience, as training is "
        "given|be able to work early mornings or evenings",
        (12.71, 13.90), 0.60, 0.95),
    "retail": _s(
        "Stores|Retail|Foodstores|Home & Garden|Convenience Stores|Pharmacy",
        "We run a growing group of shops selling food, household goods and everyday essentials, with a store in "
        "{town}.",
        "Serve customers at the till quickly and accurately|Fill shelves and rotate stock so the oldest is sold "
        "first|Help customers find what they need and answer their questions|Take deliveries and put stock away "
        "safely|Keep the shop floor clean, tidy and safe|Check dates and remove out-of-date products|Follow the "
        "rules for age-restricted sales",
        "a friendly, helpful manner with customers|be comfortable taking cash and card payments|be able to stand for "
        "long periods and lift boxes|flexibility to work weekends and some evenings",
        (12.71, 14.10), 0.50, 0.85),
    "hospitality": _s(
        "Inns|Hospitality|Kitchens|Hotels|Catering|Dining Rooms",
        "We run pubs, cafes and a hotel in {town}, serving fresh food to locals and visitors.",
        "Prepare food to our recipes and presentation standards|Keep the kitchen and front of house clean and "
        "organised|Wash pots, pans, cutlery and crockery and put them away|Welcome customers warmly and take orders "
        "accurately|Follow food hygiene, allergen and temperature-checking rules|Check deliveries and rotate "
        "stock|Work together with the team through busy services",
        "a level 2 food hygiene certificate, or willingness to get one with us|be able to stay calm and work quickly "
        "when it gets busy|flexibility to work evenings, weekends and bank holidays|good teamwork",
        (12.71, 16.00), 0.45, 0.85),
    "warehouse": _s(
        "Logistics|Distribution|Fulfilment|Supply Chain|Warehousing",
        "We store and deliver goods for online shops and high-street retailers from our distribution centre near "
        "{town}.",
        "Pick and pack orders accurately using a handheld scanner|Load and unload delivery vehicles|Put stock away "
        "in the right place and keep records up to date|Count stock and report damaged goods|Keep your work area "
        "clean, safe and clear|Use pallet trucks and other equipment once trained|Meet daily targets for speed and "
        "accuracy",
        "be physically fit, as the job involves lifting and walking|good attention to detail|a forklift licence is "
        "an advantage but not essential|be willing to work shifts, including nights",
        (12.71, 15.30), 0.15, 0.90),
    "driving": _s(
        "Transport|Haulage|Couriers|Freight|Coaches|Deliveries",
        "We deliver parcels, pallets and passengers safely and on time from our depot in {town}.",
        "Drive safely and legally, following the Highway Code and the rules on drivers' hours|Check your vehicle "
        "every day and report any defects|Plan and follow your route using a handheld device|Load and unload goods "
        "safely, using a tail lift where fitted|Get a signature or photo as proof of delivery|Give customers a "
        "friendly, professional service|Keep your vehicle clean and tidy",
        "a full UK driving licence for the right category, with no more than 6 points|a Driver CPC card and "
        "tachograph card for lorry and bus roles|good knowledge of the local area|be able to start early in the "
        "morning",
        (13.00, 19.50), 0.12, 0.65),
    "construction": _s(
        "Construction|Builders|Building Services|Homes|Contractors|Civil Engineering",
        "We build new homes and carry out repairs and improvements for housing associations and councils around "
        "{town}.",
        "Carry out work to the required standard, following drawings and instructions|Set up and keep a safe working "
        "area|Move materials around site by hand or with lifting equipment|Use hand tools and power tools "
        "safely|Keep the site clean and clear away waste|Work with other trades to keep the job on programme|Report "
        "hazards and accidents to the site manager straight away",
        "a CSCS card, or willingness to get one|relevant experience or a trade qualification|your own hand tools for "
        "trade roles|a driving licence is helpful",
        (13.50, 22.00), 0.05, 0.55),
    "manufacturing": _s(
        "Manufacturing|Foods|Packaging|Plastics|Industries|Products",
        "We make food and packaging products for supermarkets and other manufacturers at our factory in {town}.",
        "Run and feed production machinery safely|Check products against quality standards and remove faulty "
        "items|Keep accurate production records|Clean down machinery and your work area at the end of each "
        "run|Follow food safety, hygiene and health and safety rules|Help with changeovers between product "
        "lines|Work as part of a shift team to meet daily targets",
        "good attention to detail|be able to stand for long periods|willingness to work a rotating shift "
        "pattern|factory experience is useful but not essential",
        (12.71, 16.50), 0.08, 0.80),
    "security": _s(
        "Security|Security Services|Guarding|Protection",
        "We provide trained security officers for shops, offices, events and building sites in and around {town}.",
        "Patrol the site and check that doors, windows and alarms are secure|Control who comes on and off site and "
        "check passes|Watch CCTV and respond to alarms|Deal with incidents calmly and write clear reports|Help "
        "customers, staff and visitors|Follow the site's emergency and fire procedures",
        "an SIA licence for the right role, or willingness to get one with our help|a calm, confident manner|good "
        "written English for reports|be able to work nights and weekends",
        (12.71, 15.00), 0.20, 0.85),
    "customer_service": _s(
        "Contact Centres|Customer Solutions|Energy|Insurance Services|Telecom",
        "Our contact centre in {town} looks after customers of energy, broadband and insurance companies by phone, "
        "email and web chat.",
        "Answer customer calls, emails and web chats|Listen to what the customer needs and find the right "
        "answer|Keep customer records accurate|Process orders, payments and changes to accounts|Handle complaints "
        "calmly and pass on what you cannot solve|Meet quality and service targets",
        "a friendly, patient phone manner|confident use of a computer and keyboard|good spoken and written "
        "English|customer service experience is helpful but not essential",
        (12.71, 15.00), 0.25, 0.45, True),
    "office": _s(
        "Associates|Business Services|Solutions|Partners|Accountants|Housing",
        "We provide accounting, property and business support services to organisations across {town} and beyond.",
        "Answer calls and emails and deal with enquiries|Keep paper and computer records accurate and up to "
        "date|Enter data into our systems and check it for mistakes|Prepare letters, reports and "
        "spreadsheets|Process invoices, orders and payments|Book meetings and keep diaries up to date|Support "
        "colleagues across the team with general admin",
        "good computer skills, including email, word processing and spreadsheets|good organisation and attention to "
        "detail|a clear, polite manner on the phone|GCSE English and maths at grade 4 (C) or above, or equivalent",
        (12.90, 17.50), 0.20, 0.25, True),
    "it": _s(
        "Digital|Software|Systems|Technologies|Data",
        "We design, build and support software and IT systems for businesses and public services, with an office in "
        "{town}.",
        "Design, build and test software or IT systems|Fix problems reported by users and keep them updated|Plan and "
        "prioritise work with colleagues|Write clear documentation|Keep systems secure and up to date|Help improve "
        "how the team works",
        "experience with the tools and technologies this role uses|good problem-solving skills|be able to explain "
        "technical things in plain English|a relevant qualification or equivalent experience",
        (17.00, 35.00), 0.04, 0.05, True),
    "health": _s(
        "Healthcare|Medical Practice|Health Centre|Clinics|Dental Practice",
        "We provide health services to patients from our clinics in {town}, working closely with local GP practices "
        "and hospitals.",
        "Give patients safe, high-quality care|Keep accurate, confidential patient records|Work closely with "
        "doctors, nurses and other professionals|Follow infection control and safeguarding procedures|Support "
        "patients and their families with kindness|Take part in training and keep your skills up to date",
        "registration with the relevant professional body where the role needs it|good communication skills|a "
        "commitment to patient care and confidentiality|be able to work shifts where needed",
        (15.50, 28.00), 0.25, 0.25),
    "education": _s(
        "Academy Trust|College|Learning|Training|Schools",
        "We are a group of schools and colleges in {town} and the surrounding area, committed to every learner doing "
        "well.",
        "Plan and deliver engaging lessons or learning support|Support learners with different needs and "
        "abilities|Track progress and give helpful feedback|Work with parents, carers and colleagues|Help keep "
        "learners safe, following safeguarding procedures|Take part in training and school events",
        "a relevant qualification, or willingness to work towards one|experience of working with children or young "
        "people|patience, energy and good communication|willingness to have a background check",
        (13.00, 26.00), 0.30, 0.30),
    "engineering": _s(
        "Engineering|Electrical|Motors|Mechanical Services|Fabrications",
        "We install, maintain and repair machinery, vehicles and electrical systems for customers across {town} and "
        "the region.",
        "Carry out planned maintenance and repairs|Find faults and fix them first time where possible|Read drawings, "
        "manuals and wiring diagrams|Complete job sheets and safety paperwork|Order parts and keep the van or "
        "workshop stocked|Work safely, following risk assessments|Explain the work done to customers clearly",
        "a relevant trade qualification, such as NVQ level 3, or an apprenticeship|experience in a similar role|a "
        "driving licence for roles out on the road|good fault-finding skills",
        (14.00, 22.00), 0.04, 0.50),
    "management": _s(
        "Group|Holdings|Partners|Enterprises",
        "We are an established business in {town} with a strong local reputation, and we are growing.",
        "Lead, motivate and develop your team|Plan work, rotas and budgets|Make sure targets for quality, safety and "
        "service are met|Report on performance to senior managers|Deal with problems and complaints "
        "professionally|Look for ways to improve how things are done",
        "experience of managing people|good organisation and decision-making|confidence with numbers, budgets and "
        "reports|a calm approach under pressure",
        (17.00, 32.00), 0.05, 0.07, True),
    "professional": _s(
        "Consulting|Partners|Associates|Advisory",
        "We are a professional services firm based in {town}, with clients in the public and private sectors.",
        "Use your professional knowledge to deliver high-quality work|Manage your own workload and meet "
        "deadlines|Work closely with clients and colleagues|Write clear reports and advice|Keep up to date with "
        "changes in your field|Support and guide junior colleagues",
        "a degree or professional qualification in a relevant subject|experience in a similar role|strong written "
        "and spoken communication|good IT skills",
        (18.00, 36.00), 0.08, 0.05, True),
    "associate": _s(
        "Services|Solutions|Group|Associates",
        "We are a growing organisation in {town} providing specialist services to businesses and the public.",
        "Give specialist technical or practical support|Keep accurate records and write reports|Work with colleagues "
        "and clients to solve problems|Follow procedures, regulations and quality standards|Plan your own "
        "workload|Help train new team members",
        "a relevant qualification or equivalent experience|good IT and communication skills|good organisation|a "
        "flexible approach",
        (14.50, 24.00), 0.12, 0.15, True),
    "services": _s(
        "Leisure|Services|Salons|Pet Care|Travel",
        "We run leisure, beauty and personal services for customers in {town}.",
        "Give every customer a warm welcome and a great experience|Carry out services to a high standard|Keep your "
        "area clean, safe and ready for the next customer|Take bookings and payments|Follow health and safety and "
        "hygiene rules|Help promote our services and products",
        "a friendly, customer-focused manner|relevant qualifications where the role needs them|flexibility to work "
        "weekends and evenings|reliability and good timekeeping",
        (12.71, 14.80), 0.40, 0.80),
    "general": _s(
        "Services|Facilities|Estates|Group",
        "We provide facilities, estates and support services to sites across {town}.",
        "Carry out general duties as directed by your supervisor|Move and carry goods, equipment and waste|Keep work "
        "areas clean, tidy and safe|Follow health and safety rules and wear the protective clothing provided|Report "
        "problems or damage|Help colleagues where needed",
        "a willing, hard-working attitude|be physically fit|reliability and good timekeeping|no experience, as "
        "training is given",
        (12.71, 13.90), 0.35, 0.90),
}

# SOC 2010 minor groups with a sector of their own; the rest go by major group (the first digit).
_SECTOR_OF_GROUP = {code: sector for sector, codes in {
    "care": "614", "childcare": "612", "services": "613 621 622 629", "cleaning": "923 623 624",
    "retail": "711 712 713 925", "hospitality": "543 927", "warehouse": "926 822", "driving": "821 823",
    "construction": "531 532 533 814 912", "manufacturing": "811 812 813 913 541 542 544",
    "security": "924 331", "customer_service": "721 722", "office": "411 412 413 415 416 421 921 353 354 356",
    "it": "213 313", "health": "221 222 223 321", "education": "231", "engineering": "521 522 523 524 525 311",
}.items() for code in codes.split()}
_SECTOR_OF_MAJOR = dict(zip("123456789", ("management", "professional", "associate", "office", "engineering",
                                          "services", "retail", "manufacturing", "general")))

#: How often each common job comes up, relative to the others; all other titles share 18 % of adverts.
COMMON_TITLES = {title: int(weight) for title, weight in (pair.split("=") for pair in (
    "care assistant=60|care worker=45|senior care assistant=15|home carer=15|community support worker=10|"
    "mental health support worker=8|health care support worker=10|warehouse operative=50|warehouse assistant=20|"
    "order picker=15|packer=12|fork lift truck driver=15|stores assistant=6|cleaner=45|office cleaner=10|"
    "domestic assistant=10|laundry assistant=4|refuse collector=4|van driver=20|delivery driver=30|"
    "multi drop driver=10|hgv driver=25|lgv driver=10|bus driver=10|taxi driver=6|courier=8|"
    "retail assistant=35|sales assistant=30|shop assistant=10|shelf filler=8|pharmacy assistant=6|"
    "sales adviser=8|kitchen porter=25|kitchen assistant=15|catering assistant=15|chef=20|cook=10|head chef=6|"
    "bar staff=15|waiter=10|waitress=8|hospital porter=4|baker=4|butcher=3|administrator=25|"
    "administrative assistant=20|office administrator=12|receptionist=15|data entry clerk=6|"
    "accounts assistant=8|payroll administrator=4|personal assistant=4|bookkeeper=4|accountant=5|"
    "customer service adviser=25|customer service assistant=10|call centre agent=8|call handler=6|"
    "security officer=15|door supervisor=5|building labourer=12|electrician=10|plumber=8|joiner=8|carpenter=6|"
    "bricklayer=5|painter and decorator=6|plasterer=4|maintenance engineer=8|vehicle technician=6|"
    "motor mechanic=5|welder=5|assembler=6|teaching assistant=15|learning support assistant=6|nursery nurse=8|"
    "nursery assistant=6|staff nurse=8|registered nurse=8|dental nurse=4|hairdresser=4|gardener=4|caretaker=4|"
    "postman=3|lifeguard=3|fitness instructor=3|recruitment consultant=5|sales executive=5|"
    "software developer=6|it support technician=5|project manager=5|store manager=5|social worker=4"
).split("|"))}
_RARE_SHARE = 0.18

_INTROS = ("{employer} is looking for {a_title} to join our friendly team in {town}.",
           "We are recruiting {a_title} in {town}, and we would love to hear from you.",
           "Are you looking for your next job as {a_title}? {employer} has a vacancy in {town}.",
           "Join {employer} as {a_title} in {town} and make a real difference every day.")
_ABOUT_MORE = ("We have a team of {staff} people and a strong local reputation.",
               "We are proud of our friendly, supportive culture and we invest in our people.",
               "Many of our managers started with us in entry-level jobs, and we like to promote from within.",
               "We are family-owned and have been part of the local community for over {years} years.")
# Paragraphs some employers add, so adverts vary in length the way real ones do.
_EXTRAS = (
    "Training and development\nYou will start with a paid induction, working alongside experienced colleagues until "
    "you feel confident. After that you will have regular training, and we will support you to gain qualifications "
    "that help your career.",
    "Working hours\nRotas are planned at least two weeks ahead. We try to be flexible around childcare and other "
    "commitments, so please tell us at interview what works for you.",
    "Our values\nWe treat everyone with respect, we are honest about what we can and cannot do, and we always look "
    "for ways to do better. We want our team to reflect the community we serve, and we particularly welcome "
    "applications from people who are under-represented in our workforce.",
    "Getting here\nOur site in {town} is close to bus routes, and there is parking for staff. If you need help with "
    "travel costs in your first month, ask us: we may be able to help.",
    "Checks\nThis job is subject to satisfactory references and proof of your right to work in the UK. Where the "
    "law requires it, we will also ask for a criminal record check, which we will pay for.",
)
_OFFERS = _bullets(
    "28 days' holiday, including bank holidays|a workplace pension with employer contributions|paid training and "
    "the chance to gain qualifications|free parking|a free uniform|a confidential employee assistance helpline|staff "
    "discounts|a bonus for recommending a friend|shifts that can fit around family life|weekly pay|sick pay above "
    "the legal minimum after probation|free meals on shift|a cycle to work scheme|a supportive manager and a "
    "friendly team|regular one-to-one meetings with your manager|overtime paid at time and a half|a clear route to "
    "promotion|mileage paid at 45p a mile|life assurance|an extra day off for your birthday")
_PLACE_PARTS = ("Ash", "Brook", "Fern", "Heron", "Kestrel", "Oak", "Willow", "Thorn", "Elm", "Birch", "Hazel", "Rowan",
                "Larch", "Moor", "Marsh", "Wren", "Linnet", "Bramble", "Heather", "Holly", "Aspen", "Alder", "Beacon",
                "Meadow", "Orchard", "Stone", "Mill", "Fair", "Lark", "Swallow", "Otter", "Cedar", "Harrow")
_PLACE_ENDINGS = ("field", "dale", "ley", "wood", "combe", "mere", "hurst", "ford", "bury", "stead", "well", "holme",
                  "brook", "side", "bank", "croft", "dene")
_SURNAMES = ("Harrow", "Dene", "Whitlock", "Pryce", "Garside", "Hebden", "Morgan", "Llewellyn", "McAllister", "Oduya",
             "Patel", "Khan", "Nowak", "Okafor", "Ferris", "Holt", "Lister", "Bramwell", "Cartwright", "Ashworth",
             "Threlfall", "Penrose", "Rees", "Pritchard", "Mackay", "Sinclair", "Docherty", "Quayle", "Gill",
             "Begum", "Chaudhry", "Adeyemi", "Kowalski", "Baxter", "Fairbairn", "Mellor", "Rigby", "Sutcliffe",
             "Varley", "Wainwright", "Yeadon", "Jenkins", "Hughes", "Campbell", "Fraser")
_EMAIL_NAMES = ("jobs", "recruitment", "careers", "hr", "apply", "vacancies", "hello")
# Ofcom keeps these numbers for drama: never connected to anyone. A local one where there is one for the area.
_DRAMA_PHONES = {area: prefix for prefixes, prefix in (
    ("LS", "0113 496 0"), ("S", "0114 496 0"), ("NG", "0115 496 0"), ("LE", "0116 496 0"), ("BS", "0117 496 0"),
    ("RG", "0118 496 0"), ("B", "0121 496 0"), ("EH", "0131 496 0"), ("G", "0141 496 0"), ("L", "0151 496 0"),
    ("M", "0161 496 0"), ("NE SR DH", "0191 498 0"), ("E EC N NW SE SW W WC", "020 7946 0"), ("CF", "029 2018 0"),
) for area in prefixes.split()}
_NATIONAL_PHONES = ("01632 960", "01632 960", "03069 990", "07700 900", "0808 157 0")
_FULL_TIME_HOURS = (35.0, 37.0, 37.5, 37.5, 37.5, 39.0, 40.0, 40.0)
_PART_TIME_HOURS = (8.0, 10.0, 12.0, 15.0, 16.0, 16.0, 20.0, 20.0, 20.0, 22.5, 24.0, 25.0, 25.0, 28.0, 29.0)
_CONTRACT_TEXT = {"permanent": "a permanent", "temporary": "a temporary", "contract": "a fixed-term contract",
                  "apprenticeship": "an apprenticeship"}
_PERIOD_TEXT = {"hour": "an hour", "week": "a week", "month": "a month", "year": "a year"}


def _sector_of(code: str) -> str:
    return _SECTOR_OF_GROUP.get(code[:3]) or _SECTOR_OF_MAJOR.get(code[:1], "general")


def _with_article(phrase: str) -> str:
    first = phrase.split(" ")[0]
    if first.isupper():  # said letter by letter: "an HGV driver", "a CNC machinist"
        return ("an " if first[0] in "AEFHILMNORSX" else "a ") + phrase
    vowel = first[0].lower() in "aeiou" and not first.lower().startswith(("uni", "use", "usu", "eu", "one"))
    return ("an " if vowel else "a ") + phrase


def _in_sentence(title: str) -> str:
    first = title.split(" ")[0]
    if first.isupper() or first in ("English", "Welsh", "Scottish", "British", "French", "German", "Spanish"):
        return title
    return title[0].lower() + title[1:]


def _cumulative(weights) -> list[float]:
    return list(itertools.accumulate(weights))


class _Plan:
    """Everything worked out once per run, so each vacancy costs only a few random draws and lookups."""

    def __init__(self, rng: random.Random, places: Places, titles: list[tuple[str, str]], today: datetime.date):
        if not titles:
            raise ValueError("generate_vacancies needs at least one job title")
        self.titles = []
        common = [COMMON_TITLES.get(title.lower(), 0) for title, _ in titles]
        rare_count = sum(1 for weight in common if not weight) or 1
        rare_weight = (sum(common) * _RARE_SHARE / (1 - _RARE_SHARE) / rare_count) if sum(common) else 1.0
        for (title, code), weight in zip(titles, common):
            apprentice = "Apprentice " + _in_sentence(title)
            self.titles.append((title, code, _sector_of(code), _with_article(_in_sentence(title)),
                                apprentice, _with_article(_in_sentence(apprentice))))
        self.title_totals = _cumulative(weight or rare_weight for weight in common)
        towns = places.towns()
        if not towns:
            raise ValueError("generate_vacancies needs places with at least one town")
        self.towns = [(t.name, t.district, t.easting, t.northing, min(15000, 250 + 5 * math.sqrt(t.population)),
                       _DRAMA_PHONES.get(re.match(r"[A-Z]*", t.district)[0])) for t in towns]
        self.town_totals = _cumulative(max(t.population, 200) for t in towns)
        self.employers = {key: self._employers(rng, sector) for key, sector in SECTORS.items()}
        # Index 45 is today: adverts are posted up to 44 days before it and close up to 42 days after it.
        days = [today + datetime.timedelta(days=offset) for offset in range(-45, 61)]
        self.iso_days = [day.isoformat() for day in days]
        self.long_days = [f"{day.day} {day:%B %Y}" for day in days]

    @staticmethod
    def _employers(rng: random.Random, sector: _Sector):
        names: dict[str, str] = {}
        while len(names) < 250:
            word, surname, other = rng.choice(sector.words), rng.choice(_SURNAMES), rng.choice(_SURNAMES)
            place = rng.choice(_PLACE_PARTS) + rng.choice(_PLACE_ENDINGS)
            name = rng.choice((f"{surname} & {other} {word} Ltd", f"{place} {word}", f"{place} {word} Ltd",
                               f"{surname} {word}", f"{place} {word} Group"))
            if surname != other and not name.endswith("Group Group"):
                names.setdefault(name, "".join(re.findall(r"[a-z]+", name.lower().replace("ltd", ""))[:2]))
        return list(names.items()), _cumulative(1 / (rank + 1) ** 0.6 for rank in range(len(names)))


def generate_vacancies(count: int, seed: int, places: Places, titles: list[tuple[str, str]],
                       today: datetime.date) -> Iterator[dict]:
    """Yield ``count`` invented vacancies; the same arguments always give exactly the same ones.

    About 5 % closed before ``today`` (a search must hide them), about 8 % give no pay, about 30 % are from
    Disability Confident employers, and hourly pay is never below ``NATIONAL_LIVING_WAGE``.

    :param count: how many.
    :param seed: any int; different seeds give different vacancies.
    :param places: towns to put the jobs in, weighted by population (``kiosk.jobs.places.load_places()``).
    :param titles: (title, SOC code) pairs (``kiosk.jobs.occupations.load_job_titles()``).
    :param today: adverts are posted in the 45 days up to this date.
    """
    rng = random.Random(seed)
    plan = _Plan(rng, places, titles, today)
    for number in range(1, count + 1):
        yield _vacancy(rng.random, plan, number)


def _pick(totals: list[float], draw: float) -> int:
    # The min() guards against float rounding putting draw * total on the last boundary.
    return min(bisect.bisect_right(totals, draw * totals[-1]), len(totals) - 1)


def _vacancy(r, plan: _Plan, number: int) -> dict:
    ident = f"demo-{number:06d}"
    title, code, sector_key, a_title, apprentice, a_apprentice = plan.titles[_pick(plan.title_totals, r())]
    sector = SECTORS[sector_key]
    town, district, easting, northing, radius, phone_prefix = plan.towns[_pick(plan.town_totals, r())]
    names, totals = plan.employers[sector_key]
    employer, slug = names[_pick(totals, r())]
    draw = r()
    contract = ("permanent" if draw < 0.72 else "temporary" if draw < 0.85 else "contract" if draw < 0.93
                else "apprenticeship")
    if contract == "apprenticeship":
        title, a_title = apprentice, a_apprentice
    part_time = r() < sector.part_time
    choices = _PART_TIME_HOURS if part_time else _FULL_TIME_HOURS
    hours = None if r() < 0.05 else choices[int(r() * len(choices))]
    workplace = "on_site"
    if sector.office:
        draw = r()
        workplace = "on_site" if draw < 0.55 else "hybrid" if draw < 0.88 else "remote"
    salary_min, salary_max, period = _pay(r, sector, part_time, hours)
    if r() < 0.05:  # already closed: posted at least two days ago, closed before today
        posted = 45 - 2 - int(r() * 43)
        closes = posted + 1 + int(r() * (44 - posted))
    else:
        posted = 45 - int(r() * 45)
        closes = max(45 + int(r() * 43), posted + 1)
    disability_confident = r() < 0.30
    url = f"https://example.org/jobs/{ident}" if r() < 0.75 else None
    phone = None
    if r() < 0.30:
        prefix = phone_prefix if phone_prefix and r() < 0.8 else _NATIONAL_PHONES[int(r() * 5)]
        phone = f"{prefix}{int(r() * 1000):03d}"
    email = f"{_EMAIL_NAMES[int(r() * 7)]}@{slug}.example.com" if r() < 0.35 else None
    if not (url or phone or email):
        url = f"https://{slug}.example.org/careers/{ident}"
    terms = _terms(contract, part_time, hours, workplace, town)
    pay_line = _pay_line(salary_min, salary_max, period, part_time)
    apply_line = _apply_line(url, phone, email, plan.long_days[closes], disability_confident, r)
    intro = _INTROS[int(r() * 4)].format(employer=employer, a_title=a_title, town=town) + " " + terms
    if r() < 0.06:  # a few employers write very little
        description = f"{intro}\n\n{pay_line}\n\n{apply_line}"
    else:
        start = int(r() * len(_EXTRAS))
        extras = (_EXTRAS[start:] + _EXTRAS[:start])[:int(r() * 4)]
        description = "\n\n".join((intro, _about(r, sector, town),
                                   _list(r, f"As {a_title}, you will:", sector.duties, 4),
                                   _list(r, "What we are looking for:", sector.needs, 3),
                                   _list(r, "What we offer:", _OFFERS, 4),
                                   *(extra.format(town=town) for extra in extras), pay_line, apply_line))
    return {"id": ident, "version": 1, "title": title, "employer": employer, "description": description,
            "town": town, "postcode_district": district, "easting": int(easting + (2 * r() - 1) * radius),
            "northing": int(northing + (2 * r() - 1) * radius), "salary_min": salary_min, "salary_max": salary_max,
            "salary_period": period, "working_pattern": "part_time" if part_time else "full_time",
            "hours_per_week": hours, "contract": contract, "workplace": workplace, "posted": plan.iso_days[posted],
            "closes": plan.iso_days[closes], "disability_confident": disability_confident, "apply_url": url,
            "apply_phone": phone, "apply_email": email, "occupation_code": code}


def _pay(r, sector: _Sector, part_time: bool, hours: float | None) -> tuple[float | None, float | None, str | None]:
    low, high = sector.pay
    rate = max(NATIONAL_LIVING_WAGE, low + (high - low) * r() ** 1.6)  # most jobs near the bottom of the range
    single = r() < 0.3
    if r() < 0.08:
        return None, None, None
    if r() < sector.hourly or (part_time and hours is None):
        pounds = NATIONAL_LIVING_WAGE if rate < NATIONAL_LIVING_WAGE + 0.1 else math.ceil(rate * 20) / 20
        return round(pounds, 2), round(pounds + (0 if single else (0.25, 0.5, 1.0, 1.5, 2.0)[int(r() * 5)]), 2), "hour"
    draw = r()
    if draw < 0.05 and hours:
        pounds = math.ceil(rate * hours)
        return float(pounds), float(pounds + (0 if single else (10, 20, 25, 50)[int(r() * 4)])), "week"
    # Yearly and monthly pay for part-time jobs is quoted for full time ("pro rata"), so 37.5 hours.
    annual = rate * (40 if hours is None else 37.5 if part_time else hours) * WEEKS_PER_YEAR
    if draw < 0.10:
        pounds = math.ceil(annual / 12 / 50) * 50
        return float(pounds), float(pounds + (0 if single else (100, 150, 200, 300)[int(r() * 4)])), "month"
    pounds = math.ceil(annual / 500) * 500
    return float(pounds), float(pounds + (0 if single else (1000, 1500, 2000, 3000, 5000)[int(r() * 5)])), "year"


def _terms(contract: str, part_time: bool, hours: float | None, workplace: str, town: str) -> str:
    pattern = "part-time" if part_time else "full-time"
    amount = f" of {hours:g} hours a week" if hours else ", with hours that vary from week to week"
    text = f"This is {_CONTRACT_TEXT[contract]}, {pattern} job{amount}."
    if contract == "apprenticeship":
        text += (" You will earn while you learn, spending at least a fifth of your time training for a"
                 " recognised qualification.")
    if workplace == "hybrid":
        text += f" It is a hybrid role: part of the week at our {town} office and the rest at home."
    elif workplace == "remote":
        text += " You will work from home, with an occasional visit to our office."
    return text


def _about(r, sector: _Sector, town: str) -> str:
    more = _ABOUT_MORE[int(r() * 4)].format(staff=(25, 40, 60, 120, 350, 900)[int(r() * 6)],
                                            years=(10, 15, 20, 30, 50)[int(r() * 5)])
    return f"About us\n{sector.about.format(town=town)} {more}"


def _list(r, heading: str, items: tuple[str, ...], at_least: int) -> str:
    # A random run of consecutive items (wrapping round) is as varied as a sample and much cheaper.
    count = min(len(items), at_least + int(r() * 4))
    start = int(r() * len(items))
    chosen = (items[start:] + items[:start])[:count]
    return heading + "\n" + "\n".join(chosen)


def _pay_line(low: float | None, high: float | None, period: str | None, part_time: bool) -> str:
    if period is None:
        return "Pay: competitive, depending on experience. We will discuss it with you at interview."
    money = (lambda x: f"£{x:,.2f}") if period == "hour" else (lambda x: f"£{x:,.0f}")
    amount = money(low) if low == high else f"{money(low)} to {money(high)}"
    pro_rata = " (pro rata)" if part_time and period in ("month", "year") else ""
    return f"Pay: {amount} {_PERIOD_TEXT[period]}{pro_rata}."


def _apply_line(url: str | None, phone: str | None, email: str | None, closes: str, confident: bool, r) -> str:
    ways = [text for text in (url and f"visit {url}", phone and f"call our recruitment team on {phone}",
                              email and f"email your CV to {email}") if text]
    text = f"How to apply\nTo apply, {', or '.join(ways)}. The closing date is {closes}."
    if r() < 0.5:
        text += " We may close the advert early if we receive a lot of applications."
    if confident:
        text += (" We are a Disability Confident employer: if you have a disability and meet the essential"
                 " requirements for this job, we will offer you an interview.")
    return text + " We welcome applications from everyone and will make reasonable adjustments at any stage."

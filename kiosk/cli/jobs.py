"""``kiosk demo-data`` and ``kiosk search``: the vacancy cache from the command line, for staff and scripts.

    kiosk demo-data --vacancies 300000 --seed 1
    kiosk search "care assistant" --near Leeds --radius 10 --contract permanent --json
"""

from __future__ import annotations


import datetime as dt
import itertools
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

from kiosk.jobs.cache import CACHE_FILE, open_cache, store_vacancies, vacancy_count
from kiosk.jobs.query import JobQuery
from kiosk.jobs.search import JobSearch


def cache_path(settings: dict, given: str | None) -> Path:
    """The cache file: ``--cache`` if given, else vacancies.db in the data folder.

    :param settings: the checked config.
    :param given: the ``--cache`` argument.
    """
    return Path(given) if given else Path(settings["kiosk.data_dir"]) / CACHE_FILE


def progress(items, total: int, label: str, out=sys.stderr, width: int = 30):
    """Yield ``items`` while drawing a progress bar on ``out`` (only when it is a terminal).

    :param items: any iterable.
    :param total: how many there will be.
    :param label: what is being done.
    """
    show = hasattr(out, "isatty") and out.isatty()
    started, shown = time.monotonic(), -1
    for done, item in enumerate(items, 1):
        yield item
        percent = done * 100 // max(total, 1)
        if show and (percent != shown or done == total):
            shown = percent
            filled = width * done // max(total, 1)
            out.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {percent:3d}% {done:,}/{total:,}")
            out.flush()
    if show:
        out.write(f"  {time.monotonic() - started:.0f} s\n")


def demo_data(settings: dict, args) -> int:
    """Fill the cache with demo vacancies, one in every 200 (at least 20) written in Welsh, in Wales; does nothing
    if it already holds this exact set. A kiosk with no office config gets the demo office's local help too.

    :param settings: the checked config.
    :param args: ``--vacancies``, ``--seed``, ``--cache``.
    """
    from kiosk.jobs.demo_data import generate_vacancies
    from kiosk.jobs.demo_welsh import generate_welsh_vacancies, welsh_share
    from kiosk.jobs.job_titles import load_job_titles
    from kiosk.jobs.places import load_places

    path = cache_path(settings, args.cache)
    db = open_cache(path)
    today = dt.date.today()
    stamp = f"{args.vacancies}:{args.seed}:{today.isoformat()}:cy"
    done = db.execute("SELECT value FROM cache_state WHERE key = 'demo_data'").fetchone()
    if done and done[0] == stamp:
        print(f"{path} already holds these {vacancy_count(db):,} demo vacancies.")
        _demo_office(settings)
        return 0
    try:
        places, titles = load_places(), load_job_titles()
    except FileNotFoundError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 2
    # Adverts written in Welsh too, in Wales, so a search in either language finds adverts in the other. Stored
    # first: "best match" lists the last stored first, and a page of "cleaner" should not be all "Glanhawr".
    welsh = welsh_share(args.vacancies)
    records = itertools.chain(generate_welsh_vacancies(welsh, args.seed, places, today),
                              generate_vacancies(args.vacancies, args.seed, places, titles, today))
    stored, refused = store_vacancies(db, progress(records, args.vacancies + welsh, "Making demo vacancies"))
    with db.conn:
        db.execute("INSERT OR REPLACE INTO cache_state (key, value) VALUES ('demo_data', ?)", [stamp])
    print(f"{path}: {stored:,} demo vacancies stored, {refused:,} refused; {vacancy_count(db):,} in the cache.")
    _demo_office(settings)
    return 0


def _demo_office(settings: dict) -> None:
    """Give a kiosk with no office config the demo office's "Help near you" (``assets/demo/office.toml``)."""
    from sync.office import write_demo_office
    if write_demo_office(Path(settings["kiosk.data_dir"])):
        print("Added the demo office's \"Help near you\" list (made-up local organisations). The office config "
              "from the central service replaces it.")


def search(settings: dict, args) -> int:
    """Run one search and print the results, as text or JSON.

    :param settings: the checked config.
    :param args: the ``kiosk search`` arguments.
    """
    if args.sort == "nearest" and not args.near.strip():
        print("kiosk: --sort nearest needs --near PLACE: nearest to where?", file=sys.stderr)
        return 2
    path = cache_path(settings, args.cache)
    if not path.exists():
        print(f"kiosk: there is no vacancy cache at {path}. Fill it with: kiosk demo-data", file=sys.stderr)
        return 2
    try:
        from kiosk.jobs.places import load_places
        places = load_places()
    except FileNotFoundError:
        places = None
    job_search = JobSearch(open_cache(path), places=places)
    query = JobQuery(text=args.text, place=args.near, radius_miles=args.radius, hours=frozenset(args.hours),
                     contracts=frozenset(args.contract), min_pay=args.min_pay,
                     posted_within_days=args.posted_within, remote=args.remote,
                     disability_confident=args.disability_confident, sort=args.sort, page=max(0, args.page - 1),
                     as_typed=args.as_typed)
    started = time.perf_counter()
    result = job_search.search(query)
    took = (time.perf_counter() - started) * 1000
    place_name = getattr(result.place, "name", None)  # a kiosk.jobs.places.Place, or None
    if args.json:
        print(json.dumps({"total": result.total, "hits": [asdict(hit) for hit in result.hits],
                          "facets": result.facets, "place": place_name,
                          "place_unknown": result.place_unknown, "did_you_mean": result.did_you_mean,
                          "corrected_from": result.corrected_from, "corrected_to": result.corrected_to,
                          "milliseconds": round(took, 1)}, ensure_ascii=False, indent=1))
        return 0
    if result.place_unknown:
        print(f"We do not know the place {args.near!r}. Try a town or a postcode.")
        return 1
    where = f" within {args.radius:g} miles of {place_name}" if result.place else ""
    if result.corrected_to:
        print(f"Showing jobs for: {result.corrected_to} (--as-typed to search for {result.corrected_from!r})")
    print(f"{result.total:,} jobs found{where} ({took:.0f} ms).")
    if result.did_you_mean:
        print(f"Did you mean: {result.did_you_mean}?")
    for number, hit in zip(itertools.count(query.page * query.page_size + 1), result.hits):
        distance = f", {hit.distance_miles:g} miles" if hit.distance_miles is not None else ""
        print(f"{number:4}. {hit.title} - {hit.employer}, {hit.town or 'anywhere'}{distance} [{hit.id}]")
    return 0

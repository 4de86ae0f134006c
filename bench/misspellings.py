"""The share of real misspellings whose intended jobs a search shows on its first page, with no further touch.

    from misspellings import misspelling_report      # bench/ on sys.path
    print(misspelling_report(search))

The list is ``bench/misspellings.toml`` (real misspellings from codespell's Wikipedia-derived list; see its
header). A search succeeds when a job on its first page has every word meant in its title (a title word starting
with it: "driver" counts in "drivers"), whether the words typed found it or the correction shown at once did. A
"Did you mean" is not a success: it needs another touch.
"""

from __future__ import annotations

import statistics
import time
import tomllib
from pathlib import Path

from kiosk.jobs.query import JobQuery
from kiosk.jobs.spelling import title_words

MISSPELLINGS = Path(__file__).resolve().parent / "misspellings.toml"


def shows_intended_jobs(search, typed: str, meant: str) -> tuple[bool, float]:
    """Whether the first page for ``typed`` has a job titled with every word of ``meant``, and the ms it took."""
    started = time.perf_counter()
    result = search.search(JobQuery(text=typed))
    took = (time.perf_counter() - started) * 1000
    wanted = meant.split()
    found = any(all(any(word.startswith(w) for word in title_words(hit.title)) for w in wanted)
                for hit in result.hits)
    return found, took


def misspelling_report(search, others: dict[str, dict[str, str]] | None = None) -> tuple[float, str]:
    """(share found over ``bench/misspellings.toml``, the lines to print); ``others`` are more lists to report on
    their own lines, left out of the share (``search_queries.toml``'s made-up [typos])."""
    lists = tomllib.loads(MISSPELLINGS.read_text(encoding="utf-8"))
    lines, found_all, total_all = [], 0, 0
    for name, pairs in {**lists, **(others or {})}.items():
        found, missed, times, suggested, suggest_ms = 0, [], [], 0, []
        for typed, meant in pairs.items():
            ok, took = shows_intended_jobs(search, typed, meant)
            times.append(took)
            found += ok
            if not ok:
                missed.append(f"{typed}->{meant}")
            started = time.perf_counter()
            titles = search.suggest(typed)
            suggest_ms.append((time.perf_counter() - started) * 1000)
            suggested += any(all(w in title_words(title) for w in meant.split()) for title in titles)
        if name in lists:
            found_all, total_all = found_all + found, total_all + len(pairs)
        lines.append(f"misspellings [{name}]: {found} of {len(pairs)} show the intended jobs on the first page with "
                     f"no further touch ({found / len(pairs):.0%}); search ms p50 {statistics.median(times):.1f}, "
                     f"max {max(times):.1f}; missed: {', '.join(missed) or 'none'}")
        lines.append(f"  type-ahead for the same: {suggested} of {len(pairs)} suggest a title with the word meant "
                     f"({suggested / len(pairs):.0%}); ms p50 {statistics.median(suggest_ms):.1f}, "
                     f"max {max(suggest_ms):.1f}")
    return found_all / total_all, "\n".join(lines)

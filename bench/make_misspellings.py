"""Writes bench/misspellings.toml: real misspellings of the words job titles use most, from codespell's list.

    .venv/bin/pip download --no-deps codespell==2.4.3 -d /tmp/codespell
    unzip -p /tmp/codespell/codespell-2.4.3-py3-none-any.whl codespell_lib/data/dictionary.txt > /tmp/dictionary.txt
    .venv/bin/python bench/make_misspellings.py /tmp/dictionary.txt [--cache FILE]

codespell's ``dictionary.txt`` (one ``wrong->right`` a line) is derived from English Wikipedia's "Lists of common
misspellings" and is released under CC BY-SA 3.0; the file written carries that notice. The words kept are the
misspellings with one correction that is one of the 100 words most used in job titles (4 letters or more, and a
word of the ONS occupation index), counted over the demo cache ``bench/search.py`` uses (300,000 vacancies, seed 1),
leaving out a misspelling that is itself a word of the index (that is another search, not a mistake).
"""

from __future__ import annotations

import argparse
import collections
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.jobs.spelling import occupation_words, title_words

HEADER = """\
# Real misspellings of job words, for bench/search.py: a search for each should show jobs for the word meant on its
# first page with no further touch.
#
# Source: codespell 2.4.3 (PyPI), codespell_lib/data/dictionary.txt, which is derived from English Wikipedia's
# "Lists of common misspellings" (https://en.wikipedia.org/wiki/Wikipedia:Lists_of_common_misspellings) and is
# licensed under the Creative Commons Attribution-ShareAlike 3.0 licence
# (https://creativecommons.org/licenses/by-sa/3.0/). This extract is under the same licence.
# Kept: misspellings with one correction that is one of the {top} words most used in job titles (4 letters or more,
# and a word of the ONS occupation index) in the demo cache of 300,000 vacancies (seed 1), unless the misspelling is
# itself a word of the index. Made by bench/make_misspellings.py; {count} misspellings of {words} words.

[misspellings]
"""

ISSUE = """
# The searches issue #16 names as failing before (not from codespell).
[issue16]
"lorry drievr" = "lorry driver"
recepshonist = "receptionist"
shef = "chef"
butchr = "butcher"
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dictionary", type=Path, help="codespell's dictionary.txt")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "jobpoint" / "bench" /
                        "300000-seed1" / "vacancies.db")
    parser.add_argument("--top", type=int, default=100)
    args = parser.parse_args(argv)
    index = occupation_words()
    counts: collections.Counter[str] = collections.Counter()
    with sqlite3.connect(args.cache) as db:
        for title, vacancies in db.execute("SELECT title, vacancies FROM titles"):
            counts.update(dict.fromkeys(set(title_words(title)), vacancies))
    common = {word for word, _ in counts.most_common(args.top) if len(word) >= 4 and word in index}
    pairs = {}
    for line in args.dictionary.read_text(encoding="utf-8").splitlines():
        wrong, _, right = line.partition("->")
        corrections = [word.strip() for word in right.split(",") if word.strip()]
        if len(corrections) == 1 and corrections[0] in common and wrong.isalpha() and wrong not in index:
            pairs[wrong] = corrections[0]
    lines = [f'{wrong} = "{right}"' for wrong, right in sorted(pairs.items(), key=lambda p: (p[1], p[0]))]
    text = HEADER.format(top=args.top, count=len(pairs), words=len(set(pairs.values()))) + "\n".join(lines) + "\n"
    (ROOT / "bench" / "misspellings.toml").write_text(text + ISSUE, encoding="utf-8")
    print(f"{len(pairs)} misspellings of {len(set(pairs.values()))} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Case-list ordering over a big store (issue 10): the first page of each sort and due view, in SQL.

    complaint-desk --data-dir /tmp/desk100k init --branch 0591 --branch-name 福州分行营业部 --desk W01
    complaint-desk --data-dir /tmp/desk100k demo-data 100000        # once
    .venv/bin/python bench/list_sort_bench.py /tmp/desk100k [--rounds 7]

Prints, per sort key and direction, for the whole list, the open, overdue and
due-soon views and a search for a common surname, the median and worst time of
``search_cases`` for the first page of 200 (what a header click or a filter
change waits for before the list redraws). Target: 50 ms. Asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.desk import open_desk  # noqa: E402
from app.services.case_search import count_matching, search_cases  # noqa: E402
from app.services.queries import CaseFilter, DueFilter, SortKey  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("store", type=Path)
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    desk = open_desk(args.store)
    rb = desk.rulebook
    views = {"all": CaseFilter(), "open": CaseFilter(due=DueFilter.OPEN), "overdue": CaseFilter(due=DueFilter.OVERDUE),
             "due_soon": CaseFilter(due=DueFilter.DUE_SOON), "王": CaseFilter(text="王")}
    with desk.read() as s:
        print(f"cases: {count_matching(s, rb, CaseFilter()):,}")
        print(f"{'sort':<22}" + "".join(f"{name:>18}" for name in views))
        worst_overall = 0.0
        for key in [None, *SortKey]:
            for descending in ((False,) if key is None else (False, True)):
                label = "default" if key is None else f"{key.value}{' desc' if descending else ''}"
                cells = []
                for flt in views.values():
                    flt = CaseFilter(text=flt.text, due=flt.due, sort=key, descending=descending)
                    times = []
                    for _ in range(args.rounds):
                        t0 = time.perf_counter()
                        search_cases(s, rb, flt, offset=0, limit=200)
                        times.append((time.perf_counter() - t0) * 1000)
                    worst_overall = max(worst_overall, statistics.median(times))
                    cells.append(f"{statistics.median(times):7.1f}/{max(times):6.1f} ms")
                print(f"{label:<22}" + "".join(f"{c:>18}" for c in cells))
        print(f"slowest median: {worst_overall:.1f} ms (median/worst of {args.rounds} rounds per cell)")
    desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

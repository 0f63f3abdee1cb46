"""Receipt and case-report build times and PDF sizes (issue 4 targets).

Targets: receipt p95 <= 150 ms per layout; case report with 200 timeline
events <= 1 s. Run: .venv/bin/python bench/report_bench.py [--receipts N] [--reports N]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pypdf  # noqa: E402

from reports.case_report import build_case_report  # noqa: E402
from reports.receipt import build_receipt  # noqa: E402
from tests.reports.samples import case, receipt, timeline  # noqa: E402

RECEIPT_P95_MS = 150.0
REPORT_MS = 1000.0


def _times(build: Callable[[], bytes], runs: int) -> tuple[list[float], int]:
    samples: list[float] = []
    size = 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(build())
        samples.append((time.perf_counter() - start) * 1000)
    return samples, size


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--receipts", type=int, default=200, help="builds per receipt layout")
    parser.add_argument("--reports", type=int, default=20, help="case-report builds")
    args = parser.parse_args()

    start = time.perf_counter()
    build_receipt(receipt(), "a4")
    print(f"cold start (font load + first receipt): {(time.perf_counter() - start) * 1000:.0f} ms")

    ok = True
    print(f"\nreceipt, {args.receipts} builds per layout")
    print(f"{'layout':<8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'size KB':>10}")
    for layout in ("a4", "a5", "80mm"):
        data = receipt()
        samples, size = _times(lambda: build_receipt(data, layout), args.receipts)  # type: ignore[arg-type]
        p95 = _pct(samples, 0.95)
        ok &= p95 <= RECEIPT_P95_MS
        print(f"{layout:<8}{statistics.median(samples):>9.1f}{p95:>9.1f}{max(samples):>9.1f}{size / 1024:>10.1f}")

    print(f"\ncase report, {args.reports} builds each")
    print(f"{'case':<34}{'pages':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'size KB':>10}")
    long_facts = "".join(f"第{i:04d}句：投诉人陈述的事实经过与合同条款不一致。" for i in range(800))
    for label, data in (
        ("12 events", case()),
        ("200 events", case(timeline=timeline(200))),
        ("200 events + 20,000-char facts", case(timeline=timeline(200), facts=long_facts)),
    ):
        samples, size = _times(lambda: build_case_report(data), args.reports)
        pdf = build_case_report(data)
        pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        if label == "200 events":
            ok &= max(samples) <= REPORT_MS
        print(
            f"{label:<34}{pages:>6}{statistics.median(samples):>9.1f}{_pct(samples, 0.95):>9.1f}"
            f"{max(samples):>9.1f}{size / 1024:>10.1f}"
        )
    print("\ntargets:", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

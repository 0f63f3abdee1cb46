"""Store benchmarks for issue 2: case save latency, demo-data and `case list --json` at 100,000 cases.

Usage:
    .venv/bin/python bench/store_bench.py [--saves 300] [--cases 100000] [--store DIR]

``--store DIR`` reuses (or creates once) a store with ``--cases`` demo cases, so
repeated runs need not rebuild it.  Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.desk import open_desk  # noqa: E402
from app.domain.states import CaseAction  # noqa: E402
from app.services import case_actions as acts  # noqa: E402
from app.services.cases import register_case, transition  # noqa: E402
from app.services.identity import add_operator, set_desk_identity  # noqa: E402
from app.services.intake import parse_intake  # noqa: E402

CASE = {
    "channel": "A01", "business": "B0302", "reason": "C05", "demand": "D02",
    "complainant": {"name": "张三", "id_number": "11010519491231002X", "phone": "13800138000",
                    "address": "福州市鼓楼区五四路100号"},
    "request": "要求减免逾期罚息。", "facts": "投诉人称因系统原因还款未及时入账，产生罚息。" * 5,
}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def bench_saves(n: int) -> None:
    with tempfile.TemporaryDirectory(dir=ROOT / "bench") as tmp:
        desk = open_desk(tmp)
        with desk.write() as s:
            set_desk_identity(s, desk.clock, branch_code="0591", branch_name="福州分行营业部", desk_code="W01")
            actor = add_operator(s, desk.clock, staff_no="1024", name="林晓", role="receptionist")
        register, change = [], []
        for _ in range(n):
            t0 = time.perf_counter()
            intake = parse_intake(CASE, desk.rules, desk.reference, desk.clock())
            with desk.write() as s:
                number = register_case(s, desk.rulebook, actor, intake).case_number
            t1 = time.perf_counter()
            with desk.write() as s:
                transition(s, desk.rulebook, actor, number, CaseAction.ACCEPT)
                acts.add_note(s, desk.rulebook, actor, number, text="已电话联系投诉人。")
            t2 = time.perf_counter()
            register.append((t1 - t0) * 1000)
            change.append((t2 - t1) * 1000)
        desk.close()
    print(f"save new case (validate + number + case + event + outbox + audit, one commit, synchronous=FULL), "
          f"n={n}: p50 {statistics.median(register):.1f} ms, p95 {pct(register, 95):.1f} ms, "
          f"max {max(register):.1f} ms")
    print(f"change a case (2 events, one commit): p50 {statistics.median(change):.1f} ms, "
          f"p95 {pct(change, 95):.1f} ms")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          check=True)


def bench_large(store: Path | None, cases: int) -> None:
    tmp = None
    if store is None:
        tmp = tempfile.TemporaryDirectory(dir=ROOT / "bench")
        store = Path(tmp.name)
    if not (store / "desk.sqlite3").exists():
        cli("--data-dir", str(store), "init", "--branch", "0591", "--branch-name", "福州分行营业部", "--desk", "W01")
        t0 = time.perf_counter()
        cli("--data-dir", str(store), "demo-data", str(cases))
        took = time.perf_counter() - t0
        print(f"demo-data {cases}: {took:.0f} s ({took / cases * 1000:.1f} ms per case with its timeline)")
    else:
        print(f"reusing store {store}")
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        out = cli("--data-dir", str(store), "case", "list", "--json").stdout
        runs.append(time.perf_counter() - t0)
    rows = len(json.loads(out))
    size = (store / "desk.sqlite3").stat().st_size / 1e6
    print(f"case list --json over {rows} cases (whole process): best {min(runs):.2f} s, "
          f"worst {max(runs):.2f} s; store {size:.0f} MB")
    if tmp is not None:
        tmp.cleanup()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--saves", type=int, default=300)
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--store", type=Path, help="reuse/create the large store here")
    ap.add_argument("--skip-large", action="store_true")
    a = ap.parse_args()
    bench_saves(a.saves)
    if not a.skip_large:
        bench_large(a.store, a.cases)


if __name__ == "__main__":
    main()

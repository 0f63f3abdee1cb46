"""Central service benchmarks (issue 11): push 10,000 cases, 20 desks pushing at once, pull 100,000 events.

Usage:
    .venv/bin/python bench/central_bench.py [--database-url URL] [--cases 10000] [--desks 20]

Starts ``complaint-central serve`` on 127.0.0.1 (a free port) as a separate
process, on a fresh SQLite folder or on ``--database-url`` (an empty PostgreSQL
database, e.g. the private cluster of scripts/pg_cluster.sh), then:

1. one desk pushes ``--cases`` cases of 5 events each (created with the full
   intake, accept, start, note, decide) in batches of 500 events;
2. ``--desks`` desks push concurrently (each ``--cases / --desks`` cases), and the
   p50/p95 latency of their push requests is reported;
3. a head-office desk pulls every event (two rounds of the above: 100,000 events
   with the defaults) in pages of 1,000.

Prints figures; asserts nothing but "no errors".
"""

from __future__ import annotations

import argparse
import base64
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BEIJING = timezone(timedelta(hours=8))
BATCH = 500
DECISION = {"verified": "经核实，投诉人所述情况基本属实。", "basis": "依据领用合约相关条款。",
            "outcome": "同意减免相关费用。", "remedies": "如有异议，可自收到决定之日起30日内书面申请核查。"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def central(store_args: list[str], *args: str) -> str:
    out = subprocess.run([str(BIN / "complaint-central"), *store_args, *args], check=True, capture_output=True,
                         text=True)
    return out.stdout


def enrol(base: str, store_args: list[str], branch: str, desk: str, head_office: bool = False) -> dict[str, str]:
    code = central(store_args, "desk", "add", "--branch", branch, "--desk", desk,
                   *(["--head-office"] if head_office else [])).strip().splitlines()[-1].split()[-1]
    key = base64.b64encode(os.urandom(32)).decode()
    answer = httpx.post(f"{base}/api/v1/enrol", json={"code": code, "desk_uuid": str(uuid.uuid4()), "branch": branch,
                                                       "desk": desk, "recording_public_key": key,
                                                       "receipt_key": key}, timeout=60)
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def case_events(branch: str, desk: str, day: date, seq: int) -> list[dict[str, Any]]:
    case_id, number = str(uuid.uuid4()), f"{branch}-{desk}-{day:%Y%m%d}-{seq:04d}"
    base_at = datetime.combine(day, datetime.min.time(), BEIJING) + timedelta(hours=9)
    intake = {
        "received_at": base_at.isoformat(), "receipt_date": day.isoformat(), "channel": "A01", "business": "B0302",
        "reason": "C05", "demand": "D02", "request": "要求减免逾期罚息。",
        "facts": "投诉人称因系统原因还款未及时入账，产生罚息。" * 5,
        "complainant": {"name": "张三", "id_number": "11010519491231002X", "phone": "13800138000",
                        "address": "福州市鼓楼区五四路100号"},
        "rules_version": "CN-2020-measures/2026.1", "reference_version": "JR/T 0169-2018/desk-2026.1",
        "first_responder": "1024",
    }
    kinds = [("created", intake), ("accept", {}), ("start", {}), ("note", {"text": "已致电投诉人核实交易情况。"}),
             ("decide", DECISION)]
    return [{"id": str(uuid.uuid4()), "case_id": case_id, "case_number": number, "seq": i + 1, "kind": kind,
             "at": (base_at + timedelta(minutes=i)).isoformat(), "on": day.isoformat(),
             "operator": {"staff_no": "1024", "name": "林晓", "role": "receptionist"}, "content": content}
            for i, (kind, content) in enumerate(kinds)]


def desk_events(branch: str, desk: str, cases: int) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    for n in range(cases):
        day = date(2026, 6, 1) + timedelta(days=n // 200)
        events += case_events(branch, desk, day, n % 200 + 1)
    return events


def push_all(client: httpx.Client, headers: dict[str, str], events: list[dict[str, Any]],
             latencies: list[float]) -> int:
    errors = 0
    for i in range(0, len(events), BATCH):
        t = time.perf_counter()
        try:
            answer = client.post("/api/v1/events", headers=headers, json={
                "contract": 1, "audit_head": {"seq": i + 1, "hash": f"{i + 1:064x}"}, "events": events[i:i + BATCH]})
        except httpx.TransportError as exc:
            errors += 1
            print(f"  push failed: {exc!r}")
            continue
        finally:
            latencies.append(time.perf_counter() - t)
        if answer.status_code != 200 or answer.json()["accepted"] != len(events[i:i + BATCH]):
            errors += 1
            print(f"  push failed: {answer.status_code} {answer.text[:300]}")
    return errors


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--database-url", default="")
    p.add_argument("--cases", type=int, default=10000)
    p.add_argument("--desks", type=int, default=20)
    a = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="central-bench-") as tmp:
        store_args = ["--database-url", a.database_url] if a.database_url else ["--data-dir", tmp]
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([str(BIN / "complaint-central"), *store_args, "serve", "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        print(server.stderr.read() if server.stderr else "", file=sys.stderr)
                        return 1
            backend = "PostgreSQL" if a.database_url else "SQLite"
            print(f"central bench on {backend}, server pid {server.pid}, {base}")

            headers = enrol(base, store_args, "0591", "W01")
            events = desk_events("0591", "W01", a.cases)
            latencies: list[float] = []
            with httpx.Client(base_url=base, timeout=300) as client:
                t = time.perf_counter()
                errors = push_all(client, headers, events, latencies)
                took = time.perf_counter() - t
            print(f"push {a.cases} cases ({len(events)} events, batches of {BATCH}) by one desk: {took:.1f} s "
                  f"({len(events) / took:.0f} events/s), errors {errors}; per batch p50 "
                  f"{statistics.median(latencies) * 1000:.0f} ms, p95 {pct(latencies, 95) * 1000:.0f} ms")

            desks = [enrol(base, store_args, f"{600 + d}", "W01") for d in range(a.desks)]
            per_desk = a.cases // a.desks
            loads = [desk_events(f"{600 + d}", "W01", per_desk) for d in range(a.desks)]
            all_latencies: list[float] = []
            failures = [0]
            lock = threading.Lock()

            def run(headers: dict[str, str], events: list[dict[str, Any]]) -> None:
                mine: list[float] = []
                with httpx.Client(base_url=base, timeout=300) as client:
                    errs = push_all(client, headers, events, mine)
                with lock:
                    all_latencies.extend(mine)
                    failures[0] += errs

            threads = [threading.Thread(target=run, args=(h, ev)) for h, ev in zip(desks, loads, strict=True)]
            t = time.perf_counter()
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            took = time.perf_counter() - t
            total = sum(len(x) for x in loads)
            print(f"{a.desks} desks pushing concurrently, {per_desk} cases each ({total} events): {took:.1f} s, "
                  f"errors {failures[0]}; push request latency p50 {statistics.median(all_latencies) * 1000:.0f} ms, "
                  f"p95 {pct(all_latencies, 95) * 1000:.0f} ms, max {max(all_latencies) * 1000:.0f} ms")

            head = enrol(base, store_args, "0001", "H01", head_office=True)
            pulled, after, pages = 0, 0, 0
            with httpx.Client(base_url=base, timeout=300) as client:
                t = time.perf_counter()
                while True:
                    page = client.get("/api/v1/events", params={"after": after, "limit": 1000}, headers=head).json()
                    pulled += len(page["events"])
                    pages += 1
                    after = page["next_cursor"]
                    if not page["more"]:
                        break
                took = time.perf_counter() - t
            print(f"pull by a head-office desk: {pulled} events in {pages} pages of 1000: {took:.1f} s "
                  f"({pulled / took:.0f} events/s)")
        finally:
            server.terminate()
            server.wait(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Fixtures for core tests: a real desk store on disk with a controllable clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.desk import Desk, open_desk
from app.services.identity import Actor, add_operator, set_desk_identity


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> FakeClock:
    # 10:00 Beijing time on 2026-02-01.
    return FakeClock(datetime(2026, 2, 1, 2, 0, tzinfo=timezone.utc))


@pytest.fixture
def desk(desk_home: Path, clock: FakeClock) -> Iterator[Desk]:
    d = open_desk(desk_home, clock=clock)
    with d.write() as s:
        set_desk_identity(s, clock, branch_code="0591", branch_name="福州分行营业部", desk_code="W01")
        add_operator(s, clock, staff_no="1024", name="林晓", role="receptionist")
        add_operator(s, clock, staff_no="1025", name="王敏", role="receptionist")
        add_operator(s, clock, staff_no="2048", name="陈主管", role="supervisor")
    yield d
    d.close()


@pytest.fixture
def actors(desk: Desk) -> dict[str, Actor]:
    from app.services.identity import list_operators

    with desk.read() as s:
        return {a.staff_no: a for a in list_operators(s)}


def intake_dict(**over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "channel": "A01", "business": "B0302", "reason": "C05", "demand": "D02",
        "complainant": {"name": "张三", "id_number": "11010519491231002X", "phone": "13800138000",
                        "address": "福州市鼓楼区五四路100号"},
        "request": "要求减免逾期罚息。", "facts": "投诉人称因系统原因还款未及时入账，产生罚息。",
    }
    data.update(over)
    return data

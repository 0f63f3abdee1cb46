"""Test helpers: case events as a desk would push them (JSON dicts of the app.contract models)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

BEIJING = timezone(timedelta(hours=8))
OPERATOR = {"staff_no": "0001", "name": "王芳", "role": "receptionist"}
AUDIT_HEAD = {"seq": 1, "hash": "a" * 64}


@dataclass
class DeskCase:
    """One case on a test desk: its identity and the next event seq."""

    branch: str
    desk: str
    day: date
    number_seq: int
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    seq: int = 0

    @property
    def number(self) -> str:
        return f"{self.branch}-{self.desk}-{self.day:%Y%m%d}-{self.number_seq:04d}"

    def event(self, kind: str, content: dict[str, Any], *, on: date | None = None,
              operator: dict[str, str] | None = None, at: datetime | None = None) -> dict[str, Any]:
        self.seq += 1
        moment = at or datetime.combine(on or self.day, datetime.min.time(), BEIJING) + timedelta(hours=10,
                                                                                                 minutes=self.seq)
        return {"id": str(uuid.uuid4()), "case_id": self.id, "case_number": self.number, "seq": self.seq,
                "kind": kind, "at": moment.isoformat(), "on": (on or self.day).isoformat(),
                "operator": operator or OPERATOR, "content": content}

    def created(self, **changes: Any) -> dict[str, Any]:
        received = datetime.combine(self.day, datetime.min.time(), BEIJING) + timedelta(hours=9, minutes=30)
        content: dict[str, Any] = {
            "received_at": received.isoformat(), "receipt_date": self.day.isoformat(),
            "channel": "A01", "business": "B03", "reason": "C05", "demand": "D01",
            "request": "退还年费", "facts": "2026年10月被扣年费680元，办卡时承诺免年费。", "grounds": "",
            "complained_institution": "福州分行信用卡中心", "complained_staff": "",
            "card_number": "6225880212345678",
            "complainant": {"kind": "person", "name": "张三", "id_type": "resident_id",
                            "id_number": "11010519491231002X", "phone": "13800000000", "address": "福州市鼓楼区"},
            "proxy": None, "representatives": [],
            "rules_version": "CN-2020-measures/2026.1", "reference_version": "JR/T 0169-2018/desk-2026.1",
            "first_responder": "0001", "scrubbed": [],
        }
        content.update(changes)
        return self.event("created", content)


def batch(*events: dict[str, Any], audit_seq: int = 1, audit_hash: str = "a" * 64) -> dict[str, Any]:
    return {"contract": 1, "audit_head": {"seq": audit_seq, "hash": audit_hash}, "events": list(events)}


DECISION = {"verified": "经核实，年费系系统误收。", "basis": "依据领用合约第5条。",
            "outcome": "退还年费680元。", "remedies": "如不服，可在收到本决定之日起30日内书面申请核查；亦可申请调解、仲裁或诉讼。"}
CLOSING = {"root_cause": "营销话术与合约不一致", "rectification": "修订营销话术并培训", "satisfaction": "satisfied",
           "surveyed_by": "0002", "survey_note": ""}

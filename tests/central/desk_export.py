"""Test helper: a desk's store read out as contract events with their full content.

This is what the desk's sync (the next issue) must send; here it lets a test
rebuild the desk's demo cases at the centre and compare every field.  The
desk's timeline keeps little content in its events, so the content comes from
the case row where the desk changes it in place (decision, closing).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Case, CaseEvent, Operator, Party


def _party(p: Party) -> dict[str, Any]:
    return {"kind": p.kind, "name": p.name, "id_type": p.id_type, "id_number": p.id_number, "phone": p.phone,
            "address": p.address, "uscc": p.uscc, "legal_representative": p.legal_representative,
            "relation": p.relation, "poa_signed_original": p.poa_signed_original, "poa_reference": p.poa_reference,
            "absence_reason": p.absence_reason, "inheritance_proof": p.inheritance_proof}


def _content(case: Case, e: CaseEvent) -> dict[str, Any]:
    d = e.data
    if e.kind == "created":
        complainant = next(p for p in case.parties if p.role == "complainant")
        proxy = next((p for p in case.parties if p.role == "proxy"), None)
        return {
            "received_at": case.received_at.isoformat(), "receipt_date": case.receipt_date.isoformat(),
            "channel": case.channel_code, "business": case.business_code, "reason": case.reason_code,
            "demand": case.demand_code, "request": case.request_text, "facts": case.facts_text,
            "grounds": case.grounds_text, "complained_institution": case.complained_institution,
            "complained_staff": case.complained_staff, "card_number": case.card_number,
            "complainant": _party(complainant), "proxy": _party(proxy) if proxy else None,
            "representatives": [_party(p) for p in case.parties if p.role == "representative"],
            "rules_version": case.rules_version, "reference_version": case.reference_version,
            "first_responder": str(d.get("first_responder", "")), "scrubbed": list(d.get("scrubbed", [])),
        }
    if e.kind == "extend":
        return {"level": int(d["level"]), "reason": e.reason, "approver": str(d.get("approver", ""))}
    if e.kind == "decide":
        return {"verified": case.decision_verified, "basis": case.decision_basis, "outcome": case.decision_outcome,
                "remedies": case.decision_remedies}
    if e.kind == "close":
        return {"root_cause": case.root_cause, "rectification": case.rectification,
                "satisfaction": case.satisfaction, "surveyed_by": str(d["surveyed_by"]), "survey_note": e.reason}
    if e.kind == "note":
        return {"text": e.reason}
    if e.kind == "hand_over":
        return {"from_staff": str(d.get("from", "")), "to_staff": str(d["to"]), "reason": e.reason}
    if e.kind in ("accept", "start", "pause", "resume", "withdraw", "decline", "request_review"):
        return {"reason": e.reason}
    raise NotImplementedError(f"export of {e.kind} events is not needed by the demo data")


def export_events(session: Session) -> list[dict[str, Any]]:
    """Every case event of the desk, oldest case first, as contract event dicts."""
    operators = {o.id: o for o in session.scalars(select(Operator))}
    out: list[dict[str, Any]] = []
    for case in session.scalars(select(Case).order_by(Case.case_number)):
        for e in case.events:
            op = operators[e.operator_id]
            out.append({"id": e.id, "case_id": case.id, "case_number": case.case_number, "seq": e.seq,
                        "kind": e.kind, "at": e.at.isoformat(), "on": e.data["on"],
                        "operator": {"staff_no": op.staff_no, "name": op.name, "role": op.role},
                        "content": _content(case, e)})
    return out

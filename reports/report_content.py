"""What a case report prints, after masking, and the fingerprint over exactly that.

The fingerprint is taken over the printed (masked) content, not the raw case:
a hash over raw data would let anyone holding a masked report recover a masked
ID or phone number by trying the few thousand candidates the mask leaves open.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date, datetime
from enum import Enum
from typing import Any

from app.clock import as_utc
from app.domain.masking import MaskStrength, mask_address, mask_id, mask_name, mask_phone
from reports.data import (
    CaseReportData,
    Decision,
    DeadlineHistory,
    Organisation,
    Person,
    Proxy,
)
from reports.redaction import mask_free_text

FINGERPRINT_VERSION = "CDRPT1"


def _text(value: str, strength: MaskStrength) -> str:
    return mask_free_text(value, strength)


def _person(p: Person, strength: MaskStrength) -> Person:
    # Free-text masking first: a number typed into a name or address field is masked like any other.
    return dataclasses.replace(
        p,
        name=mask_name(_text(p.name, strength), strength),
        id_number=mask_id(p.id_number, strength),
        phone=mask_phone(p.phone, strength),
        address=mask_address(_text(p.address, strength), strength),
    )


def _organisation(o: Organisation, strength: MaskStrength) -> Organisation:
    # The organisation's name, credit code and address are public business data;
    # its legal representative and contact number are a person's.
    return dataclasses.replace(
        o,
        name=mask_name(_text(o.name, strength), strength, organisation=True),
        address=_text(o.address, strength),
        legal_representative=mask_name(_text(o.legal_representative, strength), strength),
        phone=mask_phone(o.phone, strength),
    )


def _proxy(p: Proxy, strength: MaskStrength) -> Proxy:
    return dataclasses.replace(
        p,
        person=_person(p.person, strength),
        relationship=_text(p.relationship, strength),
        poa_reference=_text(p.poa_reference, strength),
        poa_scope=_text(p.poa_scope, strength),
        absence_reason=_text(p.absence_reason, strength),
    )


def printed_content(data: CaseReportData) -> CaseReportData:
    """``data`` as the report shows it: masked at ``data.mask``, or unchanged when None.

    Masked means every field: the parties by their kind, and every free text
    (request, facts, reasons, decision, names typed by hand) through the one
    free-text detector, so an ID, card or phone number typed anywhere is masked.
    """
    strength = data.mask
    if strength is None:
        return data

    def text(value: str) -> str:
        return _text(value, strength)

    complainant = (
        _person(data.complainant, strength)
        if isinstance(data.complainant, Person)
        else _organisation(data.complainant, strength)
    )
    deadline: DeadlineHistory = dataclasses.replace(
        data.deadline,
        extensions=tuple(dataclasses.replace(e, reason=text(e.reason)) for e in data.deadline.extensions),
        pauses=tuple(dataclasses.replace(p, reason=text(p.reason)) for p in data.deadline.pauses),
    )
    decision: Decision | None = None
    if data.decision is not None:
        d = data.decision
        decision = Decision(
            text(d.verified_facts), text(d.basis_and_reasons), text(d.outcome), text(d.remedies)
        )
    party = data.complained_party
    return dataclasses.replace(
        data,
        complainant=complainant,
        complained_party=dataclasses.replace(
            party, institution=text(party.institution), branch=text(party.branch),
            staff_name=text(party.staff_name),
        ),
        proxy=_proxy(data.proxy, strength) if data.proxy else None,
        representatives=tuple(_person(r, strength) for r in data.representatives),
        request=text(data.request),
        facts=text(data.facts),
        grounds=text(data.grounds),
        deadline=deadline,
        timeline=tuple(dataclasses.replace(t, text=text(t.text)) for t in data.timeline),
        decision=decision,
        root_cause=text(data.root_cause),
        rectification=text(data.rectification),
    )


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def canonical_json(content: CaseReportData) -> str:
    """A stable JSON text of the printed content: sorted keys, UTC times, no spacing."""
    tree = _plain(dataclasses.asdict(content))
    tree["complainant_kind"] = type(content.complainant).__name__
    return json.dumps(tree, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def report_fingerprint(data: CaseReportData) -> str:
    """SHA-256 (hex) of the report's printed content, as printed on its last page."""
    payload = f"{FINGERPRINT_VERSION}\n{canonical_json(printed_content(data))}"
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()

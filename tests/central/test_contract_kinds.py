"""The contract's event kinds and the desk's case actions name the same things.

``app.contract`` spells its kinds out on purpose (a protocol definition whose
values never change, whatever the desk's code does next); this test is what
keeps the two lists from drifting apart.
"""

from __future__ import annotations

from app.contract.events import EventKind
from app.domain.states import CaseAction


def test_every_desk_action_is_a_contract_event_kind_with_the_same_value() -> None:
    kinds = {k.value for k in EventKind}
    missing = [a.value for a in CaseAction if a.value not in kinds]
    assert missing == [], f"desk actions the contract cannot carry: {missing}"


def test_the_contract_adds_only_intake_and_head_office_kinds() -> None:
    extra = {k.value for k in EventKind} - {a.value for a in CaseAction}
    assert extra == {"created", "assign", "transfer"}

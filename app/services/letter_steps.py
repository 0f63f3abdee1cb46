"""Which letters a case can send its complainant, from its history (no PDF libraries loaded)."""

from __future__ import annotations

from app.services.queries import CaseDetail

#: The letters in menu order: reports.letters.LETTER_KINDS.
LETTER_KINDS = ("decision", "extension", "pause", "declined")


def available_letters(d: CaseDetail) -> tuple[str, ...]:
    """The letters this case's history allows: a decision letter once decided, an extension notice once
    extended, a pause notice once paused for appraisal, a not-accepted notice once declined."""
    kinds = {e.kind for e in d.events}
    allowed = {"decision": bool(d.decision.get("outcome")), "extension": "extend" in kinds,
               "pause": "pause" in kinds, "declined": d.state == "declined"}
    return tuple(k for k in LETTER_KINDS if allowed[k])

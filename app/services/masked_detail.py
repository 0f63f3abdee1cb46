"""A case as masked screens show it: field masks from the store, free text through the detector.

:func:`app.services.queries.case_detail` masks the personal-data fields (ID, phone,
address, card); an ID or phone number typed into the facts, a reason or a name was
still shown whole. Every masked display (``case show`` without ``--reveal``, the
GUI's case view) goes through :func:`mask_detail_text`. Documents do not: receipts
and reports mask the raw text themselves, at their own (stricter) strength.
"""

from __future__ import annotations

from dataclasses import replace

from app.domain.masking import MaskStrength
from app.domain.pii_text import mask_free_text
from app.services.queries import CaseDetail, EventView, PartyView


def _screen(text: str) -> str:
    return mask_free_text(text, MaskStrength.SCREEN, paper=False)


def _party(p: PartyView) -> PartyView:
    return replace(p, name=_screen(p.name), address=_screen(p.address),
                   legal_representative=_screen(p.legal_representative), relation=_screen(p.relation),
                   poa_reference=_screen(p.poa_reference), absence_reason=_screen(p.absence_reason),
                   inheritance_proof=_screen(p.inheritance_proof))


def _event(e: EventView) -> EventView:
    return replace(e, reason=_screen(e.reason))


def mask_detail_text(d: CaseDetail) -> CaseDetail:
    """``d`` with every free text masked for the screen; a revealed detail is returned as it is."""
    if not d.masked:
        return d
    return replace(
        d, request=_screen(d.request), facts=_screen(d.facts), grounds=_screen(d.grounds),
        complained_institution=_screen(d.complained_institution), complained_staff=_screen(d.complained_staff),
        decision={k: _screen(v) for k, v in d.decision.items()}, review_outcome=_screen(d.review_outcome),
        root_cause=_screen(d.root_cause), rectification=_screen(d.rectification),
        parties=tuple(_party(p) for p in d.parties), events=tuple(_event(e) for e in d.events))

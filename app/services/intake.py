"""What the intake form and ``case add --json`` hand to the case service, and its checks.

One validator for both, so the CLI refuses exactly what the form refuses.  All
problems are collected at once (field names are dotted paths such as
``complainant.id_number`` or ``representatives[1].phone``) and nothing is
written when there is any.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

from app.clock import as_utc
from app.domain.card import scrub_sensitive_text, validate_card_number
from app.domain.classification import ReferenceTable
from app.domain.idnumber import validate_id_number
from app.domain.phone import validate_phone
from app.domain.rules import ComplaintRules
from app.domain.text import excerpt, normalise_line_breaks, text_problems, to_ascii_digits
from app.errors import DeskError, Problem, ValidationError

ID_TYPES = ("resident_id", "residence_permit", "passport", "hk_macau_permit", "taiwan_permit",
            "foreign_permanent", "other")
GB11643_TYPES = ("resident_id", "residence_permit")
PARTY_KINDS = ("person", "organisation")
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# Which keys each object of the JSON may carry; anything else is refused by its path.
CASE_KEYS = frozenset({"received_at", "channel", "business", "reason", "demand", "complainant", "proxy",
                       "representatives", "card_number", "complained_institution", "complained_staff",
                       "request", "facts", "grounds"})
PERSON_KEYS = frozenset({"kind", "name", "id_type", "id_number", "phone", "address"})
ORGANISATION_KEYS = frozenset({"kind", "name", "uscc", "legal_representative", "phone", "address"})
PROXY_KEYS = frozenset({"relation", "absence_reason", "poa_signed_original", "poa_reference", "inheritance_proof"})
# A complaint received before this is not one this desk can have taken (the 2020
# Measures and the JR/T 0169 table are far younger); earlier years are typing slips.
RECEIVED_AT_FLOOR = datetime(1990, 1, 1, tzinfo=timezone(timedelta(hours=8)))
# How far ahead of the desk's clock a received_at may lie (clocks of two machines differ).
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class PartyInput:
    """A complainant, proxy or representative as entered."""

    name: str
    kind: str = "person"
    id_type: str = "resident_id"
    id_number: str = ""
    phone: str = ""
    address: str = ""
    uscc: str = ""
    legal_representative: str = ""
    relation: str = ""
    poa_signed_original: bool = False
    poa_reference: str = ""
    absence_reason: str = ""
    inheritance_proof: str = ""


@dataclass(frozen=True)
class CaseIntake:
    """A validated, normalised new case (personal data still in clear: the store seals it)."""

    complainant: PartyInput
    channel: str
    business: str
    reason: str
    demand: str
    request: str
    facts: str
    grounds: str = ""
    proxy: PartyInput | None = None
    representatives: tuple[PartyInput, ...] = ()
    card_number: str = ""
    complained_institution: str = ""
    complained_staff: str = ""
    received_at: datetime | None = None
    scrubbed: tuple[str, ...] = field(default=())


def uscc_ok(code: str) -> bool:
    """GB 32100 unified social credit code check character."""
    if len(code) != 18 or any(c not in USCC_CHARS for c in code):
        return False
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(code[:17], USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31] == code[17]


class _Collector:
    def __init__(self, rules: ComplaintRules) -> None:
        self.problems: list[Problem] = []
        self.rules = rules
        self.scrubbed: set[str] = set()

    def add(self, code: str, field_: str, message: str, **params: Any) -> None:
        self.problems.append(Problem(code, field_, message, params))

    def text(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = False,
             limit_key: str | None = None, default_limit: int = 200, scrub: bool = False,
             multiline: bool = False) -> str:
        raw = data.get(key, "")
        if raw is None:
            raw = ""
        if not isinstance(raw, str):
            self.add("type", path, "must be text")
            return ""
        value = raw.strip()
        limit = self.rules.field_max_lengths.get(limit_key or key, default_limit)
        if len(value) > limit:
            self.add("too_long", path, f"is longer than {limit} characters", max=limit, length=len(value))
            return ""
        if multiline:
            value = normalise_line_breaks(value)
        bad = text_problems(value, path, multiline=multiline)
        if bad:
            self.problems.extend(bad)
            return ""
        if scrub and value:
            value, removed = scrub_sensitive_text(value)
            self.scrubbed.update(removed)
        if required and not value:
            self.add("required", path, "is required")
        elif len(value) > limit:
            self.add("too_long", path, f"is longer than {limit} characters", max=limit, length=len(value))
        return value

    def choice(self, data: Mapping[str, Any], key: str, path: str, default: str) -> str | None:
        """A value picked from a list: text or absent, never another JSON type."""
        raw = data.get(key)
        if raw is None or raw == "":
            return default
        if not isinstance(raw, str):
            self.add("type", path, "must be text")
            return None
        return raw.strip()

    def flag(self, data: Mapping[str, Any], key: str, path: str) -> bool:
        """A yes/no field: a JSON boolean (``"false"`` is text, and text is not a boolean)."""
        raw = data.get(key)
        if raw is None:
            return False
        if not isinstance(raw, bool):
            self.add("type", path, "must be true or false (a JSON boolean)")
            return False
        return raw

    def unknown_keys(self, data: Mapping[str, Any], allowed: frozenset[str], path: str, what: str) -> None:
        for key in sorted(str(k) for k in data if k not in allowed):
            where = f"{path}.{excerpt(key)}" if path else excerpt(key)
            self.add("unknown_field", where, f"is not a known field{what}")

    def guarded(self, fn: Any, *args: Any, **kwargs: Any) -> str:
        try:
            return str(fn(*args, **kwargs))
        except ValidationError as exc:
            self.problems.extend(exc.problems)
        except DeskError as exc:
            self.problems.append(exc.as_problem())
        return ""


def _party(c: _Collector, data: Any, path: str, role: str) -> PartyInput | None:
    if not isinstance(data, Mapping):
        c.add("type", path, "must be an object")
        return None
    kind = c.choice(data, "kind", f"{path}.kind", "person") or "person"
    if kind not in PARTY_KINDS:
        c.add("choice", f"{path}.kind", "must be person or organisation", allowed=list(PARTY_KINDS))
        kind = "person"
    if role != "complainant" and kind != "person":
        c.add("choice", f"{path}.kind", "a proxy or representative must be a person")
    allowed = ORGANISATION_KEYS if kind == "organisation" else PERSON_KEYS
    c.unknown_keys(data, allowed | PROXY_KEYS if role == "proxy" else allowed, path,
                   f" of {'an organisation' if kind == 'organisation' else 'a ' + role}")
    name = c.text(data, "name", f"{path}.name", required=True, limit_key="org_name" if kind == "organisation"
                  else "name", default_limit=100 if kind == "organisation" else 50)
    phone = c.text(data, "phone", f"{path}.phone", required=True, default_limit=30)
    if phone:
        phone = c.guarded(validate_phone, phone, field=f"{path}.phone")
    address = c.text(data, "address", f"{path}.address", default_limit=200)
    id_type = ""
    id_number = ""
    uscc = legal_rep = ""
    if kind == "person":
        id_type = c.choice(data, "id_type", f"{path}.id_type", "resident_id") or ""
        if id_type and id_type not in ID_TYPES:
            c.add("choice", f"{path}.id_type", "unknown ID type", allowed=list(ID_TYPES))
        id_number = c.text(data, "id_number", f"{path}.id_number", required=True, default_limit=30)
        if id_number and id_type in GB11643_TYPES:
            id_number = c.guarded(validate_id_number, id_number, field=f"{path}.id_number")
        elif id_number:
            id_number = to_ascii_digits(id_number).upper()
    else:
        uscc = to_ascii_digits(c.text(data, "uscc", f"{path}.uscc", required=True, limit_key="credit_code",
                                      default_limit=18)).upper()
        if uscc and not uscc_ok(uscc):
            c.add("uscc_checksum", f"{path}.uscc", "is not a valid unified social credit code")
        legal_rep = c.text(data, "legal_representative", f"{path}.legal_representative", required=True,
                           default_limit=50)
    relation = poa_ref = absence = heir = ""
    poa = False
    if role == "proxy":
        relation = c.text(data, "relation", f"{path}.relation", required=True, default_limit=50)
        poa = c.flag(data, "poa_signed_original", f"{path}.poa_signed_original")
        poa_ref = c.text(data, "poa_reference", f"{path}.poa_reference", default_limit=100)
        absence = c.text(data, "absence_reason", f"{path}.absence_reason", required=True,
                         limit_key="proxy_reason", default_limit=1000, multiline=True)
        heir = c.text(data, "inheritance_proof", f"{path}.inheritance_proof", default_limit=200)
    return PartyInput(name=name, kind=kind, id_type=id_type, id_number=id_number,
                      phone=phone, address=address, uscc=uscc, legal_representative=legal_rep,
                      relation=relation, poa_signed_original=poa, poa_reference=poa_ref,
                      absence_reason=absence, inheritance_proof=heir)


def _code(c: _Collector, reference: ReferenceTable, data: Mapping[str, Any], axis: str) -> str:
    raw = data.get(axis)
    if raw is not None and not isinstance(raw, str):
        c.add("type", axis, "must be text (a code such as those in the classification table)")
        return ""
    code = (raw or "").strip().upper()
    if not code:
        c.add("required", axis, "is required")
        return ""
    try:
        reference.get(axis, code)
    except DeskError:
        c.add("unknown_code", axis, f"{excerpt(code, 20)} is not in the classification table {reference.version}",
              value=excerpt(code, 20), version=reference.version)
    return code


def parse_intake(data: Mapping[str, Any], rules: ComplaintRules, reference: ReferenceTable,
                 now: datetime) -> CaseIntake:
    """Validate and normalise an intake; raise ValidationError listing every problem."""
    c = _Collector(rules)
    if not isinstance(data, Mapping):
        raise ValidationError([Problem("type", "", "the case must be a JSON object")])
    c.unknown_keys(data, CASE_KEYS, "", "")
    if data.get("complainant") is None:
        c.add("required", "complainant", "is required")
        complainant = None
    else:
        complainant = _party(c, data.get("complainant"), "complainant", "complainant")
    proxy = None
    if data.get("proxy") is not None:
        proxy = _party(c, data["proxy"], "proxy", "proxy")
    reps: list[PartyInput] = []
    raw_reps = data.get("representatives")
    if raw_reps is None:
        raw_reps = []
    if not isinstance(raw_reps, list):
        c.add("type", "representatives", "must be a list")
        raw_reps = []
    if len(raw_reps) > rules.max_representatives:
        c.add("too_many", "representatives",
              f"a group complaint in person has at most {rules.max_representatives} representatives",
              max=rules.max_representatives)
        raw_reps = []
    for i, rep in enumerate(raw_reps):
        p = _party(c, rep, f"representatives[{i}]", "representative")
        if p is not None:
            reps.append(p)
    channel = _code(c, reference, data, "channel")
    business = _code(c, reference, data, "business")
    reason = _code(c, reference, data, "reason")
    demand = _code(c, reference, data, "demand")
    request = c.text(data, "request", "request", required=True, default_limit=2000, scrub=True, multiline=True)
    facts = c.text(data, "facts", "facts", required=True, default_limit=10000, scrub=True, multiline=True)
    grounds = c.text(data, "grounds", "grounds", default_limit=4000, scrub=True, multiline=True)
    inst = c.text(data, "complained_institution", "complained_institution", limit_key="institution",
                  default_limit=100)
    staff = c.text(data, "complained_staff", "complained_staff", limit_key="staff_name", default_limit=50)
    card = c.text(data, "card_number", "card_number", default_limit=30)
    if card:
        card = c.guarded(validate_card_number, card, field="card_number")
    received_at = _received_at(c, data.get("received_at"), now)
    if c.problems:
        raise ValidationError(c.problems)
    assert complainant is not None
    intake = CaseIntake(complainant=complainant, channel=channel, business=business, reason=reason,
                      demand=demand, request=request, facts=facts, grounds=grounds, proxy=proxy,
                      representatives=tuple(reps), card_number=card, complained_institution=inst,
                      complained_staff=staff, received_at=received_at, scrubbed=tuple(sorted(c.scrubbed)))
    return scrub_free_text(intake)  # after validation: checks see what was typed


#: Every free-text field, scrubbed of card numbers and card secrets before anything is stored.
#: (ID numbers, phones and the card-number field are checked values, not free text.)
PARTY_FREE_TEXT = ("name", "address", "legal_representative", "relation", "poa_reference", "absence_reason",
                   "inheritance_proof")
CASE_FREE_TEXT = ("request", "facts", "grounds", "complained_institution", "complained_staff")


_Fields = TypeVar("_Fields", CaseIntake, PartyInput)


def _scrub_fields(obj: _Fields, names: tuple[str, ...], removed: set[str]) -> _Fields:
    changes: dict[str, Any] = {}
    for name in names:
        text, kinds = scrub_sensitive_text(getattr(obj, name))
        removed.update(kinds)
        changes[name] = text
    return replace(obj, **changes)


def scrub_free_text(intake: CaseIntake) -> CaseIntake:
    """The intake with every free-text field through the one card scrubber (DOMAIN.md: no PIN,
    CVV, expiry or full card number is stored; a card number in text is stored masked)."""
    removed: set[str] = set(intake.scrubbed)
    case = _scrub_fields(intake, CASE_FREE_TEXT, removed)
    return replace(case, complainant=_scrub_fields(intake.complainant, PARTY_FREE_TEXT, removed),
                   proxy=_scrub_fields(intake.proxy, PARTY_FREE_TEXT, removed) if intake.proxy else None,
                   representatives=tuple(_scrub_fields(p, PARTY_FREE_TEXT, removed)
                                         for p in intake.representatives),
                   scrubbed=tuple(sorted(removed)))


def _received_at(c: _Collector, raw: Any, now: datetime) -> datetime | None:
    """When the complaint reached the desk: an aware ISO date-time, not before 1990, not in the future."""
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str):
        c.add("type", "received_at", "must be text, an ISO date-time such as 2026-11-26T10:15:00+08:00")
        return None
    try:
        parsed = datetime.fromisoformat(raw.strip())
    except ValueError:
        c.add("format", "received_at", "must be an ISO date-time, e.g. 2026-11-26T10:15:00+08:00")
        return None
    if parsed.tzinfo is None:
        c.add("timezone", "received_at", "must carry a time zone, e.g. 2026-11-26T10:15:00+08:00")
        return None
    try:
        at = as_utc(parsed)
    except OverflowError:  # years 1 and 9999 leave the range when moved to UTC
        at = RECEIVED_AT_FLOOR - timedelta(days=1) if parsed.year < RECEIVED_AT_FLOOR.year else datetime.max
        at = at.replace(tzinfo=timezone.utc)
    if at < RECEIVED_AT_FLOOR:
        c.add("too_early", "received_at", f"lies before {RECEIVED_AT_FLOOR.date().isoformat()}",
              floor=RECEIVED_AT_FLOOR.date().isoformat())
        return None
    if at > now + CLOCK_SKEW:
        c.add("future", "received_at", "lies in the future")
        return None
    return at


def with_received_at(intake: CaseIntake, at: datetime) -> CaseIntake:
    return replace(intake, received_at=at)

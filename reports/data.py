"""What the receipt and case-report builders print: plain frozen dataclasses, nothing else.

The case store maps its case detail onto these; the builders read nothing but
them (no database, no settings, no keyring). Personal data arrives raw; each
builder decides how to mask it (receipts always for print, reports by the
``mask`` of the printing operator's role). Legal wording such as the due-date
rule or the remedies notice comes from the rule-versioned configuration, never
from a literal here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain.masking import MaskStrength
from app.errors import DeskError


def _require_aware(moment: datetime, field_name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise DeskError(
            f"{field_name} must be timezone-aware", code="naive_datetime", field=field_name
        )


def remedies_notice(review_request_days: int) -> str:
    """The standard remedies wording (救济途径) with the configured review window filled in."""
    return (
        f"如对处理决定有异议，可自收到处理决定之日起{review_request_days}日内"
        "向上一级机构书面申请核查；也可申请第三方调解，"
        "或依法申请仲裁、向人民法院提起诉讼。"
    )


@dataclass(frozen=True)
class DeskInfo:
    """The bank, branch and desk a document is issued by."""

    bank_name: str
    branch_code: str
    branch_name: str
    desk_code: str
    hotline: str
    branch_contact: str


@dataclass(frozen=True)
class ReceiptData:
    """Everything on the acknowledgement receipt (受理回执) handed to the complainant.

    ``complainant_phone`` is raw: the builder masks it (and the name) for print.
    ``print_count`` is 1 for the first print; above 1 the receipt is marked 补打.
    ``verification_code`` comes from :func:`reports.verification.receipt_verification_code`.
    ``legal_limit`` is the holiday-rolled outer limit, printed only when it differs
    from ``nominal_due``.
    """

    desk: DeskInfo
    case_number: str
    received_at: datetime
    complainant_name: str
    complainant_phone: str
    request_summary: str
    nominal_due: date
    rule_text: str
    remedies_text: str
    staff_no: str
    print_count: int
    verification_code: str
    complainant_is_organisation: bool = False
    legal_limit: date | None = None

    def __post_init__(self) -> None:
        _require_aware(self.received_at, "received_at")
        if self.print_count < 1:
            raise DeskError(
                "print_count starts at 1", code="invalid_print_count", field="print_count"
            )


@dataclass(frozen=True)
class Person:
    """A natural person on the case (complainant, proxy or representative), raw data."""

    name: str
    id_type: str
    id_number: str
    phone: str
    address: str = ""


@dataclass(frozen=True)
class Organisation:
    """An organisation complainant: name, unified social credit code, legal representative."""

    name: str
    credit_code: str
    legal_representative: str
    phone: str
    address: str = ""


@dataclass(frozen=True)
class Proxy:
    """A proxy (代理人) and the power of attorney (授权委托书) that lets them act."""

    person: Person
    relationship: str
    poa_reference: str
    poa_original_signed: bool
    poa_scope: str
    poa_valid_until: date | None
    absence_reason: str


@dataclass(frozen=True)
class ComplainedParty:
    """Who the complaint is about: institution/branch, and a staff member if any."""

    institution: str
    branch: str = ""
    staff_name: str = ""
    staff_no: str = ""


@dataclass(frozen=True)
class Classification:
    """The three JR/T 0169 dimensions plus the internal demand code, with names."""

    channel_code: str
    channel_name: str
    business_code: str
    business_name: str
    reason_code: str
    reason_name: str
    demand_code: str
    demand_name: str
    reference_version: str


@dataclass(frozen=True)
class TimelineEntry:
    """One event in the case's history."""

    at: datetime
    kind_label: str
    operator: str
    text: str

    def __post_init__(self) -> None:
        _require_aware(self.at, "timeline.at")


@dataclass(frozen=True)
class Extension:
    """An approved extension of the handling period."""

    level_label: str
    new_due: date
    reason: str
    approver: str
    approved_at: datetime | None = None


@dataclass(frozen=True)
class Pause:
    """Time that does not count (external appraisal/testing); ``end`` None while running."""

    start: date
    end: date | None
    reason: str


@dataclass(frozen=True)
class DeadlineHistory:
    """The clock of the case: nominal due (working target), legal limit, changes."""

    nominal_due: date
    legal_limit: date
    rule_text: str = ""
    extensions: tuple[Extension, ...] = ()
    pauses: tuple[Pause, ...] = ()
    # Years without statutory holiday data: the legal limit is then in plain
    # calendar days and printed as uncertain, never as a rolled limit.
    holiday_data_missing_years: tuple[int, ...] = ()


@dataclass(frozen=True)
class NoticeRecord:
    """A notice given to the complainant and its proof."""

    kind_label: str
    channel_label: str
    at: datetime
    content_sha256: str
    signed: bool


@dataclass(frozen=True)
class Decision:
    """The decision letter in its four sections."""

    verified_facts: str
    basis_and_reasons: str
    outcome: str
    remedies: str


@dataclass(frozen=True)
class RecordingEntry:
    """One recorded file of the reception, as listed in the integrity manifest."""

    file_name: str
    started_at: datetime
    duration_seconds: float
    size_bytes: int
    sha256: str


@dataclass(frozen=True)
class CaseReportData:
    """Everything on the archived case report (投诉处理档案).

    ``mask`` is chosen from the printing operator's role: ``None`` prints personal
    data unmasked (authorised roles only; the report says so on its face).
    """

    desk: DeskInfo
    case_number: str
    state_label: str
    received_at: datetime
    complainant: Person | Organisation
    complained_party: ComplainedParty
    classification: Classification
    request: str
    facts: str
    grounds: str
    deadline: DeadlineHistory
    generated_at: datetime
    generated_by: str
    mask: MaskStrength | None
    proxy: Proxy | None = None
    representatives: tuple[Person, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    notices: tuple[NoticeRecord, ...] = ()
    decision: Decision | None = None
    satisfaction_label: str = ""
    root_cause: str = ""
    rectification: str = ""
    recordings: tuple[RecordingEntry, ...] = ()
    received_by: str = ""

    def __post_init__(self) -> None:
        _require_aware(self.received_at, "received_at")
        _require_aware(self.generated_at, "generated_at")

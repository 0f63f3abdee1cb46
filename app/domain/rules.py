"""The legal numbers of complaint handling, loaded from a versioned file a bank can replace.

The regulator is revising the 2020 Measures, so no time limit, retention period
or field length lives in code: they come from resources/rules/complaint_rules.json,
and every deadline computed from them carries the file's ``version`` tag.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from app.domain.datafiles import read_json_file
from app.errors import DeskError

RULES_FILE = "complaint_rules.json"

DEFAULT_FIELD_MAX_LENGTHS: dict[str, int] = {
    "name": 50,
    "org_name": 100,
    "credit_code": 18,
    "legal_representative": 50,
    "id_number": 30,
    "phone": 30,
    "address": 200,
    "institution": 100,
    "staff_name": 50,
    "request": 2000,
    "facts": 10000,
    "grounds": 4000,
    "note": 4000,
    "reason": 1000,
    "proxy_reason": 1000,
    "decision_section": 10000,
    "root_cause": 4000,
    "rectification": 4000,
}

# Keys a rules file may carry beyond the fields, for people only.
_COMMENT_KEYS = frozenset({"note"})


@dataclass(frozen=True)
class ComplaintRules:
    """Time limits (calendar days), retention and input limits of one rules edition."""

    version: str
    decision_days: int = 15
    first_extension_total_days: int = 30
    second_extension_total_days: int = 60
    review_request_days: int = 30
    review_decision_days: int = 30
    retention_years_after_close: int = 3
    due_soon_days: int = 3
    max_representatives: int = 5
    roll_rest_days: bool = True
    field_max_lengths: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_FIELD_MAX_LENGTHS))


def _invalid(source: str, message: str, **params: Any) -> DeskError:
    return DeskError(f"rules file {source}: {message}", code="rules_invalid", source=source, **params)


def _is_int(value: object) -> bool:
    # bool is an int in Python; "true" must not pass for a number of days.
    return isinstance(value, int) and not isinstance(value, bool)


def _parse(data: object, source: str) -> ComplaintRules:
    if not isinstance(data, dict):
        raise _invalid(source, "the top level must be a JSON object")
    names = {f.name for f in fields(ComplaintRules)}
    unknown = sorted(set(data) - names - _COMMENT_KEYS)
    if unknown:
        raise _invalid(source, f"unknown keys {unknown} (a typo?)", keys=unknown)
    missing = sorted(names - set(data))
    if missing:
        raise _invalid(source, f"missing keys {missing}: every number must be stated", keys=missing)

    version = data["version"]
    if not isinstance(version, str) or not version.strip():
        raise _invalid(source, "'version' must be a non-empty string", key="version")
    if not isinstance(data["roll_rest_days"], bool):
        raise _invalid(source, "'roll_rest_days' must be true or false", key="roll_rest_days")
    numbers: dict[str, int] = {}
    for name in sorted(names - {"version", "roll_rest_days", "field_max_lengths"}):
        value = data[name]
        if not _is_int(value) or value < 0:
            raise _invalid(source, f"'{name}' must be a whole number >= 0, got {value!r}", key=name)
        numbers[name] = value
    if numbers["decision_days"] < 1:
        raise _invalid(source, "'decision_days' must be at least 1", key="decision_days")
    if not numbers["decision_days"] <= numbers["first_extension_total_days"] <= numbers["second_extension_total_days"]:
        raise _invalid(source, "time limits must grow: decision_days <= first_extension_total_days"
                       " <= second_extension_total_days", key="first_extension_total_days")

    lengths = data["field_max_lengths"]
    if not isinstance(lengths, dict):
        raise _invalid(source, "'field_max_lengths' must be an object of field name -> length",
                       key="field_max_lengths")
    for name, value in lengths.items():
        if not _is_int(value) or value < 1:
            raise _invalid(source, f"field_max_lengths['{name}'] must be a whole number >= 1, got {value!r}",
                           key="field_max_lengths")
    absent = sorted(set(DEFAULT_FIELD_MAX_LENGTHS) - set(lengths))
    if absent:
        raise _invalid(source, f"field_max_lengths lacks {absent}", key="field_max_lengths")

    return ComplaintRules(
        version=version.strip(),
        roll_rest_days=data["roll_rest_days"],
        field_max_lengths=dict(lengths),
        **numbers,
    )


def load_rules(path: Path | None = None) -> ComplaintRules:
    """Read and check a rules file; the one shipped in resources/rules when ``path`` is None.

    Raises DeskError(code="rules_invalid") naming the file and the key at fault.
    """
    data, source = read_json_file(path, ("rules", RULES_FILE), _invalid)
    return _parse(data, source)

"""Complaint classification codes (JR/T 0169-2018 three axes plus the desk's demand code).

The codes are reference data, not code: they load from a versioned JSON file
that a bank swaps for the official table. Every case records the table version
it was classified under.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.domain.datafiles import read_json_file
from app.errors import DeskError

REFERENCE_FILE = "jrt0169_2018.json"
AXES = ("channel", "business", "reason", "demand")
_ENTRY_KEYS = frozenset({"code", "name_zh", "name_en", "parent"})
# Optional per entry: words a receptionist types for it (年费 for a fee dispute); older tables lack it.
_OPTIONAL_KEYS = frozenset({"synonyms"})


@dataclass(frozen=True)
class Code:
    """One entry of one axis; ``parent`` is the code one level up, or None at the top."""

    axis: str
    code: str
    name_zh: str
    name_en: str
    parent: str | None
    # Search aids only: two editions that differ in synonyms still name the same code.
    synonyms: tuple[str, ...] = field(default=(), compare=False)

    def matches(self, needle: str) -> bool:
        """Whether ``needle`` finds this entry: code prefix, a name or a synonym containing it
        (case-insensitive), or a synonym of two or more characters inside it ("信用卡年费")."""
        folded = needle.casefold()
        if self.code.casefold().startswith(folded) or needle in self.name_zh or folded in self.name_en.casefold():
            return True
        return any(folded in word or (len(word) >= 2 and word in folded) for word in self.synonyms)


class ReferenceTable:
    """All four axes of one edition of the classification table."""

    def __init__(self, version: str, codes: dict[str, list[Code]]) -> None:
        self.version = version
        self._codes = {axis: list(codes.get(axis, [])) for axis in AXES}
        self._by_code = {axis: {c.code: c for c in entries} for axis, entries in self._codes.items()}
        self._parents = {axis: {c.parent for c in entries if c.parent} for axis, entries in self._codes.items()}

    def _axis(self, axis: str) -> list[Code]:
        if axis not in self._codes:
            raise DeskError(f"unknown classification axis {axis!r}", code="unknown_code", field=axis, axis=axis)
        return self._codes[axis]

    def codes(self, axis: str) -> list[Code]:
        """Every code of ``axis`` in table order (parents before their children)."""
        return list(self._axis(axis))

    def get(self, axis: str, code: str) -> Code:
        """The entry for ``code``; raises DeskError code ``unknown_code``."""
        self._axis(axis)
        found = self._by_code[axis].get(code.strip().upper() if code else "")
        if found is None:
            raise DeskError(f"{axis} code {code!r} is not in table {self.version}",
                            code="unknown_code", field=axis, axis=axis, value=code)
        return found

    def is_leaf(self, axis: str, code: str) -> bool:
        """Whether nothing sits below ``code`` (cases should be filed on leaves)."""
        return self.get(axis, code).code not in self._parents[axis]

    def search(self, axis: str, text: str) -> list[Code]:
        """Codes matching ``text`` by code prefix, Chinese or English name substring or a synonym
        (case-insensitive, :meth:`Code.matches`), in table order; all codes for empty text."""
        needle = (text or "").strip()
        entries = self._axis(axis)
        if not needle:
            return list(entries)
        return [c for c in entries if c.matches(needle)]

    def label(self, axis: str, code: str, lang: str = "zh_CN") -> str:
        """Display text "B0302 信用卡" (English name for any language not starting with "zh")."""
        entry = self.get(axis, code)
        name = entry.name_zh if lang.lower().startswith("zh") else entry.name_en
        return f"{entry.code} {name}"


def _invalid(source: str, message: str) -> DeskError:
    return DeskError(f"reference file {source}: {message}", code="reference_invalid", source=source)


def _parse(data: object, source: str) -> ReferenceTable:
    if not isinstance(data, dict):
        raise _invalid(source, "the top level must be a JSON object")
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        raise _invalid(source, "'version' must be a non-empty string")
    axes = data.get("axes")
    if not isinstance(axes, dict) or sorted(axes) != sorted(AXES):
        raise _invalid(source, f"'axes' must hold exactly {list(AXES)}")
    table: dict[str, list[Code]] = {}
    for axis in AXES:
        entries = axes[axis]
        if not isinstance(entries, list) or not entries:
            raise _invalid(source, f"axis {axis!r} must be a non-empty list")
        seen: dict[str, Code] = {}
        for i, entry in enumerate(entries):
            where = f"{axis}[{i}]"
            if not isinstance(entry, dict) or not _ENTRY_KEYS <= set(entry) <= _ENTRY_KEYS | _OPTIONAL_KEYS:
                raise _invalid(source, f"{where} must have the keys {sorted(_ENTRY_KEYS)}"
                                       f" and may have {sorted(_OPTIONAL_KEYS)}")
            code, zh, en, parent = entry["code"], entry["name_zh"], entry["name_en"], entry["parent"]
            synonyms = entry.get("synonyms", [])
            if not isinstance(synonyms, list) or not all(isinstance(w, str) and w.strip() for w in synonyms):
                raise _invalid(source, f"{where}: synonyms must be a list of non-empty strings")
            if not all(isinstance(v, str) and v.strip() for v in (code, zh, en)):
                raise _invalid(source, f"{where}: code, name_zh and name_en must be non-empty strings")
            if code != code.strip().upper():
                raise _invalid(source, f"{where}: code {code!r} must be upper case without spaces")
            if code in seen:
                raise _invalid(source, f"{where}: duplicate code {code!r}")
            if parent is not None:
                # A parent listed earlier also rules out cycles.
                if not isinstance(parent, str) or parent not in seen:
                    raise _invalid(source, f"{where}: parent {parent!r} of {code!r} is not listed before it")
            seen[code] = Code(axis, code, zh.strip(), en.strip(), parent,
                              tuple(w.strip().casefold() for w in synonyms))
        table[axis] = list(seen.values())
    return ReferenceTable(version.strip(), table)


def load_reference(path: Path | None = None) -> ReferenceTable:
    """Read and check a classification table; the shipped one when ``path`` is None.

    Raises DeskError(code="reference_invalid") naming the file and the entry at fault.
    """
    data, source = read_json_file(path, ("reference", REFERENCE_FILE), _invalid)
    return _parse(data, source)

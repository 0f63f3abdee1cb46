"""Finding ID, card and phone numbers in free text, however they were typed.

Complainants dictate numbers and receptionists type them the way they are read
out: ``350102-19761103-6003``, ``+86 138 0013 8000``, full-width digits, numbers
split by ideographic spaces (U+3000), no-break or zero-width spaces.  This one
detector serves both the storage scrubber (:mod:`app.domain.card`) and every
masked display or document (:func:`mask_free_text`).

The text is first *normalised* (full-width digits and letters to ASCII, every
kind of space to ``" "``, every kind of dash to ``"-"``, invisible characters
dropped) while keeping, for each normalised character, its position in the
original, so that a number found in the normalised text is replaced in place in
the original one.  Digits are then grouped into *chains*: runs of digits joined
by short separators (spaces, hyphens, dots, slashes; a closing bracket after an
area code).  Any window of consecutive groups of a chain may be a number: a
resident ID (18 characters with its check character or a real birth date, or
15-digit legacy), a card number (13-19 digits, Luhn), a mainland mobile (with a
+86/0086/86 prefix or none) or a landline with its area code.  Masking follows
DOMAIN.md (:mod:`app.domain.masking`); on paper a run of 13 or more digits that
is not wholly made of such numbers is masked as one, whatever its check digit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.domain.masking import MaskStrength, mask_card, mask_id, mask_phone

#: Characters that stand between the digit groups of one written number.
_SPACE = " "
_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u30fc\u2500")
_DOTS = frozenset(".\uff0e\u00b7\u30fb\u2027\u2219")
_SLASHES = frozenset("/\uff0f\\\uff3c")
#: At most this many separator characters between two groups of one number ("0591 - 8765", "6222 ／ 0212").
_MAX_GAP = 5
#: Longest number considered: 0086 + a 12-digit landline with area code, or a 19-digit card.
_MAX_DIGITS = 22
#: Runs of digits masked whatever they are: on paper anything as long as the shortest card,
#: on screen anything longer than the longest card (several numbers typed without a break).
PAPER_LONG_RUN = 13
SCREEN_LONG_RUN = 20

_MOBILE = re.compile(r"(?:0086|86)?(1[3-9]\d{9})")
_LANDLINE = re.compile(r"(?:0086|86)?0?((?:10|2\d|[3-9]\d{2})[1-9]\d{6,7})")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _fold(ch: str) -> str:
    """One original character as the detector reads it: a digit, a letter, a separator or itself.

    Returns "" for characters that are invisible on paper (zero-width spaces, joiners, BOM, soft hyphen).
    """
    if ch.isascii():
        if ch in "\t\n\r\v\f":
            return _SPACE
        return ch
    category = unicodedata.category(ch)
    if category == "Cf":
        return ""
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    if category == "Zs" or ch in "\u2028\u2029\u0085":
        return _SPACE
    if ch in _HYPHENS:
        return "-"
    if ch in _DOTS:
        return "."
    if ch in _SLASHES:
        return "/"
    if "\uff01" <= ch <= "\uff5e":  # full-width ASCII: Ｘ, ｘ, letters, colon, plus sign
        return chr(ord(ch) - 0xFEE0)
    return ch


@dataclass(frozen=True)
class NormalisedText:
    """Text as the detector reads it, with the original position of every character."""

    original: str
    text: str
    origin: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span covered by normalised characters ``start`` to ``end`` (exclusive)."""
        return self.origin[start], self.origin[end - 1] + 1


class _FoldTable(dict[int, str | None]):
    """``str.translate`` table filled on first use of each character (None: dropped)."""

    def __missing__(self, code: int) -> str | None:
        folded = _fold(chr(code)) or None
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def normalise(text: str) -> NormalisedText:
    """Normalise ``text`` (digits and letters to ASCII, separators unified, invisibles dropped)."""
    folded = text.translate(_FOLD)
    if len(folded) == len(text):
        # Nothing dropped (the usual case): every character stays where it was.
        return NormalisedText(text, folded, range(len(text)))
    origin = [i for i, ch in enumerate(text) if _FOLD[ord(ch)] is not None]
    return NormalisedText(text, folded, origin)


class NumberKind(StrEnum):
    ID = "id"
    CARD = "card"
    MOBILE = "mobile"
    LANDLINE = "landline"
    LONG_RUN = "long_run"  # a run of digits long enough to be an ID or a card, whatever its check


@dataclass(frozen=True)
class FoundNumber:
    """A number found in the text: its kind, its digits and where it stands in the original."""

    kind: NumberKind
    digits: str  # ASCII digits (an ID may end in X); phones without their 86/0086 prefix
    start: int  # original positions, end exclusive
    end: int
    grouping: tuple[int, ...]  # lengths of the digit groups as written
    separators: tuple[str, ...]  # the normalised separators between the groups


@dataclass(frozen=True)
class _Group:
    digits: str
    start: int  # normalised positions, end exclusive
    end: int


_GROUP = re.compile(r"\d+[Xx]?|[Xx]")
_GAP_CHARS = frozenset(" -./\\)]")
# A closing bracket joins only after an area code ("(0591)8765 4321"); anywhere else a
# bracket ends an aside ("卡号6222…（尾号1234）") and the number with it.
_AREA_CODE = re.compile(r"0\d{2,3}")


def _chains(norm: str) -> Iterator[tuple[list[_Group], list[str]]]:
    """Digit groups joined by short separators, with the separators between them.

    An ID's check character X may stand alone after a separator ("... 240 X");
    anywhere else a lone X is a letter.
    """
    groups: list[_Group] = []
    seps: list[str] = []
    for match in _GROUP.finditer(norm):
        group = _Group(match.group(0).upper(), match.start(), match.end())
        if groups:
            gap = norm[groups[-1].end:group.start]
            joined = (0 < len(gap) <= _MAX_GAP and all(c in _GAP_CHARS for c in gap)
                      and not groups[-1].digits.endswith("X")
                      and (")" not in gap and "]" not in gap or bool(_AREA_CODE.fullmatch(groups[-1].digits))))
            if joined:
                groups.append(group)
                seps.append(gap)
                continue
            yield groups, seps
        if group.digits == "X":
            groups, seps = [], []
            continue
        groups, seps = [group], []
    if groups:
        yield groups, seps


def _id_date_ok(yyyymmdd: str) -> bool:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2100


def id_check_ok(id18: str) -> bool:
    """Whether 18 characters carry the right GB 11643 check character."""
    if len(id18) != 18 or not id18[:17].isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(id18[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == id18[17]


def looks_like_id(value: str) -> bool:
    """An 18-character resident ID (right check character, or a real birth date) or a 15-digit legacy one."""
    if len(value) == 18 and value[:17].isdigit() and (value[17].isdigit() or value[17] == "X"):
        return id_check_ok(value) or _id_date_ok(value[6:14])
    if len(value) == 15 and value.isdigit():
        return _id_date_ok("19" + value[6:12])
    return False


def valid_id(value: str) -> bool:
    """A resident ID beyond doubt: 18 characters with both the right check character and a real
    birth date (or 15 digits with a real birth date)."""
    if len(value) == 18:
        return id_check_ok(value) and _id_date_ok(value[6:14])
    return len(value) == 15 and looks_like_id(value)


def luhn_ok(digits: str) -> bool:
    """Whether a string of ASCII digits passes the Luhn (mod 10) check used by card numbers."""
    if not digits or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for position, ch in enumerate(reversed(digits)):
        value = int(ch)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _classify(joined: str) -> tuple[NumberKind, str] | None:
    if "X" in joined:
        return (NumberKind.ID, joined) if looks_like_id(joined) else None
    n = len(joined)
    if n in (15, 18) and looks_like_id(joined) and not (n == 15 and joined[:2] in ("34", "37")
                                                        and luhn_ok(joined)):
        return NumberKind.ID, joined  # (15 digits from 34/37 passing Luhn: an American Express card)
    # Before cards: 86 + a mobile is 13 digits and passes Luhn one time in ten.
    mobile = _MOBILE.fullmatch(joined)
    if mobile:
        return NumberKind.MOBILE, mobile.group(1)
    if 13 <= n <= 19 and luhn_ok(joined):
        return NumberKind.CARD, joined
    landline = _LANDLINE.fullmatch(joined)
    if landline and (joined.startswith("0") or joined.startswith("86")):
        number = landline.group(1)
        area = 2 if number[:2] == "10" or number[0] == "2" else 3
        return NumberKind.LANDLINE, f"0{number[:area]}-{number[area:]}"
    return None


def find_numbers(text: str, *, long_runs: int | None = None,
                 accept: Callable[[FoundNumber], bool] | None = None) -> list[FoundNumber]:
    """Every ID, card and phone number in ``text``, left to right, never overlapping.

    With ``long_runs`` set, a run of at least that many digits that is not wholly
    made of numbers found is returned as one ``LONG_RUN`` (:data:`PAPER_LONG_RUN`
    on paper: a mistyped ID or card number is still one). ``accept`` may turn a
    candidate down (the storage scrubber uses it to leave amounts alone); a longer
    candidate turned down leaves room for the shorter ones inside it.
    """
    return _find(normalise(text), long_runs=long_runs, accept=accept)


def _windows(groups: list[_Group], i: int) -> list[int]:
    """Ends of the windows of groups starting at ``i``, longest first."""
    ends: list[int] = []
    total = 0
    for j in range(i, len(groups)):
        total += len(groups[j].digits)
        if total > _MAX_DIGITS:
            break
        ends.append(j + 1)
    return ends[::-1]


def _find(norm: NormalisedText, *, long_runs: int | None,
          accept: Callable[[FoundNumber], bool] | None) -> list[FoundNumber]:
    found: list[FoundNumber] = []
    for groups, seps in _chains(norm.text):
        in_chain: list[FoundNumber] = []
        covered = 0
        i = 0
        while i < len(groups):
            reference = _reference_at(groups, seps, i)
            if reference:
                covered += reference
                i += reference
                continue
            hit = _specific_at(norm, groups, seps, i, accept)
            if hit is None:
                i += 1
                continue
            in_chain.append(hit[0])
            covered += hit[1] - i
            i = hit[1]
        total = sum(len(g.digits.rstrip("X")) for g in groups)
        if long_runs is not None and covered < len(groups) and total >= long_runs:
            # Digits left over beside (or instead of) a number: the whole run goes, so that
            # a kept tail and the loose digits next to it never spell a number together.
            joined = "".join(g.digits for g in groups)
            in_chain = [_found(norm, groups, seps, 0, len(groups), NumberKind.LONG_RUN, joined)]
        found.extend(in_chain)
    return found


def _reference_at(groups: list[_Group], seps: list[str], i: int) -> int:
    """How many groups from ``i`` form one of the desk's own references (0 if none).

    A case number <branch>-<desk>-<YYYYMMDD>-<seq> with an all-digit desk code
    (0591-01-20261126-0007) has 18 digits and a date where an ID has its birth
    date; a recording's time stamp 20261126-101500 is 14 digits. Neither is
    personal data, and neither is masked.
    """
    digits = [g.digits for g in groups[i:i + 4]]
    if any("X" in d for d in digits):
        return 0
    if (len(digits) == 4 and all(sep == "-" for sep in seps[i:i + 3])
            and 2 <= len(digits[0]) <= 10 and 1 <= len(digits[1]) <= 6 and len(digits[3]) == 4
            and _recent_date(digits[2])):
        return 4
    if len(digits) >= 2 and seps[i] == "-" and len(digits[0]) == 8 and len(digits[1]) == 6 \
            and _recent_date(digits[0]) and _clock_time(digits[1]):
        return 2
    if len(digits[0]) == 14 and _recent_date(digits[0][:8]) and _clock_time(digits[0][8:]):
        return 1
    return 0


def _recent_date(yyyymmdd: str) -> bool:
    return len(yyyymmdd) == 8 and 2000 <= int(yyyymmdd[:4]) <= 2100 and _id_date_ok(yyyymmdd)


def _clock_time(hhmmss: str) -> bool:
    return int(hhmmss[:2]) < 24 and int(hhmmss[2:4]) < 60 and int(hhmmss[4:6]) < 60


def _found(norm: NormalisedText, groups: list[_Group], seps: list[str], i: int, j: int, kind: NumberKind,
           digits: str) -> FoundNumber:
    start, end = norm.span(groups[i].start, groups[j - 1].end)
    before = groups[i].start
    # "(0591) 8765 4321" and "+86 138...": the bracket or plus sign belongs to the number.
    if before > 0 and norm.text[before - 1] in "([" and any(")" in s or "]" in s for s in seps[i:j - 1]):
        before -= 1
        start = norm.origin[before]
    if kind in (NumberKind.MOBILE, NumberKind.LANDLINE) and norm.text[before - 1:before] == "+":
        start = norm.origin[before - 1]
    return FoundNumber(kind, digits, start, end, tuple(len(g.digits) for g in groups[i:j]), tuple(seps[i:j - 1]))


def _specific_at(norm: NormalisedText, groups: list[_Group], seps: list[str], i: int,
                 accept: Callable[[FoundNumber], bool] | None) -> tuple[FoundNumber, int] | None:
    # The longest window first: 6222 0212 3456 7890 is one card, not four short numbers.
    for j in _windows(groups, i):
        joined = "".join(g.digits for g in groups[i:j])
        if "X" in joined[:-1]:
            continue
        kind = _classify(joined)
        if kind is None:
            continue
        candidate = _found(norm, groups, seps, i, j, kind[0], kind[1])
        if accept is None or accept(candidate):
            return candidate, j
    return None


def mask_number(found: FoundNumber, strength: MaskStrength) -> str:
    """The masked form of a found number (DOMAIN.md rules; ``PRINT`` keeps only the last 4 of IDs and cards)."""
    if found.kind is NumberKind.ID:
        return mask_id(found.digits, strength)
    if found.kind in (NumberKind.MOBILE, NumberKind.LANDLINE):
        return mask_phone(found.digits, strength)
    # A card, or a long run that may be a mistyped one: the card rule (at least 4 digits hidden).
    return mask_card(found.digits, strength)


def replace_spans(text: str, replacements: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end, new) span replaced; spans must not overlap."""
    out: list[str] = []
    at = 0
    for start, end, new in sorted(replacements):
        out.append(text[at:start])
        out.append(new)
        at = end
    out.append(text[at:])
    return "".join(out)


def mask_free_text(text: str, strength: MaskStrength, *, paper: bool) -> str:
    """``text`` with every ID, card and phone number masked in place at ``strength``.

    On ``paper`` any run of 13 or more digits is masked too, whatever its check
    digit: a mistyped ID or card number must not reach a printed page either. On
    screen, runs longer than any single number (numbers typed without a break
    between them) are masked.
    Invisible characters are removed from the result, so nothing hides inside it.
    """
    if not text:
        return ""
    masked = text
    if _ANY_DIGIT.search(text):
        norm = normalise(text)
        found = _find(norm, long_runs=PAPER_LONG_RUN if paper else SCREEN_LONG_RUN, accept=None)
        masked = replace_spans(text, [(f.start, f.end, mask_number(f, strength)) for f in found])
    if masked.isascii():
        return masked
    return masked.translate(_INVISIBLE)


class _InvisibleTable(dict[int, int | None]):
    """``str.translate`` table dropping format characters (zero-width spaces, joiners, BOM)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) == "Cf" else code
        self[code] = kept
        return kept


_INVISIBLE = _InvisibleTable()
_ANY_DIGIT = re.compile(r"\d")  # any script: full-width digits count

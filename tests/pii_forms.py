"""Hypothesis strategies: ID, card and phone numbers in every form people write them.

Shared by the detector tests (many examples, no PDF) and the receipt/report tests
(few examples, real PDFs read back).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from hypothesis import strategies as st

from app.domain.idnumber import id_check_char
from app.domain.pii_text import luhn_ok, normalise

#: What people put between digit groups: spaces of every width, dashes, dots, slashes, invisibles.
SEPARATORS = (
    " ", "-", ".", "/", "\u3000", "\u00a0", "\u202f", "\u2009", "\u200b", "\u200c", "\u2060", "\ufeff",
    "\u2013", "\u2014", "\uff0d", "\u2010", "\uff0e", "\uff0f", " - ", "\u3000\u3000", "\u00a0\u200b",
    " \u2013 ", "\u3000\uff0d\u3000", "  -  ", " / ",
)
#: Text around a number: Chinese words and punctuation, never a digit (so the number stands alone).
_AROUND = st.text(alphabet="投诉人称卡号身份证电话手机被盗刷要求退还年费，。：；、（）的了是在我 abcYZ:", max_size=12)

_WORD = st.sampled_from(["，", "。", "；", "、", "投诉", "及", "和", "：", "（", "）"])


@dataclass(frozen=True)
class WrittenNumber:
    """A number as digits, and the way it was written into a sentence."""

    kind: str
    digits: str
    text: str


def _with_luhn(body: str) -> str:
    for d in "0123456789":
        if luhn_ok(body + d):
            return body + d
    raise AssertionError("unreachable")


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    area = draw(st.sampled_from(["110105", "350102", "440306", "310101", "510104", "650102"]))
    born = draw(st.dates(min_value=date(1930, 1, 1), max_value=date(2010, 12, 31)))
    serial = draw(st.integers(min_value=0, max_value=999))
    first17 = f"{area}{born:%Y%m%d}{serial:03d}"
    return first17 + id_check_char(first17)


@st.composite
def card_numbers(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["622202", "622848", "621700", "625880", "4", "51", "55", "356", "6011"]))
    length = draw(st.sampled_from([16, 16, 19, 17, 13]))  # 18 digits would read as an ID
    rest = draw(st.text(alphabet="0123456789", min_size=length - len(prefix) - 1,
                        max_size=length - len(prefix) - 1))
    return _with_luhn(prefix + rest)


@st.composite
def mobiles(draw: st.DrawFn) -> str:
    second = draw(st.sampled_from("3456789"))
    rest = draw(st.text(alphabet="0123456789", min_size=9, max_size=9))
    return f"1{second}{rest}"


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


@st.composite
def written(draw: st.DrawFn, digits: str) -> str:
    """``digits`` cut into groups (as read out, or at random) with separators, maybe full-width."""
    style = draw(st.sampled_from(["whole", "fours", "random"]))
    if style == "whole":
        cuts: list[int] = []
    elif style == "fours":
        cuts = list(range(4, len(digits), 4))
    else:
        cuts = sorted(draw(st.sets(st.integers(1, len(digits) - 1), max_size=6)))
    groups = [digits[a:b] for a, b in zip([0, *cuts], [*cuts, len(digits)])]
    out = groups[0]
    for g in groups[1:]:
        out += draw(st.sampled_from(SEPARATORS)) + g
    if draw(st.booleans()):
        out = out.replace("X", draw(st.sampled_from(["X", "x"])))
    if draw(st.integers(0, 3)) == 0:
        out = _full_width(out)
    return out


@st.composite
def written_ids(draw: st.DrawFn) -> WrittenNumber:
    number = draw(id_numbers())
    if draw(st.integers(0, 4)) == 0:
        # A typical hand-written form: 6-8-4 with hyphens or spaces.
        sep = draw(st.sampled_from(["-", " ", "\u3000", "\u2013"]))
        return WrittenNumber("id", number, f"{number[:6]}{sep}{number[6:14]}{sep}{number[14:]}")
    return WrittenNumber("id", number, draw(written(number)))


@st.composite
def written_cards(draw: st.DrawFn) -> WrittenNumber:
    number = draw(card_numbers())
    return WrittenNumber("card", number, draw(written(number)))


@st.composite
def written_mobiles(draw: st.DrawFn) -> WrittenNumber:
    number = draw(mobiles())
    prefix = draw(st.sampled_from(["", "", "+86 ", "+86", "0086 ", "0086-", "86 ", "+86-", "（+86）"]))
    return WrittenNumber("mobile", number, prefix + draw(written(number)))


def any_number() -> st.SearchStrategy[WrittenNumber]:
    return st.one_of(written_ids(), written_cards(), written_mobiles())


@st.composite
def sentences(draw: st.DrawFn, count: int = 3, glued: bool = False) -> tuple[str, list[WrittenNumber]]:
    """A sentence holding up to ``count`` numbers, with words between them (or nothing, if ``glued``)."""
    numbers = draw(st.lists(any_number(), min_size=1, max_size=count))
    text = draw(_AROUND)
    for n in numbers:
        text += n.text + ("" if glued else draw(_AROUND) + draw(_WORD) + draw(_AROUND))
    return text, numbers


def digit_runs(text: str) -> list[str]:
    """The digit runs a reader sees: digits (and X) joined by spaces, dashes, dots, slashes or
    brackets, invisible characters ignored; anything else (a star, a word, a comma) ends a run."""
    norm = normalise(text).text.upper()
    return [re.sub(r"[^0-9X]", "", run) for run in re.split(r"[^0-9X \-./\\()\[\]]+", norm)]


def shows(text: str, digits: str) -> bool:
    """Whether ``digits`` can be read whole anywhere in ``text``."""
    return any(digits in run for run in digit_runs(text))

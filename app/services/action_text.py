"""The text rules of :mod:`app.domain.text` for what case actions and desk set-up store.

``case add`` and the intake form refuse control characters, bidi overrides,
non-characters and invisible-only values; a reason, a note, a decision section
or an operator's name reaches the same screens and printed files, so it is held
to the same rules. Over-long text is refused, never cut short without a word.
"""

from __future__ import annotations

from app.domain.text import normalise_line_breaks, text_problems
from app.errors import Problem


def checked_text(value: str | None, field: str, problems: list[Problem], *, limit: int,
                 required: bool = False, multiline: bool = True) -> str:
    """``value`` trimmed, as it may be stored; a problem is appended (and "" returned) when it may not be.

    Multi-line free text (reasons, notes, decision sections) keeps its line
    breaks, written as ``\\n``; a name (``multiline=False``) must be one line.
    """
    v = (value or "").strip()
    if multiline:
        v = normalise_line_breaks(v)
    if len(v) > limit:
        problems.append(Problem("too_long", field, f"is longer than {limit} characters",
                                {"max": limit, "length": len(v)}))
        return ""
    bad = text_problems(v, field, multiline=multiline)
    if bad:
        problems.extend(bad)
        return ""
    if required and not v:
        problems.append(Problem("required", field, "is required"))
    return v

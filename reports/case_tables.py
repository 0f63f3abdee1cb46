"""Table shapes of the case report: key-value grids and ruled lists that split across pages.

A reportlab table breaks between rows only, so any cell text that could be long
is cut into continuation rows (:func:`reports.layout.chunks`); one entry may then
span several rows and pages, and the header row repeats on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

from reportlab.platypus import Flowable, Paragraph, Table

from reports.layout import RULE, SHADE, Styles, chunks, markup, table_style

Cell: TypeAlias = "str | Flowable"


def _para(value: Cell, style: Any) -> Flowable:
    return Paragraph(markup(value), style) if isinstance(value, str) else value


def key_value_table(
    rows: Sequence[tuple[str, str]], s: Styles, width: float, label_width: float
) -> Table:
    """Label / value rows; a long value continues in further rows under an empty label."""
    data: list[list[Flowable | str]] = []
    entry_starts: list[int] = []
    for label, value in rows:
        entry_starts.append(len(data))
        for i, piece in enumerate(chunks(value or "—")):
            data.append([Paragraph(markup(label), s.cell_head) if i == 0 else "", _para(piece, s.cell)])
    table = Table(data, colWidths=[label_width, width - label_width])
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (0, -1), SHADE),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("LINEAFTER", (0, 0), (0, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("LINEABOVE", (0, r), (-1, r), 0.5, RULE) for r in entry_starts[1:]]
    table.setStyle(table_style(commands))
    return table


def list_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    s: Styles,
    col_widths: Sequence[float],
    long_col: int | None = None,
) -> Table:
    """A ruled list with a repeating header; the text in ``long_col`` may run to many rows."""
    data: list[list[Flowable | str]] = [[Paragraph(markup(h), s.cell_head) for h in header]]
    entry_starts: list[int] = []
    for row in rows:
        entry_starts.append(len(data))
        long_value = row[long_col] if long_col is not None else None
        if long_col is None or not isinstance(long_value, str):
            data.append([_para(cell, s.cell) for cell in row])
            continue
        for i, piece in enumerate(chunks(long_value or "—")):
            if i == 0:
                cells = [_para(piece if c == long_col else cell, s.cell) for c, cell in enumerate(row)]
            else:
                cells = ["" if c != long_col else _para(piece, s.cell) for c in range(len(row))]
            data.append(cells)
    table = Table(data, colWidths=list(col_widths), repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    commands += [("LINEABOVE", (0, r), (-1, r), 0.3, RULE) for r in entry_starts[1:]]
    table.setStyle(table_style(commands))
    return table

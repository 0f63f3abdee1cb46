"""Options of the ``letter`` command and of ``print --letter`` (the decision letter and notices of a case).

``letter NUMBER --kind decision|extension|pause|declined -o FILE`` and
``print NUMBER --letter KIND`` run through ``cmd_document`` in app.cli like
receipts (``-o`` checked before anything is built, written atomically; CUPS for
print).  Both count the copy (补打 from the second) and, when the letter was
handed over (``--delivered``; printing defaults to in person), record the
notice with its channel and the PDF's hash.
"""

from __future__ import annotations

import argparse
from typing import Any

KINDS = ("decision", "extension", "pause", "declined")
DELIVERIES = ("in-person", "post", "sms", "phone")


def add_letter_parser(sub: Any) -> None:
    """Register ``letter`` on the top-level sub-parsers."""
    lt = sub.add_parser("letter", help="write a decision letter (处理意见书) or notice (告知书) of a case as PDF")
    lt.add_argument("number")
    lt.add_argument("--kind", required=True, choices=KINDS, help="which letter")
    lt.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    lt.add_argument("--delivered", choices=DELIVERIES,
                    help="record it as handed to the complainant this way (default: not recorded as delivered)")


def add_print_options(pr: argparse.ArgumentParser, which: Any) -> None:
    """``--letter KIND`` (one of the print command's document choices) and ``--delivered``."""
    which.add_argument("--letter", choices=KINDS, help="a decision letter or notice")
    pr.add_argument("--delivered", choices=DELIVERIES, default="in-person",
                    help="with --letter: how it reaches the complainant (default in-person: they sign for it)")


def letter_kind(a: argparse.Namespace) -> str:
    """The letter a ``letter`` or ``print --letter`` command asks for ("" for other documents)."""
    return str(a.kind if a.command == "letter" else getattr(a, "letter", None) or "")


def printer_setting(letter: str) -> str:
    """The printer setting a letter prints on: the decision letter's own, else the notices'."""
    return "decision_letter" if letter == "decision" else "notice"


def delivered_channel(a: argparse.Namespace) -> str:
    """The notice channel to record (``--delivered``), "" when the letter was only written to a file."""
    from app.services.documents import DELIVERY_CHANNELS

    return DELIVERY_CHANNELS[a.delivered] if getattr(a, "delivered", None) else ""

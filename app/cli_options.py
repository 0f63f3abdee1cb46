"""Command-line options the desk's way: one-line usage errors and bounded numeric types.

argparse's own error is a usage block plus a line in its format; the desk's CLI
promises one ``error: <field>: <message> [<code>]`` line for every bad input.
Numeric options are bounded so that ``--limit -1``, ``--seconds inf`` or
``--size 99999x99999`` never reach a command.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import NoReturn

from app.domain.text import excerpt
from app.terminal import escape_unsafe

USAGE = 2  # the exit status of every bad-input refusal


class DeskArgumentParser(argparse.ArgumentParser):
    """argparse with the desk's one-line error format (``error: <option>: <message> [usage]``)."""

    def error(self, message: str) -> NoReturn:
        where, _, what = message.partition(": ") if message.startswith("argument ") else ("", "", message)
        field = where.removeprefix("argument ").split("/")[-1] if where else self.prog
        self.exit(USAGE, escape_unsafe(f"error: {excerpt(field)}: {excerpt(what, 200)} "
                                       f"(see {self.prog} --help) [usage]\n"))


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """A whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number from {low} to {high}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be a whole number from {low} to {high}")
        return value

    return parse


def bounded_float(low: float, high: float) -> Callable[[str], float]:
    """A number in (low, high]; NaN and infinities are refused."""

    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a number more than {low:g} and at most {high:g}") from None
        if not low < value <= high:  # also false for NaN
            raise argparse.ArgumentTypeError(f"must be a number more than {low:g} and at most {high:g}")
        return value

    return parse


def frame_size(text: str) -> str:
    """WIDTHxHEIGHT within what the encoder and a desk camera handle (even sides for 4:2:0 video)."""
    width, _, height = text.strip().lower().partition("x")
    try:
        w, h = int(width), int(height)
    except ValueError:
        raise argparse.ArgumentTypeError("must be WIDTHxHEIGHT, e.g. 1280x720") from None
    if not (160 <= w <= 3840 and 120 <= h <= 2160 and w % 2 == 0 and h % 2 == 0):
        raise argparse.ArgumentTypeError("must be even WIDTHxHEIGHT from 160x120 to 3840x2160")
    return f"{w}x{h}"

"""The ``complaint-desk`` entry point: the GUI when no sub-command is given, else the CLI."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from app.cli import build_parser, run_command


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from ui.app import run_gui

        return run_gui(args)
    return run_command(args, parser)


if __name__ == "__main__":
    sys.exit(main())

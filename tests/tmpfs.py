"""A real small disk for disk-full tests: a tmpfs mounted for one test (needs root; skipped otherwise)."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_disk(folder: Path, megabytes: int) -> Iterator[Path]:
    """Mount a ``megabytes`` tmpfs on ``folder`` (created) for the duration; unmount after."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m,mode=0700", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(folder: Path, name: str = "filler.bin") -> int:
    """Write ``folder/name`` until the disk is full to the last byte; returns the bytes written."""
    written = 0
    with open(folder / name, "wb", buffering=0) as handle:
        for chunk in (1 << 20, 1 << 12, 1):
            block = b"\0" * chunk
            while True:
                try:
                    done = handle.write(block) or 0
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    break
                written += done
    return written


def fill_leaving(folder: Path, free_bytes: int, name: str = "filler.bin") -> None:
    """Write ``folder/name`` so that about ``free_bytes`` stay free on the disk."""
    import shutil

    wanted = shutil.disk_usage(folder).free - free_bytes
    with open(folder / name, "wb") as handle:
        while wanted > 0:
            chunk = min(wanted, 1 << 20)
            handle.write(b"\0" * chunk)
            wanted -= chunk

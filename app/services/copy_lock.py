"""One delivery at a time per case: the lock held while a copy is numbered, delivered and counted.

Two previews of the same case (in one window, two windows or the CLI) each
build "the next copy" before either is counted, so both would say copy 1.  The
copy number is therefore re-checked and the copy counted under this lock, with
the delivery in between; a second delivery of the same case waits for the first
to be counted.  It is an advisory file lock (``flock`` on POSIX, ``msvcrt`` on
Windows), so it holds across threads and processes of the same desk, and the
operating system drops it if a process dies.  Cases share one of
:data:`BUCKETS` lock files (by a hash of the case number) so the folder does
not grow with the register.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.paths import DeskPaths

BUCKETS = 64


def lock_path(paths: DeskPaths, case_number: str) -> Path:
    """The lock file that guards the copies of ``case_number``."""
    bucket = int.from_bytes(hashlib.sha256(case_number.encode("utf-8")).digest()[:4], "big") % BUCKETS
    return paths.cache / "copy-locks" / f"copies-{bucket:02d}.lock"


@contextmanager
def copy_lock(paths: DeskPaths, case_number: str) -> Iterator[None]:
    """Hold the copy lock of ``case_number`` (waiting for another delivery of it to be counted)."""
    path = lock_path(paths, case_number)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(path, "a+b") as handle:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

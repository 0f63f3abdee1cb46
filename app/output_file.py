"""Writing a document the operator asked for (``receipt/report -o FILE``) safely.

The destination is checked before anything is rendered (so a wrong path costs
nothing and writes nothing to the store), the bytes go to a hidden ``.part``
file beside it, are flushed to disk and then renamed over the target; on any
failure the ``.part`` file is removed and one OutputError says what went wrong.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from pathlib import Path

from app.domain.text import excerpt
from app.errors import DeskError

log = logging.getLogger(__name__)


class OutputError(DeskError):
    """The output file cannot be written where the operator asked."""

    code = "output"


def _name(path: Path) -> str:
    return excerpt(str(path), 80)


def check_output_path(path: Path, *, field: str = "output") -> None:
    """Refuse a destination that cannot take a file: a folder, a missing or read-only folder, a device
    or pipe, or an existing file that is not a PDF (the desk's own store, a recording, someone's work)."""
    if "\x00" in str(path):
        raise OutputError("is not a valid file name (NUL character)", code="output_name", field=field)
    try:
        _check_destination(path, field)
    except OSError as exc:  # a name too long, a loop of links, an unreadable folder on the way
        raise OutputError(f"cannot write {_name(path)}: {_reason(exc)}", code="output_name", field=field) from exc


def _check_destination(path: Path, field: str) -> None:
    if not str(path).strip() or path.is_dir():
        raise OutputError(f"{_name(path)} is a folder; give a file name", code="output_is_folder", field=field)
    try:
        # Follows links: /dev/stdout is the terminal or pipe behind it.
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    if st is not None:
        # The file is written beside the target and renamed over it: over /dev/null, a FIFO or a
        # socket that would put a regular file in their place.
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(f"{_name(path)} is not a regular file (a device, pipe or socket); give a file name",
                              code="output_not_file", field=field)
        if st.st_size and not _is_pdf(path):
            raise OutputError(f"{_name(path)} exists and is not a PDF; it is not replaced",
                              code="output_not_pdf", field=field)
    parent = path.parent
    if not parent.exists():
        raise OutputError(f"folder {_name(parent)} does not exist", code="output_folder_missing", field=field)
    if not parent.is_dir():
        raise OutputError(f"{_name(parent)} is not a folder", code="output_folder_missing", field=field)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"no permission to write in {_name(parent)}", code="output_permission", field=field)
    # Only creating a file tells for sure (read-only mounts, /proc, ACLs, root on NFS).
    probe = _part_file(path)
    try:
        with open(probe, "wb"):
            pass
    except OSError as exc:
        code = "output_permission" if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) else "output_failed"
        raise OutputError(f"cannot write {_name(path)}: {_reason(exc)}", code=code, field=field) from exc
    _remove(probe)


def _is_pdf(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(5) == b"%PDF-"


def _part_file(path: Path) -> Path:
    return path.with_name(f".{path.name}.part")


def _remove(part: Path) -> None:
    try:
        part.unlink(missing_ok=True)
    except OSError as exc:
        # The file name may carry a complainant's name: the log gets the reason only.
        log.warning("could not remove a partial output file: %s", exc.strerror)


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    return exc.strerror or type(exc).__name__


def write_file_atomically(path: Path, data: bytes, *, field: str = "output") -> None:
    """Put ``data`` at ``path`` whole or not at all; raises OutputError, leaving no ``.part`` behind."""
    check_output_path(path, field=field)
    tmp = _part_file(path)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise OutputError(f"cannot write {_name(path)}: {_reason(exc)}", code="output_failed", field=field) from exc

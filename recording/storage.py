"""Where the encoded bytes go: the media file and the free space left for it.

The recorder writes through a :class:`MediaWriter`, so how bytes reach the
disk is pluggable: :class:`DiskWriter` is the real one (unbuffered writes,
fsync at most every ``sync_interval_s`` so a power cut loses no more than a
fragment or two); :class:`CappedWriter` behaves like a disk of a fixed size
that fills up, which is how tests (and quota set-ups) exercise "disk full".
"""

from __future__ import annotations

import errno
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Protocol

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: only this process's own bookkeeping then
    fcntl = None  # type: ignore[assignment]

RESERVE_SUFFIX = ".reserve"
MANIFEST_RESERVE_BYTES = 1 << 20
"""Room set aside when a recording starts, for its manifest (a few hundred bytes) and, once the
manifest is in, for the store to note the recording: a disk that fills during the recording can
then still sign and attach what was captured."""


def reserve_path_for(media: Path) -> Path:
    """The hidden file holding a recording's reserved room until its manifest is written."""
    return media.with_name("." + media.stem + RESERVE_SUFFIX)


def reserve_room(media: Path, nbytes: int = MANIFEST_RESERVE_BYTES) -> Path:
    """Allocate ``nbytes`` on disk next to ``media`` (really allocated, not a sparse file).

    Raises ``OSError`` (ENOSPC) when there is not that much room.
    """
    path = reserve_path_for(media)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        if hasattr(os, "posix_fallocate"):
            os.posix_fallocate(fd, 0, nbytes)
        else:  # pragma: no cover - platforms without fallocate: write the bytes out
            os.write(fd, bytes(nbytes))
        os.fsync(fd)
    except OSError:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)
    return path


def being_written(path: Path) -> bool:
    """Whether a recorder (of any process on this machine) holds ``path`` open for writing."""
    if fcntl is None or not path.exists():
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


class MediaFile(Protocol):
    """The file-like object PyAV writes the container into."""

    def write(self, data: bytes) -> int: ...

    def seek(self, offset: int, whence: int = 0) -> int: ...

    def tell(self) -> int: ...

    def flush(self) -> None: ...

    def close(self) -> None: ...


class MediaWriter(Protocol):
    """Opens media files for writing and reports the free space next to them."""

    def open(self, path: Path) -> MediaFile: ...

    def free_bytes(self, folder: Path) -> int: ...


class SyncedFile:
    """An unbuffered file that reaches the OS on every write and the disk every few seconds."""

    def __init__(self, path: Path, sync_interval_s: float = 2.0) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        if fcntl is not None:
            # Held while the file is written: recovery in another process then leaves it alone.
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self._interval = sync_interval_s
        self._last_sync = time.monotonic()
        self.size = 0
        self._pos = 0

    def write(self, data: bytes) -> int:
        view = memoryview(data)
        while view:
            done = os.write(self._fd, view)
            view = view[done:]
        self._pos += len(data)
        self.size = max(self.size, self._pos)
        if self._interval >= 0 and time.monotonic() - self._last_sync >= self._interval:
            os.fsync(self._fd)
            self._last_sync = time.monotonic()
        return len(data)

    def seek(self, offset: int, whence: int = 0) -> int:
        self._pos = os.lseek(self._fd, offset, whence)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def flush(self) -> None:
        pass

    def close(self) -> None:
        if self._fd >= 0:
            try:
                os.fsync(self._fd)
            finally:
                os.close(self._fd)
                self._fd = -1


class DiskWriter:
    """The real disk."""

    def __init__(self, sync_interval_s: float = 2.0) -> None:
        self.sync_interval_s = sync_interval_s

    def open(self, path: Path) -> MediaFile:
        return SyncedFile(path, self.sync_interval_s)

    def free_bytes(self, folder: Path) -> int:
        return int(shutil.disk_usage(folder).free)


class CappedWriter:
    """A pretend disk holding at most ``capacity_bytes`` of media: it fills up and says so.

    Writes past the capacity write what fits and then raise ``OSError(ENOSPC)``,
    as a real full disk does.
    """

    def __init__(self, capacity_bytes: int) -> None:
        self.capacity_bytes = capacity_bytes
        self._used = 0
        self._lock = threading.Lock()

    @property
    def used_bytes(self) -> int:
        return self._used

    def open(self, path: Path) -> MediaFile:
        return _CappedFile(self, path)

    def free_bytes(self, folder: Path) -> int:
        return max(0, self.capacity_bytes - self._used)

    def _claim(self, wanted: int) -> int:
        with self._lock:
            granted = max(0, min(wanted, self.capacity_bytes - self._used))
            self._used += granted
            return granted


class _CappedFile:
    def __init__(self, owner: CappedWriter, path: Path) -> None:
        self._owner = owner
        self._file = SyncedFile(path, sync_interval_s=-1.0)

    def write(self, data: bytes) -> int:
        growth = max(0, self._file.tell() + len(data) - self._file.size)
        granted = self._owner._claim(growth)
        if granted < growth:
            fits = len(data) - (growth - granted)
            if fits > 0:
                self._file.write(data[:fits])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._file.write(data)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self._file.close()

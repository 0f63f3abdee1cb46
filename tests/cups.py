"""A private CUPS scheduler for tests, with network printers that are TCP servers on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CUPSD_CONF = """Listen {root}/cups.sock
LogLevel warn
WebInterface No
Browsing No
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""

FILES_CONF = """ServerRoot {root}
RequestRoot {root}/spool
CacheDir {root}/cache
StateDir {root}/state
AccessLog {root}/log/access_log
ErrorLog {root}/log/error_log
PageLog {root}/log/page_log
DataDir /usr/share/cups
ServerBin /usr/lib/cups
"""


class SocketPrinter:
    """A raw (AppSocket/JetDirect) printer: accepts one TCP connection per job and keeps the bytes."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.jobs: list[bytes] = []
        self.received = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                chunks = []
                while data := conn.recv(65536):
                    chunks.append(data)
            self.jobs.append(b"".join(chunks))
            self.received.set()

    def close(self) -> None:
        self.server.close()


def _wait_for(predicate: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.05)  # polling an external daemon's socket file: no event to wait on
    return False


@contextmanager
def private_cups() -> Iterator[str]:
    """Run cupsd on a unix socket in a fresh folder; yields the CUPS_SERVER value."""
    cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
    if not os.path.exists(cupsd):
        raise RuntimeError("cupsd is missing: scripts/bootstrap installs cups-daemon")
    # CUPS backends run as the unprivileged user 'lp', which must reach the spool
    # files: pytest's own temp folders are private to root, so use a world-traversable one.
    root = Path(tempfile.mkdtemp(prefix="cd-cups-"))
    root.chmod(0o755)
    for sub in ("spool", "cache", "state", "log", "ppd"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "cupsd.conf").write_text(CUPSD_CONF.format(root=root))
    (root / "cups-files.conf").write_text(FILES_CONF.format(root=root))
    proc = subprocess.Popen([cupsd, "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sock = root / "cups.sock"
    try:
        if not _wait_for(sock.exists, 20):
            raise RuntimeError("cupsd did not start")
        yield str(sock)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        shutil.rmtree(root, ignore_errors=True)


def add_socket_printer(server: str, name: str, port: int) -> None:
    env = dict(os.environ, CUPS_SERVER=server)
    subprocess.run(["lpadmin", "-p", name, "-E", "-v", f"socket://127.0.0.1:{port}"], env=env, check=True,
                   capture_output=True)

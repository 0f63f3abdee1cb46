"""Opening the desk's SQLite store with the settings that keep cases safe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError

from app.domain.text import excerpt
from app.errors import DeskError

# How long a writer waits for another program's write lock before giving up with
# "database is locked" (the CLI then says the store is busy; the GUI shows the error).
BUSY_TIMEOUT_S = 10


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, decide when transactions begin.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    # First, so that switching to WAL on a store another program is writing waits too.
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # FULL: a committed case, outbox entry or audit line survives power loss.
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _on_begin(conn: Any) -> None:
    # Writers take the write lock up front so two processes (GUI and CLI)
    # can never both read the same counter and then collide.
    if conn.get_execution_options().get("immediate"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def make_engine(db_path: Path) -> Engine:
    """An engine on ``db_path`` with WAL, foreign keys and synchronous=FULL on every connection."""
    engine = create_engine(f"sqlite:///{db_path}", future=True, connect_args={"timeout": BUSY_TIMEOUT_S})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def store_error(exc: DatabaseError) -> DeskError:
    """What an operator can do about an SQLite error: a busy store is worth another try; a damaged
    or replaced store file is restored from the backup (nothing is written to it)."""
    text = str(exc.orig).lower()
    if "locked" in text or "busy" in text:
        return DeskError("the store is busy: another program holds a write lock; try again",
                         code="store_busy", field="store")
    if "not a database" in text or "malformed" in text:
        return DeskError("the store file is damaged or is not a desk database; restore it from the backup",
                         code="store_damaged", field="store")
    return DeskError(f"cannot use the store: {excerpt(str(exc.orig), 120)}", code="store_error", field="store")

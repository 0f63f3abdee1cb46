"""Where the service keeps its data and how it opens it: SQLite in a data folder, or PostgreSQL.

``--database-url`` (or ``COMPLAINT_CENTRAL_DATABASE_URL``) wins over
``--data-dir``; without either, the data folder is ``COMPLAINT_CENTRAL_HOME``
or ``./central-data``.  Only SQLite and PostgreSQL through psycopg 3 are accepted.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from central.errors import CentralError

ENV_URL = "COMPLAINT_CENTRAL_DATABASE_URL"
ENV_HOME = "COMPLAINT_CENTRAL_HOME"
DB_FILE = "central.sqlite3"
HEAD_REVISION = "c0003"


@dataclass(frozen=True)
class StoreConfig:
    """The database the service uses: a SQLAlchemy URL, and the data folder for files (recordings)."""

    url: str
    data_dir: Path

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")


def resolve_store(data_dir: str | None, database_url: str | None) -> StoreConfig:
    """The store named on the command line or in the environment; raises CentralError on a bad URL."""
    url = database_url or os.environ.get(ENV_URL) or ""
    folder = Path(data_dir or os.environ.get(ENV_HOME) or "central-data").expanduser().absolute()
    if not url:
        return StoreConfig(f"sqlite:///{folder / DB_FILE}", folder)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise CentralError("database_url", "is not a database URL, e.g. postgresql+psycopg://user@host/db",
                           "bad_url") from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername not in ("postgresql+psycopg", "sqlite"):
        raise CentralError("database_url", f"{parsed.drivername} is not supported: use postgresql+psycopg:// "
                           "or sqlite:///", "bad_url")
    return StoreConfig(parsed.render_as_string(hide_password=False), folder)


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # A writing transaction takes the write lock first: pushes are serialised, so event
    # cursors are handed out in commit order and a pull never skips one.
    if conn.get_execution_options().get("immediate"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def make_engine(config: StoreConfig) -> Engine:
    """An engine on the configured store (SQLite: WAL, foreign keys, synchronous=FULL)."""
    if config.is_sqlite:
        database = make_url(config.url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        engine = create_engine(config.url)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(config.url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def alembic_config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(str(files("central.store") / "migrations"))))
    return cfg


def upgrade_to_head(engine: Engine) -> None:
    """Apply the service's migrations; refuse a database written by a newer service."""
    with engine.connect() as conn:
        current = (conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                   if inspect(conn).has_table("alembic_version") else None)
    if current == HEAD_REVISION:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = alembic_config()
    if current is not None and current not in {r.revision for r in ScriptDirectory.from_config(cfg).walk_revisions()}:
        raise CentralError("database", f"was written by a newer service (schema {current})", "schema_too_new")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


class Store:
    """The opened store: an engine with the schema at head, and sessions on it."""

    def __init__(self, config: StoreConfig) -> None:
        self.config = config
        self.engine = make_engine(config)
        upgrade_to_head(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Writers of this process queue here, without a time limit, rather than in
        # SQLite's busy timeout (20 desks pushing at once would run it out).
        self._write_lock = threading.Lock()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back when it raises."""
        with self._write_lock, self._sessions.begin() as session:
            session.connection(execution_options={"immediate": True})
            if not self.config.is_sqlite:
                # The PostgreSQL twin of BEGIN IMMEDIATE above (see _sqlite_begin).
                session.execute(text("SELECT pg_advisory_xact_lock(7201)"))
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

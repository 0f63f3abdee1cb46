"""An opened desk: its folders, its store and the rule data, ready for services.

The caller opens one Session per user action (``desk.write()`` / ``desk.read()``);
services take that Session and never commit themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock, utc_now
from app.db.engine import make_engine
from app.db.migrate import upgrade_to_head
from app.domain.classification import ReferenceTable, load_reference
from app.domain.holidays import HolidayCalendar
from app.domain.rules import ComplaintRules, load_rules
from app.paths import HOLIDAYS_FILE, REFERENCE_FILE, RULES_FILE, DeskPaths, resolve_paths
from app.services.context import Rulebook


@dataclass
class Desk:
    """Everything a service call needs besides the Session and the acting operator."""

    paths: DeskPaths
    engine: Engine
    rules: ComplaintRules
    calendar: HolidayCalendar
    reference: ReferenceTable
    clock: Clock = field(default=utc_now)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            self.engine.execution_options(immediate=True), expire_on_commit=False
        )

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work that commits on success and rolls back on any error."""
        with self._write_sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    @property
    def rulebook(self) -> Rulebook:
        return Rulebook(self.rules, self.calendar, self.reference, self.clock)

    def close(self) -> None:
        self.engine.dispose()


def open_desk(
    data_dir: str | Path | None = None,
    *,
    clock: Clock = utc_now,
    rules_path: Path | None = None,
    reference_path: Path | None = None,
    holidays_path: Path | None = None,
) -> Desk:
    """Open (creating and migrating if needed) the desk store under ``data_dir``."""
    paths = resolve_paths(data_dir).ensure()
    engine = make_engine(paths.database)
    upgrade_to_head(engine)
    return Desk(
        paths=paths,
        engine=engine,
        rules=load_rules(rules_path or paths.bank_file(RULES_FILE)),
        calendar=HolidayCalendar(holidays_path or paths.bank_file(HOLIDAYS_FILE)),
        reference=load_reference(reference_path or paths.bank_file(REFERENCE_FILE)),
        clock=clock,
    )

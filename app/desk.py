"""An opened desk: its folders, its store and the rule data, ready for services.

The caller opens one Session per user action (``desk.write()`` / ``desk.read()``);
services take that Session and never commit themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from app import secrets
from app.clock import Clock, utc_now
from app.db.engine import make_engine
from app.db.migrate import upgrade_to_head
from app.domain.classification import ReferenceTable, load_reference
from app.domain.holidays import HolidayCalendar
from app.domain.rules import ComplaintRules, load_rules
from app.keys import establish_desk_uuid, move_legacy_keys
from app.paths import HOLIDAYS_FILE, REFERENCE_FILE, RULES_FILE, DeskPaths, resolve_paths
from app.services.audit import AUDIT_KEY_INFO, DESK_UUID_INFO, append_audit
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
    #: Names every keyring entry of the desk and every audit line (``<data>/desk.id``).
    desk_uuid: str = ""
    audit_key: bytes = field(default=b"", repr=False)
    #: A permanent warning while keys sit in a plain-file keyring chosen explicitly ('' otherwise).
    keyring_warning: str = ""

    def __post_init__(self) -> None:
        # Every Session carries the audit key, so services append keyed lines without a keyring call.
        info = {AUDIT_KEY_INFO: self.audit_key, DESK_UUID_INFO: self.desk_uuid}
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, info=info)
        self._write_sessions = sessionmaker(
            self.engine.execution_options(immediate=True), expire_on_commit=False, info=info
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
    """Open (creating and migrating if needed) the desk store under ``data_dir``.

    Before the store: a keyring that may hold keys (``keyring_unavailable`` /
    ``keyring_plaintext_refused``), the desk uuid (``desk.id``) that names the
    keys, and the one-time move of keys kept under the old shared names.  After
    it: the audit key (``key_missing`` when the log has lines and the key is
    gone) and the receipt key (made only while no receipt was issued).
    """
    paths = resolve_paths(data_dir).ensure()
    status = secrets.require_usable_backend()
    desk_id = establish_desk_uuid(paths)
    desk_uuid = desk_id.uuid
    secrets.bind_desk(desk_uuid)
    moved = move_legacy_keys() if desk_id.upgraded else []
    engine = make_engine(paths.database)
    try:
        upgrade_to_head(engine)
        audit_key = _desk_keys(engine)
    except BaseException:
        engine.dispose()
        raise
    desk = Desk(
        paths=paths,
        engine=engine,
        rules=load_rules(rules_path or paths.bank_file(RULES_FILE)),
        calendar=HolidayCalendar(holidays_path or paths.bank_file(HOLIDAYS_FILE)),
        reference=load_reference(reference_path or paths.bank_file(REFERENCE_FILE)),
        clock=clock,
        desk_uuid=desk_uuid,
        audit_key=audit_key,
        keyring_warning=status.warning,
    )
    if moved:
        with desk.write() as s:
            append_audit(s, at=clock(), operator_id="system", action="keys.moved_to_desk_names",
                         details={"keys": moved, "desk_uuid": desk_uuid})
    return desk


def _desk_keys(engine: Engine) -> bytes:
    """The audit key (made only for an empty log); the receipt key is made here while no receipt was issued."""
    with engine.connect() as conn:
        lines = conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
        receipts = conn.execute(text(
            "SELECT count(*) FROM case_events WHERE kind = 'print' "
            "AND json_extract(data, '$.document') = 'receipt'")).scalar_one()
    audit_key = secrets.load_key(secrets.AUDIT_KEY, may_create=not lines, what="audit key")
    if not receipts:
        secrets.load_key(secrets.RECEIPT_KEY, may_create=True, what="receipt key")
    return audit_key

"""Bringing the store's schema up to date at start-up (Alembic), refusing newer ones.

Alembic is imported only when there is work to do: a store already at
:data:`HEAD_REVISION` opens without it (saves ~90 ms of every start-up).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from app.db.revision import HEAD_REVISION as HEAD_REVISION  # the newest migration, kept in app/db/revision.py
from app.errors import SchemaTooNew

if TYPE_CHECKING:
    from alembic.config import Config


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(str(files("app.db") / "migrations"))))
    return cfg


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(engine: Engine) -> None:
    """Apply every migration not yet applied; refuse a store from a newer program."""
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return
    if current is not None and current not in known_revisions():
        raise SchemaTooNew(
            f"the store was written by a newer Complaint Desk (schema {current}); "
            "install the newer version or open another data folder",
            code="schema_too_new",
            revision=current,
        )
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")

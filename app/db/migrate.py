"""Bringing the store's schema up to date at start-up (Alembic), refusing newer ones."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from app.errors import SchemaTooNew


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(str(files("app.db") / "migrations"))))
    return cfg


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(engine: Engine) -> None:
    """Apply every migration not yet applied; refuse a store from a newer program."""
    current = current_revision(engine)
    if current is not None and current not in known_revisions():
        raise SchemaTooNew(
            f"the store was written by a newer Complaint Desk (schema {current}); "
            "install the newer version or open another data folder",
            code="schema_too_new",
            revision=current,
        )
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")

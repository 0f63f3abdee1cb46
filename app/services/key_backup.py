"""Saving the desk's key recovery file: one use case for the CLI's ``keys export`` and the first-run step."""

from __future__ import annotations

from pathlib import Path

from app.desk import Desk
from app.keys import KeyBackup, check_passphrase, export_keys
from app.output_file import check_output_path
from app.services.audit import append_audit


def save_recovery_file(desk: Desk, operator_id: str, out: Path, passphrase: str) -> KeyBackup:
    """Write every key of the desk to ``out`` under ``passphrase``, and audit who did (never the passphrase).

    The caller has checked that ``operator_id`` is the administrator.
    """
    check_passphrase(passphrase)
    check_output_path(out, field="out")
    backup = export_keys(out, passphrase)
    with desk.write() as s:
        append_audit(s, at=desk.clock(), operator_id=operator_id, action="keys.exported",
                     details={"keys": list(backup.names), "desk_uuid": backup.desk_uuid})
    return backup

"""The ``keys``, ``audit head`` and ``status`` commands (key custody and the audit chain's head).

Apart from :mod:`app.cli` so that file does not grow; it registers these with
:func:`add_key_commands` and dispatches to the ``cmd_*`` functions.

Administrator: log-in does not exist yet, so ``keys export`` checks the role of
the ``--operator`` the CLI acts as today (the desk's first operator by
default); the log-in session replaces that check.  ``keys import`` needs no
operator: the passphrase is the proof, and the store cannot be opened before.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app import secrets
from app.cli_options import DeskArgumentParser
from app.desk import Desk, open_desk
from app.keys import import_keys, read_passphrase
from app.paths import DeskPaths
from app.roles import Permission, require
from app.services.audit import append_audit, audit_head
from app.services.key_backup import save_recovery_file
from app.services.identity import get_actor, get_desk_info, require_desk_info
from app.terminal import one_line

EXIT_OK = 0


def add_key_commands(sub: "argparse._SubParsersAction[DeskArgumentParser]") -> None:
    keys = sub.add_parser("keys", help="back up and restore the desk's keys (recovery file)").add_subparsers(
        dest="keys_command", metavar="ACTION")
    exp = keys.add_parser("export", help="write every key of the desk, encrypted under a passphrase "
                                         "(administrator)")
    exp.add_argument("--out", required=True, help="the recovery file to write")
    exp.add_argument("--passphrase-file", required=True, help="file whose first line is the passphrase "
                                                              "(at least 12 characters)")
    imp = keys.add_parser("import", help="restore the desk's keys from a recovery file into this keyring")
    imp.add_argument("file", help="the recovery file")
    imp.add_argument("--passphrase-file", required=True, help="file whose first line is the passphrase")
    sub.add_parser("status", help="the desk, its keyring and any warning about it")


def add_audit_head(audit: "argparse._SubParsersAction[DeskArgumentParser]") -> None:
    head = audit.add_parser("head", help="the chain's last line (seq, hash): what head office anchors")
    head.add_argument("--json", action="store_true", help="as one JSON object")


def _actor_with(desk: Desk, staff_no: str | None, permission: Permission, field: str) -> tuple[str, str]:
    with desk.read() as s:
        require_desk_info(s)
        actor = get_actor(s, staff_no=staff_no)
    require(actor.role, permission, field=field)
    return actor.operator_id, actor.staff_no


def cmd_keys_export(desk: Desk, a: argparse.Namespace) -> int:
    operator_id, _ = _actor_with(desk, a.operator, Permission.MANAGE_DESK, "operator")
    out = Path(a.out)
    backup = save_recovery_file(desk, operator_id, out, read_passphrase(a.passphrase_file))
    print(f"{len(backup.names)} key(s) of desk {backup.desk_uuid} written to {one_line(str(out))}: "
          "keep the file and its passphrase apart, off this machine")
    return EXIT_OK


def cmd_keys_import(paths: DeskPaths, a: argparse.Namespace, data_dir: str | None) -> int:
    """Restore keys before the store is opened; then open it and audit the restore."""
    passphrase = read_passphrase(a.passphrase_file)
    backup = import_keys(paths, Path(a.file), passphrase)
    desk = open_desk(data_dir)
    try:
        with desk.write() as s:
            append_audit(s, at=desk.clock(), operator_id="system", action="keys.imported",
                         details={"keys": list(backup.names), "desk_uuid": backup.desk_uuid})
    finally:
        desk.close()
    print(f"{len(backup.names)} key(s) of desk {backup.desk_uuid} restored into the keyring")
    return EXIT_OK


def cmd_audit_head(desk: Desk, a: argparse.Namespace) -> int:
    with desk.read() as s:
        head = audit_head(s)
    if a.json:
        print(json.dumps({"desk_uuid": head.desk_uuid, "seq": head.seq, "hash": head.hash}))
    else:
        print(f"desk {head.desk_uuid} audit head: seq {head.seq} hash {head.hash}")
    return EXIT_OK


def cmd_status(desk: Desk, a: argparse.Namespace) -> int:
    with desk.read() as s:
        info = get_desk_info(s)
    status = secrets.backend_status()
    name = f"{info.branch_code}-{info.desk_code} ({one_line(info.branch_name)})" if info else "not set up"
    print(f"desk: {name}")
    print(f"desk uuid: {desk.desk_uuid}")
    print(f"data folder: {desk.paths.data}")
    print(f"keyring: {status.backend} ({status.kind.value})")
    if desk.keyring_warning:
        print(f"WARNING: {desk.keyring_warning}")
    return EXIT_OK

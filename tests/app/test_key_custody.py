"""Key custody: keys named per desk, no silent plaintext keyring, no silent new key, the recovery file."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring
from sqlalchemy import select

from app import secrets
from app.cli import main
from app.db.models import AuditEntry
from app.desk import open_desk
from app.errors import DeskError
from tests.reports import pdfcheck

from .conftest import intake_dict

ROOT = Path(__file__).resolve().parents[2]
SMALL = ["--source", "demo", "--size", "320x240", "--fps", "15"]
PASSPHRASE = "Lock-the-safe 2026 柜台"


def _keyring_file(folder: Path) -> PlaintextKeyring:
    ring = PlaintextKeyring()
    ring.file_path = str(folder / "keyring_pass.cfg")  # type: ignore[misc]
    return ring


@pytest.fixture
def fresh_keyring(tmp_path: Path) -> Iterator[Path]:
    """Swap in an empty file keyring (a new machine); the test run's keyring comes back afterwards."""
    before = keyring.get_keyring()
    folder = tmp_path / "fresh-keyring"
    folder.mkdir()
    yield folder
    keyring.set_keyring(before)


def _init(home: str, tmp_path: Path, *, cases: int = 1) -> None:
    assert main(["--data-dir", home, "init", "--branch", "0591", "--branch-name", "福州分行营业部", "--desk", "W01",
                 "--bank-name", "示例银行", "--staff-no", "0001", "--operator-name", "管理员"]) == 0
    assert main(["--data-dir", home, "operator", "add", "--staff-no", "1024", "--name", "林晓"]) == 0
    f = tmp_path / "case.json"
    f.write_text(json.dumps(intake_dict(), ensure_ascii=False), encoding="utf-8")
    for _ in range(cases):
        assert main(["--data-dir", home, "--operator", "1024", "case", "add", "--json", str(f)]) == 0


def _first_number(home: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "list", "--json"]) == 0
    return str(json.loads(capsys.readouterr().out)[-1]["number"])


def _env_without_chosen_backend(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != secrets.BACKEND_ENV}
    env.update(XDG_DATA_HOME=str(tmp_path / "xdg-data"), XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
               PYTHONPATH=str(ROOT), DBUS_SESSION_BUS_ADDRESS="disabled:")
    return env


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, env=env,
                          check=False, timeout=120)


def test_a_plain_file_keyring_it_merely_fell_back_to_is_refused_with_what_to_do(tmp_path: Path) -> None:
    env = _env_without_chosen_backend(tmp_path)
    home = str(tmp_path / "desk")
    run = _cli(env, "--data-dir", home, "init", "--branch", "0591", "--branch-name", "福州分行营业部",
               "--desk", "W01")
    assert run.returncode == 2, run.stderr
    [line] = run.stderr.splitlines()
    assert line.startswith("error: keyring: ") and line.endswith("[keyring_plaintext_refused]")
    assert "PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring" in line and "Secret Service" in line
    assert not list((tmp_path / "xdg-data").rglob("*.cfg")), "no key may be written to the plain file"
    assert not (Path(home) / "desk.sqlite3").exists() and not (Path(home) / "desk.id").exists()

    # Chosen explicitly, it works and says so, permanently.
    env[secrets.BACKEND_ENV] = "keyrings.alt.file.PlaintextKeyring"
    run = _cli(env, "--data-dir", home, "init", "--branch", "0591", "--branch-name", "福州分行营业部",
               "--desk", "W01")
    assert run.returncode == 0, run.stderr
    status = _cli(env, "--data-dir", home, "status")
    assert status.returncode == 0, status.stderr
    assert "WARNING: keys are kept in a plain file" in status.stdout
    assert "keyrings.alt.file.PlaintextKeyring" in status.stdout


def test_two_data_folders_never_share_a_key(tmp_path: Path) -> None:
    a, b = open_desk(tmp_path / "a"), open_desk(tmp_path / "b")
    try:
        assert a.desk_uuid != b.desk_uuid
        assert (tmp_path / "a" / "desk.id").read_text().strip() == a.desk_uuid
        assert a.audit_key != b.audit_key
        receipt_a = secrets.get_secret(secrets.RECEIPT_KEY, desk_uuid=a.desk_uuid).value
        receipt_b = secrets.get_secret(secrets.RECEIPT_KEY, desk_uuid=b.desk_uuid).value
        assert receipt_a and receipt_b and receipt_a != receipt_b
    finally:
        a.close()
        b.close()
    # Reopening a folder finds its own keys again.
    again = open_desk(tmp_path / "a")
    try:
        assert again.desk_uuid == a.desk_uuid and again.audit_key == a.audit_key
    finally:
        again.close()


def test_a_desk_id_that_names_another_desk_is_refused(tmp_path: Path) -> None:
    _init(str(tmp_path / "a"), tmp_path, cases=0)
    _init(str(tmp_path / "b"), tmp_path, cases=0)
    (tmp_path / "a" / "desk.id").write_bytes((tmp_path / "b" / "desk.id").read_bytes())
    with pytest.raises(DeskError) as caught:
        open_desk(tmp_path / "a")
    assert caught.value.code == "desk_id_mismatch"


def test_a_missing_audit_key_with_a_log_is_an_error_never_a_new_key(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = str(tmp_path / "desk")
    _init(home, tmp_path)
    desk_uuid = (tmp_path / "desk" / "desk.id").read_text().strip()
    kept = secrets.get_secret(secrets.AUDIT_KEY, desk_uuid=desk_uuid).value
    assert kept
    keyring.delete_password(secrets.SERVICE, secrets.entry_name(secrets.AUDIT_KEY, desk_uuid))
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "list"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("error: keyring: the audit key") and line.endswith("[key_missing]")
    assert "keys import" in line
    assert secrets.get_secret(secrets.AUDIT_KEY, desk_uuid=desk_uuid).value is None  # none was made


def test_a_missing_receipt_key_after_a_receipt_was_issued_is_an_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = str(tmp_path / "desk")
    _init(home, tmp_path)
    number = _first_number(home, capsys)
    assert main(["--data-dir", home, "--operator", "1024", "receipt", number, "-o", str(tmp_path / "r.pdf")]) == 0
    desk_uuid = (tmp_path / "desk" / "desk.id").read_text().strip()
    keyring.delete_password(secrets.SERVICE, secrets.entry_name(secrets.RECEIPT_KEY, desk_uuid))
    capsys.readouterr()
    assert main(["--data-dir", home, "--operator", "1024", "receipt", number, "-o", str(tmp_path / "r2.pdf")]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.endswith("[receipt_key_missing]") and "keys import" in line
    assert not (tmp_path / "r2.pdf").exists()
    assert main(["--data-dir", home, "receipt", "check", f"{number} ABCD-EFGH"]) == 2
    assert secrets.get_secret(secrets.RECEIPT_KEY, desk_uuid=desk_uuid).value is None


def test_keys_shared_under_the_old_names_are_moved_to_the_desk_once_and_audited(tmp_path: Path) -> None:
    home = tmp_path / "desk"
    _init(str(home), tmp_path, cases=0)
    desk_uuid = (home / "desk.id").read_text().strip()
    # As an existing desk before this version: no desk.id, its receipt key under the shared name.
    (home / "desk.id").unlink()
    old = secrets.get_secret(secrets.RECEIPT_KEY, desk_uuid=desk_uuid).value
    assert old
    keyring.delete_password(secrets.SERVICE, secrets.entry_name(secrets.RECEIPT_KEY, desk_uuid))
    keyring.set_password(secrets.SERVICE, secrets.RECEIPT_KEY, old)
    try:
        for _ in range(2):
            desk = open_desk(home)
            desk.close()
        assert (home / "desk.id").read_text().strip() == desk_uuid  # taken from the store's identity
        assert secrets.get_secret(secrets.RECEIPT_KEY, desk_uuid=desk_uuid).value == old
        desk = open_desk(home)
        with desk.read() as s:
            moves = [e.details for e in s.scalars(select(AuditEntry).where(
                AuditEntry.action == "keys.moved_to_desk_names"))]
        desk.close()
        assert moves == [{"keys": [secrets.RECEIPT_KEY], "desk_uuid": desk_uuid}]
        # A desk set up now never takes the keys other desks shared.
        new = open_desk(tmp_path / "new")
        new.close()
        mine = secrets.get_secret(secrets.RECEIPT_KEY, desk_uuid=new.desk_uuid).value
        assert mine and mine != old
    finally:
        keyring.delete_password(secrets.SERVICE, secrets.RECEIPT_KEY)


def _code_on(pdf: Path, tmp_path: Path) -> str:
    text = pdfcheck.squash("".join(pdfcheck.pdftotext(pdf.read_bytes(), tmp_path, pdf.stem)))
    printed = re.search(r"验证码\s*([A-Z2-7]{4}-[A-Z2-7]{4})", text)
    assert printed, text
    return printed.group(1)


def test_a_desk_restored_on_a_fresh_keyring_from_its_recovery_file_opens_and_verifies(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fresh_keyring: Path) -> None:
    home = str(tmp_path / "desk")
    _init(home, tmp_path)
    number = _first_number(home, capsys)
    receipt = tmp_path / "receipt.pdf"
    assert main(["--data-dir", home, "--operator", "1024", "receipt", number, "-o", str(receipt)]) == 0
    code = _code_on(receipt, tmp_path)
    assert main(["--data-dir", home, "--operator", "1024", "record", number, "--seconds", "1.2", "--told",
                 *SMALL]) == 0
    phrase = tmp_path / "phrase.txt"
    phrase.write_text(PASSPHRASE + "\n", encoding="utf-8")
    backup = tmp_path / "desk-keys.cdkeys"
    # Only the administrator exports the keys (the --operator role check until log-in replaces it).
    capsys.readouterr()
    assert main(["--data-dir", home, "--operator", "1024", "keys", "export", "--out", str(backup),
                 "--passphrase-file", str(phrase)]) == 2
    assert capsys.readouterr().err.endswith("[permission_denied]\n") and not backup.exists()
    assert main(["--data-dir", home, "--operator", "0001", "keys", "export", "--out", str(backup),
                 "--passphrase-file", str(phrase)]) == 0
    assert "3 key(s)" in capsys.readouterr().out
    assert backup.stat().st_mode & 0o777 == 0o600
    raw = backup.read_text(encoding="utf-8")
    for name in secrets.DESK_KEYS:  # nothing of the keys in clear
        value = secrets.get_secret(name, desk_uuid=json.loads(raw)["desk_uuid"]).value
        assert value and value not in raw

    # A new machine: the same data folder, an empty keyring.
    keyring.set_keyring(_keyring_file(fresh_keyring))
    assert main(["--data-dir", home, "case", "list"]) == 2
    assert capsys.readouterr().err.rstrip().endswith("[key_missing]")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase at all\n", encoding="utf-8")
    assert main(["--data-dir", home, "keys", "import", str(backup), "--passphrase-file", str(wrong)]) == 2
    assert capsys.readouterr().err.rstrip().endswith("[key_backup_passphrase]")
    assert main(["--data-dir", home, "keys", "import", str(backup), "--passphrase-file", str(phrase)]) == 0
    assert "3 key(s)" in capsys.readouterr().out

    assert main(["--data-dir", home, "audit", "verify"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", home, "receipt", "check", f"{number} {code}"]) == 0
    assert capsys.readouterr().out.startswith(f"GENUINE: {number}")
    assert main(["--data-dir", home, "verify"]) == 0, capsys.readouterr()
    # A second import of the same file changes nothing; a file of another desk is refused.
    assert main(["--data-dir", home, "keys", "import", str(backup), "--passphrase-file", str(phrase)]) == 0
    other = str(tmp_path / "other")
    _init(other, tmp_path, cases=0)
    capsys.readouterr()
    assert main(["--data-dir", other, "keys", "import", str(backup), "--passphrase-file", str(phrase)]) == 2
    assert capsys.readouterr().err.rstrip().endswith("[key_backup_other_desk]")


def test_a_short_passphrase_and_an_altered_recovery_file_are_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = str(tmp_path / "desk")
    _init(home, tmp_path, cases=0)
    short = tmp_path / "short.txt"
    short.write_text("123456\n", encoding="utf-8")
    backup = tmp_path / "keys.cdkeys"
    capsys.readouterr()
    assert main(["--data-dir", home, "keys", "export", "--out", str(backup), "--passphrase-file", str(short)]) == 2
    assert capsys.readouterr().err.rstrip().endswith("[passphrase_too_short]") and not backup.exists()
    phrase = tmp_path / "phrase.txt"
    phrase.write_text(PASSPHRASE, encoding="utf-8")
    assert main(["--data-dir", home, "keys", "export", "--out", str(backup), "--passphrase-file", str(phrase)]) == 0
    document = json.loads(backup.read_text(encoding="utf-8"))
    document["n"] = document["n"] // 2  # the header is authenticated too
    backup.write_text(json.dumps(document), encoding="utf-8")
    capsys.readouterr()
    assert main(["--data-dir", home, "keys", "import", str(backup), "--passphrase-file", str(phrase)]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.endswith("[key_backup_passphrase]")
    fifo = tmp_path / "not-a-file"
    os.mkfifo(fifo)  # stands for a device such as /dev/null: never replaced by a rename
    capsys.readouterr()
    assert main(["--data-dir", home, "keys", "export", "--out", str(fifo), "--passphrase-file", str(phrase)]) == 2
    assert capsys.readouterr().err.rstrip().endswith("[output_not_file]") and not fifo.is_file()
    backup.write_text("garbage", encoding="utf-8")
    assert main(["--data-dir", home, "keys", "import", str(backup), "--passphrase-file", str(phrase)]) == 2
    assert capsys.readouterr().err.rstrip().endswith("[key_backup_invalid]")
